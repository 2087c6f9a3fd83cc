/**
 * The wall snapshot over HTTP (issue 15): a page that joins with nothing cached reads the wall compressed,
 * then opens the wall's websocket, whose sync then carries only what changed since.
 */

/** Path of a board's wall snapshot under the API. */
export function wallSnapshotPath(boardId: string): string {
  return `/api/boards/${encodeURIComponent(boardId)}/wall-snapshot`;
}

/** Response header naming the documents' epoch of the snapshot: a page of another epoch must not apply it. */
export const WALL_SNAPSHOT_EPOCH_HEADER = 'X-Document-Epoch';

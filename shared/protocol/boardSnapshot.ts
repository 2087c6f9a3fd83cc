/**
 * The board snapshot over HTTP (issue 15, ADR 0008): a page that joins with nothing cached reads the
 * brief and the wall in one compressed response, then opens their websockets, whose sync then carries
 * only what changed since. The body is two lib0 length-prefixed byte arrays: the brief's state as one
 * Yjs update, then the wall's.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** Path of a board's snapshot under the API. */
export function boardSnapshotPath(boardId: string): string {
  return `/api/boards/${encodeURIComponent(boardId)}/snapshot`;
}

/** Response header naming the documents' epoch of the snapshot: a page of another epoch must not apply it. */
export const SNAPSHOT_EPOCH_HEADER = 'X-Document-Epoch';

/** The documents a snapshot carries. */
export interface BoardSnapshot {
  brief: Uint8Array;
  wall: Uint8Array;
}

export function encodeBoardSnapshot(snapshot: BoardSnapshot): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint8Array(encoder, snapshot.brief);
  encoding.writeVarUint8Array(encoder, snapshot.wall);
  return encoding.toUint8Array(encoder);
}

/** The two documents' updates, or null when the bytes are not a snapshot. */
export function decodeBoardSnapshot(bytes: Uint8Array): BoardSnapshot | null {
  try {
    const decoder = decoding.createDecoder(bytes);
    const brief = decoding.readVarUint8Array(decoder);
    const wall = decoding.readVarUint8Array(decoder);
    // A length past the end may still read from a larger underlying buffer: check it ourselves.
    if (decoder.pos !== bytes.byteLength) return null;
    return { brief, wall };
  } catch {
    return null;
  }
}

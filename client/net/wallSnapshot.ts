/**
 * Reads the board's wall over HTTP before its websocket opens, when this device has no copy of it: the
 * server sends it compressed (brotli or gzip), a third or less of what the websocket would send on a slow
 * venue link, and the websocket's sync then carries only what changed since. Any failure (offline, an old
 * server, another epoch) gives null, and the websocket sends the whole wall as before.
 *
 * A device on its first visit to a board starts the request alongside the board's own (`prefetchWallSnapshot`),
 * so the phone does not wait a round trip more; the wall's document then takes that answer.
 */
import { WALL_SNAPSHOT_EPOCH_HEADER, wallSnapshotPath } from '../../shared/protocol/wallSnapshot.js';

/** Longer than this and the websocket is the better bet. */
const SNAPSHOT_TIMEOUT_MS = 8_000;

interface Snapshot {
  bytes: Uint8Array;
  epoch: string;
}

/** Requests started early, by board: each is taken once. */
const started = new Map<string, Promise<Snapshot | null>>();

/** Starts reading the wall now, for a page about to open it with no copy on this device. */
export function prefetchWallSnapshot(boardId: string): void {
  if (!started.has(boardId)) started.set(boardId, request(boardId));
}

/** The wall as sent for documents of `epoch`, from a request started early or a new one; null when it cannot be had. */
export async function fetchWallSnapshot(boardId: string, epoch: string): Promise<Uint8Array | null> {
  const early = started.get(boardId);
  started.delete(boardId);
  const snapshot = await (early ?? request(boardId));
  return snapshot !== null && snapshot.epoch === epoch ? snapshot.bytes : null;
}

async function request(boardId: string): Promise<Snapshot | null> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), SNAPSHOT_TIMEOUT_MS);
  try {
    const response = await fetch(wallSnapshotPath(boardId), { credentials: 'same-origin', signal: abort.signal });
    const epoch = response.headers.get(WALL_SNAPSHOT_EPOCH_HEADER);
    if (!response.ok || epoch === null) return null;
    return { bytes: new Uint8Array(await response.arrayBuffer()), epoch };
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads the board's wall over HTTP before its websocket opens, when this device has no copy of it: the
 * server sends it compressed (brotli or gzip), a third or less of what the websocket would send on a slow
 * venue link, and the websocket's sync then carries only what changed since. Any failure (offline, an old
 * server, another epoch) gives null, and the websocket sends the whole wall as before.
 */
import { WALL_SNAPSHOT_EPOCH_HEADER, wallSnapshotPath } from '../../shared/protocol/wallSnapshot.js';

/** Longer than this and the websocket is the better bet. */
const SNAPSHOT_TIMEOUT_MS = 8_000;

export async function fetchWallSnapshot(boardId: string, epoch: string): Promise<Uint8Array | null> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), SNAPSHOT_TIMEOUT_MS);
  try {
    const response = await fetch(wallSnapshotPath(boardId), { credentials: 'same-origin', signal: abort.signal });
    if (!response.ok || response.headers.get(WALL_SNAPSHOT_EPOCH_HEADER) !== epoch) return null;
    return new Uint8Array(await response.arrayBuffer());
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

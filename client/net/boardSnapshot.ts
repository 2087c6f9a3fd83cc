/**
 * Reads the board's brief and wall over HTTP before their websockets open, when this device has no copy
 * of them (ADR 0008): the server sends them compressed (brotli or gzip), a quarter or less of what the
 * websockets would send on a slow venue link, and the websockets' sync then carries only what changed
 * since. Any failure (offline, an old server, another epoch) gives null, and the websockets send
 * everything as before.
 *
 * One request serves both documents. A device on its first visit to a board starts it alongside the board's
 * own request (`prefetchBoardSnapshot`), so the phone does not wait a round trip more.
 */
import { SNAPSHOT_EPOCH_HEADER, boardSnapshotPath, decodeBoardSnapshot, type BoardSnapshot } from '../../shared/protocol/boardSnapshot.js';

/** Longer than this and the websockets are the better bet. */
const SNAPSHOT_TIMEOUT_MS = 8_000;
/** A request nobody took (the documents had copies after all) is dropped after this long, in ms. */
const UNTAKEN_FOR_MS = 30_000;

type DocumentPart = keyof BoardSnapshot;

interface Request {
  answer: Promise<{ snapshot: BoardSnapshot; epoch: string } | null>;
  taken: Set<DocumentPart>;
}

/** Requests under way or answered, by board, until both documents took their part. */
const requests = new Map<string, Request>();

/** Starts reading the board now, for a page about to open it with no copy on this device. */
export function prefetchBoardSnapshot(boardId: string): void {
  requestFor(boardId);
}

/** One document's content as sent for documents of `epoch`; null when it cannot be had. */
export async function snapshotPartOf(boardId: string, epoch: string, part: DocumentPart): Promise<Uint8Array | null> {
  const request = requestFor(boardId);
  request.taken.add(part);
  if (request.taken.size === 2) requests.delete(boardId);
  const answer = await request.answer;
  return answer !== null && answer.epoch === epoch ? answer.snapshot[part] : null;
}

function requestFor(boardId: string): Request {
  let request = requests.get(boardId);
  if (!request) {
    request = { answer: read(boardId), taken: new Set() };
    requests.set(boardId, request);
    const started = request;
    setTimeout(() => requests.get(boardId) === started && requests.delete(boardId), UNTAKEN_FOR_MS);
  }
  return request;
}

async function read(boardId: string): Promise<{ snapshot: BoardSnapshot; epoch: string } | null> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), SNAPSHOT_TIMEOUT_MS);
  try {
    const response = await fetch(boardSnapshotPath(boardId), { credentials: 'same-origin', signal: abort.signal });
    const epoch = response.headers.get(SNAPSHOT_EPOCH_HEADER);
    if (!response.ok || epoch === null) return null;
    const snapshot = decodeBoardSnapshot(new Uint8Array(await response.arrayBuffer()));
    return snapshot === null ? null : { snapshot, epoch };
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

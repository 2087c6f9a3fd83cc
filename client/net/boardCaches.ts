/**
 * What this device keeps of one board so the board page opens without a network: the documents' IndexedDB
 * caches (y-indexeddb, `oiw:<epoch>:<boardId>/…`, see yjsProvider.ts) and the last answer of
 * `GET /api/boards/<id>` (localStorage). Dropped when the person is removed from the board: a shared
 * phone must not keep showing a board its owner may no longer see.
 */
import type { BoardResponse } from '../../shared/protocol/api.js';

const BOARD_KEY_PREFIX = 'oiw:board:';

function boardKey(boardId: string): string {
  return `${BOARD_KEY_PREFIX}${boardId}`;
}

/** Keeps the last answer about a board (its title, the viewer's rights, the documents' epoch). Best effort. */
export function rememberBoard(response: BoardResponse): void {
  try {
    localStorage.setItem(boardKey(response.board.id), JSON.stringify(response));
  } catch {
    // Storage full or disabled (some private modes): the page simply will not open offline.
  }
}

/** The last answer kept for this board, or null. Only its shape is checked: it came from our own server. */
export function rememberedBoard(boardId: string): BoardResponse | null {
  try {
    const text = localStorage.getItem(boardKey(boardId));
    if (text === null) return null;
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const candidate = parsed as Partial<BoardResponse>;
    if (candidate.board?.id !== boardId || typeof candidate.documents?.epoch !== 'string' || typeof candidate.viewer?.role !== 'string') return null;
    return candidate as BoardResponse;
  } catch {
    return null;
  }
}

/** Deletes everything this device kept of the board: its answer and every cached document of any epoch. */
export async function dropBoardCaches(boardId: string): Promise<void> {
  try {
    localStorage.removeItem(boardKey(boardId));
  } catch {
    // Nothing kept.
  }
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return;
  try {
    for (const { name } of await indexedDB.databases()) {
      if (name !== undefined && name.startsWith('oiw:') && name.includes(`:${boardId}/`)) indexedDB.deleteDatabase(name);
    }
  } catch (error) {
    console.error('Could not drop the board’s offline copies', error);
  }
}

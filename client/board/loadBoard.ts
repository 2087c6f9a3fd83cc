import type { BoardResponse } from '../../shared/protocol/api.js';
import type { Api } from '../net/api.js';
import { rememberBoard, rememberedBoard } from '../net/boardCaches.js';
import { ApiError } from '../net/http.js';
import { prefetchBoardSnapshot } from '../net/boardSnapshot.js';

/**
 * The board and the viewer's rights: from the server, kept on the device; or, when the server cannot be
 * reached at all (a phone that lost the venue wifi reloads), the copy kept last time, so the wall opens
 * from the device's caches. A server's refusal is never replaced by the copy.
 */
export async function loadBoard(api: Api, boardId: string): Promise<BoardResponse> {
  // A first visit has no copy of the brief and wall: read them alongside the board, not a round trip later.
  if (rememberedBoard(boardId) === null) prefetchBoardSnapshot(boardId);
  try {
    const fresh = await api.getBoard(boardId);
    rememberBoard(fresh);
    return fresh;
  } catch (error) {
    const kept = error instanceof ApiError && error.status === 0 ? rememberedBoard(boardId) : null;
    if (kept === null) throw error;
    return kept;
  }
}

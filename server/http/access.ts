import type { Response } from 'express';
import type { PersonRole } from '../../shared/protocol/api.js';
import type { Viewer } from '../auth/sessions.js';
import { AppError } from '../errors.js';
import type { BoardRecord, BoardsPort, OfficersPort } from '../store/store.js';
import { requireOfficer, requireViewer } from './middleware/session.js';

export interface BoardAccess {
  board: BoardRecord;
  viewer: Viewer;
  role: PersonRole;
}

/**
 * The viewer's access to one board. Someone with no business on the board gets the same 404 as for a board
 * that does not exist, so ids of other boards cannot be probed.
 */
export async function boardAccess(store: BoardsPort & OfficersPort, res: Response, boardId: string): Promise<BoardAccess> {
  const viewer = requireViewer(res);
  const board = await store.findBoard(boardId);
  const notFound = new AppError('not-found', 'There is no board here, or you do not have access to it.');
  if (!board) throw notFound;
  if (viewer.kind === 'officer') {
    if (!(await store.isBoardOfficer(board.id, viewer.account.id))) throw notFound;
    return { board, viewer, role: 'officer' };
  }
  if (viewer.participant.boardId !== board.id) throw notFound;
  return { board, viewer, role: viewer.kind };
}

/** Like boardAccess, but only for the board's own officers (403 for participants and observers). */
export async function officerBoardAccess(
  store: BoardsPort & OfficersPort,
  res: Response,
  boardId: string,
): Promise<BoardAccess & { accountId: string }> {
  const officer = requireOfficer(res);
  const access = await boardAccess(store, res, boardId);
  return { ...access, accountId: officer.account.id };
}

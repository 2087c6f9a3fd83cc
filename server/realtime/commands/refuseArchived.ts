/**
 * An archived board is read-only for everyone: commands that change its workshop state (phase,
 * schedule) are refused with 'board-archived'. Null when the board is open.
 */
import { ERROR_CODES } from '../../../shared/protocol/api.js';
import type { BoardsPort } from '../../store/store.js';
import { refuse } from './officerCommand.js';

export async function refuseIfArchived(store: BoardsPort, boardId: string): Promise<ReturnType<typeof refuse> | null> {
  const board = await store.findBoard(boardId);
  if (board?.status === 'archived') return refuse(ERROR_CODES.boardArchived, 'This board is archived. Restore it to change its phase or schedule.');
  return null;
}

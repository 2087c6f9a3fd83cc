import type { BoardResponse } from '../../../shared/protocol/api.js';
import { useBoardDocuments } from '../../board/useBoardDocuments.js';
import { useBoardSocket } from '../../board/useBoardSocket.js';
import { useLiveBoard } from '../../board/useLiveBoard.js';
import '../../styles/wall.css';
import '../../styles/clusters.css';
import { WallView } from './WallView.js';

/**
 * The live ideas wall of one board, for the viewer described by `board` (officer, participant or
 * observer). Opens the board's documents and its socket, and closes them when it goes away.
 */
export function Wall({ board: initialBoard }: { board: BoardResponse }) {
  const socket = useBoardSocket(initialBoard.board.id);
  const board = useLiveBoard(initialBoard, socket.boardChanges);
  const documents = useBoardDocuments(board);
  const wasArchivedHere = initialBoard.board.status === 'open' && board.board.status === 'archived';
  return <WallView board={board} documents={documents} socket={socket} wasArchivedHere={wasArchivedHere} />;
}

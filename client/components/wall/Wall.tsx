import type { BoardResponse } from '../../../shared/protocol/api.js';
import { AnonymityContext } from '../../board/AnonymityContext.js';
import { useAnonymity } from '../../board/useAnonymity.js';
import { useBoardDocuments } from '../../board/useBoardDocuments.js';
import { useBoardSocket } from '../../board/useBoardSocket.js';
import { useLiveBoard } from '../../board/useLiveBoard.js';
import '../../styles/wall.css';
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
  const anonymity = useAnonymity(board.board.id, documents.brief?.doc ?? null, documents.wall?.doc ?? null, board.viewer.role === 'officer');
  return (
    <AnonymityContext.Provider value={anonymity}>
      <WallView board={board} documents={documents} socket={socket} wasArchivedHere={wasArchivedHere} />
    </AnonymityContext.Provider>
  );
}

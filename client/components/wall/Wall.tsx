import { useCallback, useEffect, useState } from 'react';
import type { BoardResponse } from '../../../shared/protocol/api.js';
import { AnonymityContext } from '../../board/AnonymityContext.js';
import { useAnonymity } from '../../board/useAnonymity.js';
import { useBoardDocuments } from '../../board/useBoardDocuments.js';
import { useBoardSocket } from '../../board/useBoardSocket.js';
import { useLiveBoard } from '../../board/useLiveBoard.js';
import '../../styles/wall.css';
import '../../styles/clusters.css';
import type { BoardSocketSnapshot } from '../../net/socket.js';
import { NotOpenYet } from './NotOpenYet.js';
import { WallView } from './WallView.js';

/**
 * The live ideas wall of one board, for the viewer described by `board` (officer, participant or
 * observer). Opens the board's documents and its socket, and closes them when it goes away.
 */
export function Wall({ board: initialBoard, onRemoved }: { board: BoardResponse; onRemoved(): void }) {
  const socket = useBoardSocket(initialBoard.board.id);
  // Issue 14: a removed participant or observer leaves the wall for a page that says so (officers removed
  // from a board keep the wall's own notice, with a way to their other boards).
  const isRemovedViewer = initialBoard.viewer.role !== 'officer';
  const isRemovedBySocket = isRemovedViewer && socket.removedReason !== null;
  useEffect(() => {
    if (isRemovedBySocket) onRemoved();
  }, [isRemovedBySocket, onRemoved]);
  // Read again on every phase change too: the phase decides whether this viewer may open the documents.
  const board = useLiveBoard(initialBoard, socket.boardChanges + socket.phaseChanges);
  const wasArchivedHere = initialBoard.board.status === 'open' && board.board.status === 'archived';
  // The documents were refused as "not open yet" (4425) since the last phase change: the board went to
  // draft before this page heard. The next phase change opens them again.
  const [refusedAtPhaseChange, setRefusedAtPhaseChange] = useState<number | null>(null);
  const onNotOpenYet = useCallback(() => setRefusedAtPhaseChange(socket.phaseChanges), [socket.phaseChanges]);
  // In draft the server refuses participants' and observers' documents: do not open them; wait instead.
  if (board.viewer.role !== 'officer' && (board.phase === 'draft' || refusedAtPhaseChange === socket.phaseChanges)) {
    return <NotOpenYet title={board.board.title} opensAt={board.opensAt} />;
  }
  return (
    <OpenWall board={board} socket={socket} wasArchivedHere={wasArchivedHere} onNotOpenYet={onNotOpenYet} onRemoved={isRemovedViewer ? onRemoved : undefined} />
  );
}

interface OpenWallProps {
  board: BoardResponse;
  socket: BoardSocketSnapshot;
  wasArchivedHere: boolean;
  onNotOpenYet(): void;
  /** Called when a document was closed as "removed from the board" (4410), if that ends this page. */
  onRemoved: (() => void) | undefined;
}

/** The wall with its documents open (they close when it goes away, e.g. the board went back to draft). */
function OpenWall({ board, socket, wasArchivedHere, onNotOpenYet, onRemoved }: OpenWallProps) {
  const documents = useBoardDocuments(board);
  const isNotOpenYet = documents.connection.stopReason === 'not-open-yet';
  const isRemoved = documents.connection.stopReason === 'removed';
  useEffect(() => {
    if (isRemoved) onRemoved?.();
  }, [isRemoved, onRemoved]);
  useEffect(() => {
    if (isNotOpenYet) onNotOpenYet();
  }, [isNotOpenYet, onNotOpenYet]);
  const anonymity = useAnonymity(board.board.id, documents.brief?.doc ?? null, documents.wall?.doc ?? null, board.viewer.role === 'officer');
  return (
    <AnonymityContext.Provider value={anonymity}>
      <WallView board={board} documents={documents} socket={socket} wasArchivedHere={wasArchivedHere} />
    </AnonymityContext.Provider>
  );
}

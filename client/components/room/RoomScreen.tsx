import { useCallback, useEffect, useState } from 'react';
import type { BoardResponse } from '../../../shared/protocol/api.js';
import { useBoardDocuments } from '../../board/useBoardDocuments.js';
import { useBoardSocket } from '../../board/useBoardSocket.js';
import { useLiveBoard } from '../../board/useLiveBoard.js';
import type { BoardSocketSnapshot } from '../../net/socket.js';
import '../../styles/room.css';
import { RoomView } from './RoomView.js';
import { RoomWaiting } from './RoomWaiting.js';

/**
 * The room screen's live connection: the board's socket and documents, opened exactly as the wall
 * opens them (see `Wall`), so the room shows what the wall shows and nothing more.
 */
export function RoomScreen({ board: initialBoard }: { board: BoardResponse }) {
  const socket = useBoardSocket(initialBoard.board.id);
  const board = useLiveBoard(initialBoard, socket.boardChanges + socket.phaseChanges);
  const [refusedAtPhaseChange, setRefusedAtPhaseChange] = useState<number | null>(null);
  const onNotOpenYet = useCallback(() => setRefusedAtPhaseChange(socket.phaseChanges), [socket.phaseChanges]);
  if (board.viewer.role !== 'officer' && (board.phase === 'draft' || refusedAtPhaseChange === socket.phaseChanges)) {
    return <RoomWaiting board={board} />;
  }
  return <OpenRoom board={board} socket={socket} onNotOpenYet={onNotOpenYet} />;
}

function OpenRoom({ board, socket, onNotOpenYet }: { board: BoardResponse; socket: BoardSocketSnapshot; onNotOpenYet(): void }) {
  const documents = useBoardDocuments(board);
  const isNotOpenYet = documents.connection.stopReason === 'not-open-yet';
  useEffect(() => {
    if (isNotOpenYet) onNotOpenYet();
  }, [isNotOpenYet, onNotOpenYet]);
  return <RoomView board={board} documents={documents} socket={socket} />;
}

import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { connectBoardSocket, sendNowhere, type BoardSocket, type BoardSocketSnapshot } from '../net/socket.js';

const NOT_CONNECTED: BoardSocketSnapshot = {
  isConnected: false,
  isRefused: false,
  noteStatus: null,
  removedReason: null,
  boardChanges: 0,
  canStore: true,
  isOutdated: false,
  phaseChanges: 0,
  sendCommand: sendNowhere,
};

/** The board page's socket.io connection (one per board page), closed on unmount. */
export function useBoardSocket(boardId: string): BoardSocketSnapshot {
  const [socket, setSocket] = useState<BoardSocket | null>(null);
  useEffect(() => {
    const opened = connectBoardSocket(boardId);
    setSocket(opened);
    return () => {
      opened.destroy();
      setSocket(null);
    };
  }, [boardId]);
  const subscribe = useCallback((listener: () => void) => (socket ? socket.subscribe(listener) : () => {}), [socket]);
  const getSnapshot = useCallback(() => (socket ? socket.getSnapshot() : NOT_CONNECTED), [socket]);
  return useSyncExternalStore(subscribe, getSnapshot);
}

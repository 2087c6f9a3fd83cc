import { useEffect, useState } from 'react';
import type { BoardResponse } from '../../shared/protocol/api.js';
import { rememberBoard } from '../net/boardCaches.js';
import { ApiError } from '../net/http.js';
import { useSession } from '../session/SessionContext.js';

/**
 * The board and the viewer's rights, fetched again whenever `changes` grows (the board was archived
 * or restored), so the wall offers only what the server now allows.
 */
export function useLiveBoard(initial: BoardResponse, changes: number): BoardResponse {
  const { api } = useSession();
  const [board, setBoard] = useState(initial);
  useEffect(() => setBoard(initial), [initial]);
  useEffect(() => {
    if (changes === 0) return;
    let isCurrent = true;
    api.getBoard(initial.board.id).then(
      (fresh) => {
        rememberBoard(fresh);
        if (isCurrent) setBoard(fresh);
      },
      (error: unknown) => {
        // A refusal (session ended, removed) also closes the documents, which say so on the wall; no
        // answer at all (offline, status 0) is what the connection status already says.
        if (error instanceof ApiError && error.status < 500) return;
        console.error('Could not reload the board after its status changed', error);
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [api, initial.board.id, changes]);
  return board;
}

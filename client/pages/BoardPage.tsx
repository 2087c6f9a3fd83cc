import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { loadBoard } from '../board/loadBoard.js';
import { ApiFailure } from '../components/ApiFailure.js';
import { BoardFrame } from '../components/BoardFrame.js';
import { LoadingMessage } from '../components/LoadingMessage.js';
import { Wall } from '../components/wall/Wall.js';
import { usePageTitle } from '../hooks/usePageTitle.js';
import { useResource } from '../hooks/useResource.js';
import { dropBoardCaches } from '../net/boardCaches.js';
import { registerAppShellWorker } from '../serviceWorker/registerAppShellWorker.js';
import { useSession } from '../session/SessionContext.js';
import { RemovedFromBoardPage } from './RemovedFromBoardPage.js';
import { SessionEndedPage } from './SessionEndedPage.js';

/** A board, for anyone with a session on it: officers, participants and observers. */
export function BoardPage() {
  const { boardId = '' } = useParams();
  const { api, session } = useSession();
  const [board] = useResource(() => loadBoard(api, boardId), boardId);
  // Issue 14: the organiser removed this person while the page was open (or before it loaded).
  const [isRemoved, setRemoved] = useState(false);
  const onRemoved = useCallback(() => setRemoved(true), []);
  const wasRefusedAsRemoved = board.status === 'failed' && board.error.code === 'removed-from-board';
  usePageTitle(board.status === 'ready' ? board.data.board.title : 'Board');

  // Issue 14: a phone that loses the venue wifi can reload this page (the worker keeps the app's files).
  useEffect(registerAppShellWorker, []);

  useEffect(() => {
    // Once the wall has gone (its documents closed), so the caches are not in use.
    if (isRemoved || wasRefusedAsRemoved) void dropBoardCaches(boardId);
  }, [isRemoved, wasRefusedAsRemoved, boardId]);

  if (isRemoved || wasRefusedAsRemoved) return <RemovedFromBoardPage />;
  if (board.status === 'loading') return <LoadingMessage />;
  if (board.status === 'failed') {
    // Only officers can sign in again; a participant's way back is their invitation link or event code.
    if (board.error.status === 401 && session?.kind !== 'officer') return <SessionEndedPage />;
    return <ApiFailure error={board.error} />;
  }
  return (
    <BoardFrame board={board.data.board} viewer={board.data.viewer}>
      <Wall board={board.data} onRemoved={onRemoved} />
    </BoardFrame>
  );
}

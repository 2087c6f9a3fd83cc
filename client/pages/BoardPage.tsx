import { useParams } from 'react-router-dom';
import { ApiFailure } from '../components/ApiFailure.js';
import { BoardFrame } from '../components/BoardFrame.js';
import { LoadingMessage } from '../components/LoadingMessage.js';
import { Wall } from '../components/wall/Wall.js';
import { usePageTitle } from '../hooks/usePageTitle.js';
import { useResource } from '../hooks/useResource.js';
import { useSession } from '../session/SessionContext.js';
import { SessionEndedPage } from './SessionEndedPage.js';

/** A board, for anyone with a session on it: officers, participants and observers. */
export function BoardPage() {
  const { boardId = '' } = useParams();
  const { api, session } = useSession();
  const [board] = useResource(() => api.getBoard(boardId), boardId);
  usePageTitle(board.status === 'ready' ? board.data.board.title : 'Board');

  if (board.status === 'loading') return <LoadingMessage />;
  if (board.status === 'failed') {
    // Only officers can sign in again; a participant's way back is their invitation link or event code.
    if (board.error.status === 401 && session?.kind !== 'officer') return <SessionEndedPage />;
    return <ApiFailure error={board.error} />;
  }
  return (
    <BoardFrame board={board.data.board} viewer={board.data.viewer}>
      <Wall board={board.data} />
    </BoardFrame>
  );
}

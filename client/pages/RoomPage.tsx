import { useParams } from 'react-router-dom';
import { ApiFailure } from '../components/ApiFailure.js';
import { LoadingMessage } from '../components/LoadingMessage.js';
import { RoomScreen } from '../components/room/RoomScreen.js';
import { usePageTitle } from '../hooks/usePageTitle.js';
import { useResource } from '../hooks/useResource.js';
import { useSession } from '../session/SessionContext.js';
import { SessionEndedPage } from './SessionEndedPage.js';

/**
 * The room screen of a board (issue 14): the live wall for the projector, with no site chrome. Officers
 * open it with "Present"; the laptop in the hall may open it with an observer session instead.
 */
export function RoomPage() {
  const { boardId = '' } = useParams();
  const { api, session } = useSession();
  const [board] = useResource(() => api.getBoard(boardId), boardId);
  usePageTitle(board.status === 'ready' ? `Room screen: ${board.data.board.title}` : 'Room screen');

  if (board.status === 'loading') return <LoadingMessage />;
  if (board.status === 'failed') {
    if (board.error.status === 401 && session?.kind !== 'officer') return <SessionEndedPage />;
    return <ApiFailure error={board.error} />;
  }
  return <RoomScreen board={board.data} />;
}

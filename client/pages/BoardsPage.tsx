import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { BoardView } from '../../shared/protocol/api.js';
import { ApiFailure } from '../components/ApiFailure.js';
import { BoardList } from '../components/BoardList.js';
import { InvitationsToYouSection } from '../components/InvitationsToYouSection.js';
import { LoadingMessage } from '../components/LoadingMessage.js';
import { PageHeading } from '../components/PageHeading.js';
import { SignInRedirect } from '../components/SignInRedirect.js';
import { usePageTitle } from '../hooks/usePageTitle.js';
import { useResource } from '../hooks/useResource.js';
import { useSession } from '../session/SessionContext.js';

function newestFirst(boards: readonly BoardView[]): BoardView[] {
  return [...boards].sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
}

/** An officer's dashboard: invitations waiting for their answer, their open boards, then their archived ones. */
export function BoardsPage() {
  const { api } = useSession();
  const [boards, reloadBoards] = useResource(() => api.listBoards(), 'boards');
  const [isSessionEnded, setSessionEnded] = useState(false);
  usePageTitle('Your boards');

  if (isSessionEnded) return <SignInRedirect />;
  if (boards.status === 'loading') return <LoadingMessage />;
  if (boards.status === 'failed') return <ApiFailure error={boards.error} />;

  const all = newestFirst(boards.data.boards);
  const open = all.filter((board) => board.status === 'open');
  const archived = all.filter((board) => board.status === 'archived');
  return (
    <>
      <PageHeading>Your boards</PageHeading>
      <Link to="/boards/new" className="button" draggable={false}>
        Create a board
      </Link>

      <InvitationsToYouSection onAccepted={reloadBoards} onSessionEnded={() => setSessionEnded(true)} />

      <section className="section" aria-labelledby="open-boards-heading">
        <h2 className="heading-l" id="open-boards-heading">
          Open boards
        </h2>
        {open.length === 0 ? (
          <p className="body">You have no open boards. Create a board to start an engagement.</p>
        ) : (
          <BoardList boards={open} />
        )}
      </section>

      {archived.length > 0 && (
        <section className="section" aria-labelledby="archived-boards-heading">
          <h2 className="heading-l" id="archived-boards-heading">
            Archived boards
          </h2>
          <p className="body">Archived boards are read-only. You can restore one from its settings.</p>
          <BoardList boards={archived} />
        </section>
      )}
    </>
  );
}

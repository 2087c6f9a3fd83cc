import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { BoardView } from '../../shared/protocol/api.js';
import { ApiFailure } from '../components/ApiFailure.js';
import { ArchiveSection } from '../components/ArchiveSection.js';
import { BoardDetailsForm } from '../components/BoardDetailsForm.js';
import { BoardStatusTag } from '../components/BoardStatusTag.js';
import { ExportSection } from '../components/ExportSection.js';
import { InviteLinksSection } from '../components/InviteLinksSection.js';
import { JoinEmailSetting } from '../components/JoinEmailSetting.js';
import { LoadingMessage } from '../components/LoadingMessage.js';
import { OfficerChangesSection } from '../components/OfficerChangesSection.js';
import { OfficersSection } from '../components/OfficersSection.js';
import { PageHeading } from '../components/PageHeading.js';
import { ParticipantsSection } from '../components/ParticipantsSection.js';
import { SignInRedirect } from '../components/SignInRedirect.js';
import { usePageTitle } from '../hooks/usePageTitle.js';
import { useResource } from '../hooks/useResource.js';
import { useSession } from '../session/SessionContext.js';
import { NotFoundPage } from './NotFoundPage.js';

/** An officer's page for one board: its details, invitation links, officers and their changes, and archiving. */
export function BoardSettingsPage() {
  const { boardId = '' } = useParams();
  const { api } = useSession();
  const [board, , replaceBoard] = useResource(() => api.getBoard(boardId), boardId);
  const [links, reloadLinks] = useResource(() => api.listInviteLinks(boardId), boardId);
  const [isSessionEnded, setSessionEnded] = useState(false);
  const [officersVersion, setOfficersVersion] = useState(0);
  usePageTitle(board.status === 'ready' ? `Settings: ${board.data.board.title}` : 'Board settings');

  if (isSessionEnded) return <SignInRedirect />;
  if (board.status === 'loading') return <LoadingMessage />;
  if (board.status === 'failed') return <ApiFailure error={board.error} />;
  // The API lets only officers see settings; anyone else is told the page does not exist.
  if (board.data.viewer.role !== 'officer') return <NotFoundPage />;

  const current = board.data.board;
  const onSessionEnded = () => setSessionEnded(true);
  const handleBoardChanged = (changed: BoardView) => {
    replaceBoard({ ...board.data, board: changed });
    reloadLinks();
  };
  const allLinks = links.status === 'ready' ? links.data.links : [];

  return (
    <>
      <PageHeading caption={<span className="break-words">{current.title}</span>}>
        Board settings and invitations
      </PageHeading>
      <p className="body settings-status">
        <BoardStatusTag status={current.status} />{' '}
        <Link to={`/boards/${encodeURIComponent(current.id)}`}>Go to the board</Link>
      </p>
      <BoardDetailsForm
        board={current}
        onSaved={handleBoardChanged}
        onSessionEnded={onSessionEnded}
      />
      {links.status === 'loading' && <LoadingMessage>Loading invitation links…</LoadingMessage>}
      {links.status === 'failed' && (
        <p className="body">Sorry, we could not load the invitation links. {links.error.message}</p>
      )}
      {(['participant', 'observer'] as const).map((role) => (
        <InviteLinksSection
          key={role}
          boardId={current.id}
          role={role}
          links={allLinks.filter((link) => link.role === role)}
          isArchived={current.status === 'archived'}
          onLinksChanged={reloadLinks}
          onSessionEnded={onSessionEnded}
        />
      ))}
      <JoinEmailSetting board={current} onSaved={handleBoardChanged} onSessionEnded={onSessionEnded} />
      <ParticipantsSection boardId={current.id} onSessionEnded={onSessionEnded} />
      <OfficersSection
        boardId={current.id}
        onSessionEnded={onSessionEnded}
        onOfficersChanged={() => setOfficersVersion((version) => version + 1)}
      />
      <OfficerChangesSection boardId={current.id} version={officersVersion} />
      <ExportSection boardId={current.id} />
      <ArchiveSection board={current} onChanged={handleBoardChanged} onSessionEnded={onSessionEnded} />
    </>
  );
}

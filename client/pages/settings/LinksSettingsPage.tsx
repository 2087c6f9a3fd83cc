import type { BoardView } from '../../../shared/protocol/api.js';
import { InviteLinksSection } from '../../components/InviteLinksSection.js';
import { JoinEmailSetting } from '../../components/JoinEmailSetting.js';
import { LoadingMessage } from '../../components/LoadingMessage.js';
import { useResource } from '../../hooks/useResource.js';
import { useSession } from '../../session/SessionContext.js';
import { useSettingsContext } from './SettingsContext.js';

/** Settings, how people join: participant and observer links with their event codes and QR screens, and the email question. */
export function LinksSettingsPage() {
  const { api } = useSession();
  const { board, onBoardChanged, onSessionEnded } = useSettingsContext();
  const [links, reloadLinks] = useResource(() => api.listInviteLinks(board.id), board.id);
  const allLinks = links.status === 'ready' ? links.data.links : [];
  const handleBoardChanged = (changed: BoardView) => {
    onBoardChanged(changed);
    reloadLinks();
  };
  return (
    <>
      {links.status === 'loading' && <LoadingMessage>Loading invitation links…</LoadingMessage>}
      {links.status === 'failed' && <p className="body">Sorry, we could not load the invitation links. {links.error.message}</p>}
      {(['participant', 'observer'] as const).map((role) => (
        <InviteLinksSection
          key={role}
          boardId={board.id}
          role={role}
          links={allLinks.filter((link) => link.role === role)}
          isArchived={board.status === 'archived'}
          onLinksChanged={reloadLinks}
          onSessionEnded={onSessionEnded}
        />
      ))}
      <JoinEmailSetting board={board} onSaved={handleBoardChanged} onSessionEnded={onSessionEnded} />
    </>
  );
}

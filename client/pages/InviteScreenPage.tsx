import { Link, useParams } from 'react-router-dom';
import type { InviteLinkView } from '../../shared/protocol/api.js';
import { ApiFailure } from '../components/ApiFailure.js';
import { LoadingMessage } from '../components/LoadingMessage.js';
import { PageHeading } from '../components/PageHeading.js';
import { usePageTitle } from '../hooks/usePageTitle.js';
import { useResource } from '../hooks/useResource.js';
import { inviteLinkQrCodeUrl } from '../net/api.js';
import { useSession } from '../session/SessionContext.js';
import { NotFoundPage } from './NotFoundPage.js';

/** The address people type, without the scheme: the invitation link's host (the server's public address). */
function hostOf(link: InviteLinkView): string {
  try {
    return new URL(link.url, window.location.href).host;
  } catch {
    return window.location.host;
  }
}

/** For the big screen in the room: the event code and QR code, readable from the back. */
export function InviteScreenPage() {
  const { boardId = '', linkId = '' } = useParams();
  const { api } = useSession();
  const [data] = useResource(
    () => Promise.all([api.getBoard(boardId), api.listInviteLinks(boardId)]),
    `${boardId}/${linkId}`,
  );
  usePageTitle(data.status === 'ready' ? `Join ${data.data[0].board.title}` : 'Event code');

  if (data.status === 'loading') return <LoadingMessage />;
  if (data.status === 'failed') return <ApiFailure error={data.error} />;
  const [{ board }, { links }] = data.data;
  const link = links.find((candidate) => candidate.id === linkId);
  if (!link) return <NotFoundPage />;

  const host = hostOf(link);
  const isActive = link.status === 'active';
  return (
    <div className="screen__content">
      <PageHeading className="screen__title break-words">{board.title}</PageHeading>
      {!isActive && (
        <p className="screen__warning" role="alert">
          This link {link.status === 'revoked' ? 'has been revoked' : 'has expired'}. Nobody can join with it.
        </p>
      )}
      {link.role === 'observer' && <p className="screen__role">Link for observers: watch the board live</p>}
      <div className="screen__panels">
        {link.code !== null && (
          <div className="screen__panel">
            <p className="screen__instruction">
              Go to <strong className="break-words">{host}</strong> and enter the code
            </p>
            <p className="screen__code" data-testid="event-code">
              {link.code}
            </p>
          </div>
        )}
        <div className="screen__panel">
          <p className="screen__instruction">{link.code !== null ? 'Or scan this QR code' : 'Scan this QR code'}</p>
          <img
            className="screen__qr"
            src={inviteLinkQrCodeUrl(board.id, link.id)}
            alt={`QR code. It opens the invitation link to join ${board.title}.`}
          />
          <p className="screen__url break-words">{link.url}</p>
        </div>
      </div>
      <p className="screen__back">
        <Link to={`/boards/${encodeURIComponent(board.id)}/settings`}>Back to board settings</Link>
      </p>
    </div>
  );
}

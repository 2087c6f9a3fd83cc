import type { PersonRole } from '../../../shared/protocol/api.js';
import { useResource } from '../../hooks/useResource.js';
import { useSession } from '../../session/SessionContext.js';

/** The address people type, without the scheme. */
function hostOf(url: string): string {
  try {
    return new URL(url, window.location.href).host;
  } catch {
    return window.location.host;
  }
}

/**
 * The corner that tells the room how to join: the event code and QR code of the board's newest active
 * participant link (the server picks it; officers and observers may read it).
 */
export function RoomInvite({ boardId, role }: { boardId: string; role: PersonRole }) {
  const { api } = useSession();
  const [answer] = useResource(() => (role === 'participant' ? Promise.resolve({ invite: null }) : api.getRoomInvite(boardId)), boardId);
  if (answer.status !== 'ready' || answer.data.invite === null) return null;
  const { invite } = answer.data;
  return (
    <section className="room-invite" data-testid="room-invite" aria-labelledby="room-invite-heading">
      <h2 className="room-invite__heading" id="room-invite-heading">
        Join in
      </h2>
      {invite.code !== null && (
        <>
          <p className="room-invite__instruction">
            Go to <strong className="break-words">{hostOf(invite.url)}</strong> and enter
          </p>
          <p className="room-invite__code" data-testid="room-event-code">
            {invite.code}
          </p>
        </>
      )}
      <img className="room-invite__qr" src={invite.qrCodePath} alt="QR code. It opens the invitation link to join this board." data-testid="room-qr" />
    </section>
  );
}

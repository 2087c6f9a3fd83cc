import { useState } from 'react';
import type { InviteOfficerResponse } from '../../shared/protocol/api.js';
import { formatDateTime } from '../format/dates.js';
import { useResource } from '../hooks/useResource.js';
import { useSession } from '../session/SessionContext.js';
import { CopyField } from './CopyField.js';
import { InviteOfficerForm } from './InviteOfficerForm.js';
import { LoadingMessage } from './LoadingMessage.js';
import { NotificationBanner } from './NotificationBanner.js';

interface OfficersSectionProps {
  boardId: string;
  onSessionEnded(): void;
}

function confirmation(result: InviteOfficerResponse): string {
  if ('added' in result) return `${result.added.name} can now run this board.`;
  return `Invitation created for ${result.invitation.email}. Copy this link and send it to them. It works once and is shown only now.`;
}

/** The board's officers (co-owners), pending invitations with their links, and a form to add another. */
export function OfficersSection({ boardId, onSessionEnded }: OfficersSectionProps) {
  const { api } = useSession();
  const [officers, reload] = useResource(() => api.listOfficers(boardId), boardId);
  const [lastResult, setLastResult] = useState<InviteOfficerResponse | null>(null);

  function handleInvited(result: InviteOfficerResponse): void {
    setLastResult(result);
    reload();
  }

  return (
    <section className="section settings-section" aria-labelledby="officers-heading">
      <h2 className="heading-l" id="officers-heading">
        Officers
      </h2>
      <p className="body">Officers run the board with you. They can change its details, invite people and moderate.</p>
      {lastResult !== null && (
        <NotificationBanner variant="success">
          <p className="notification-banner__heading">{confirmation(lastResult)}</p>
          {'invitation' in lastResult && lastResult.invitation.url && (
            <CopyField
              id="new-officer-invitation"
              label={`Invitation link for ${lastResult.invitation.email}`}
              value={lastResult.invitation.url}
              testId="officer-invitation-url"
            />
          )}
        </NotificationBanner>
      )}
      {officers.status === 'loading' && <LoadingMessage>Loading officers…</LoadingMessage>}
      {officers.status === 'failed' && (
        <p className="body">Sorry, we could not load the list of officers. {officers.error.message}</p>
      )}
      {officers.status === 'ready' && (
        <>
          <ul className="list officer-list">
            {officers.data.officers.map((officer) => (
              <li key={officer.id} className="officer-list__item">
                <span className="officer-list__name">{officer.name}</span>{' '}
                <span className="officer-list__email break-words">{officer.email}</span>
              </li>
            ))}
          </ul>
          {officers.data.invitations.length > 0 && (
            <>
              <h3 className="heading-m">Invitations not yet accepted</h3>
              <ul className="list invite-link-list">
                {officers.data.invitations.map((invitation) => (
                  <li key={invitation.id} className="invite-link">
                    <p className="body">
                      <strong className="break-words">{invitation.email}</strong>, invited{' '}
                      {formatDateTime(invitation.createdAt)}
                    </p>
                    {invitation.url ? (
                      <CopyField
                        id={`officer-invitation-${invitation.id}`}
                        label={`Invitation link for ${invitation.email}`}
                        value={invitation.url}
                        testId="officer-invitation-url"
                      />
                    ) : (
                      <p className="body hint">
                        For security the link is shown only once, when it is made. If it was lost, add this email
                        address again to make a new link.
                      </p>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      <div className="form-narrow">
        <InviteOfficerForm boardId={boardId} onInvited={handleInvited} onSessionEnded={onSessionEnded} />
      </div>
    </section>
  );
}

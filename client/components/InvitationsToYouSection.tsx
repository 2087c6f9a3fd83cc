import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { InvitationToYouView } from '../../shared/protocol/api.js';
import { formatDateTime } from '../format/dates.js';
import { useResource } from '../hooks/useResource.js';
import { ApiError } from '../net/http.js';
import { useSession } from '../session/SessionContext.js';
import { ConfirmButton } from './ConfirmButton.js';
import { NotificationBanner } from './NotificationBanner.js';

interface InvitationsToYouSectionProps {
  /** After accepting: the dashboard reads its boards again. */
  onAccepted(): void;
  onSessionEnded(): void;
}

type Outcome = { kind: 'accepted'; boardId: string; boardTitle: string } | { kind: 'declined'; boardTitle: string };

/**
 * "Invitations to you": boards whose officers invited the signed-in officer's account. Nothing happens
 * until they accept; declining closes the invitation. Shown only when there is something to answer.
 */
export function InvitationsToYouSection({ onAccepted, onSessionEnded }: InvitationsToYouSectionProps) {
  const { api } = useSession();
  const [invitations, reload] = useResource(() => api.listInvitationsToYou(), 'invitations-to-you');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  async function answer(invitation: InvitationToYouView, choice: 'accept' | 'decline'): Promise<void> {
    if (busyId !== null) return;
    setBusyId(invitation.id);
    setFailure(null);
    try {
      if (choice === 'accept') {
        const { boardId } = await api.acceptInvitationToYou(invitation.id);
        setOutcome({ kind: 'accepted', boardId, boardTitle: invitation.boardTitle });
        onAccepted();
      } else {
        await api.declineInvitationToYou(invitation.id);
        setOutcome({ kind: 'declined', boardTitle: invitation.boardTitle });
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return onSessionEnded();
      setOutcome(null);
      setFailure(error instanceof ApiError ? error.message : 'Sorry, that did not work. Try again.');
    } finally {
      setBusyId(null);
      reload();
    }
  }

  const waiting = invitations.status === 'ready' ? invitations.data.invitations : [];
  if (waiting.length === 0 && outcome === null && failure === null) return null;

  return (
    <section className="section" aria-labelledby="invitations-to-you-heading">
      <h2 className="heading-l" id="invitations-to-you-heading">
        Invitations to you
      </h2>
      {outcome?.kind === 'accepted' && (
        <NotificationBanner variant="success">
          <p className="notification-banner__heading">
            You are now an officer of “<span className="break-words">{outcome.boardTitle}</span>”.{' '}
            <Link to={`/boards/${encodeURIComponent(outcome.boardId)}`}>Go to the board</Link>
          </p>
        </NotificationBanner>
      )}
      {outcome?.kind === 'declined' && (
        <NotificationBanner variant="success">
          <p className="notification-banner__heading">
            You declined the invitation to “<span className="break-words">{outcome.boardTitle}</span>”.
          </p>
        </NotificationBanner>
      )}
      {failure !== null && (
        <p className="error-message" role="alert">
          <span className="visually-hidden">Error:</span> {failure}
        </p>
      )}
      {waiting.length > 0 && (
        <>
          <p className="body">
            You are not an officer of these boards until you accept. Only accept invitations you expected.
          </p>
          <ul className="list invite-link-list" data-testid="invitations-to-you">
            {waiting.map((invitation) => (
              <li key={invitation.id} className="invite-link">
                <h3 className="heading-m break-words">{invitation.boardTitle}</h3>
                <p className="body">
                  {invitation.invitedByName || 'An officer'} invited you to help run this board as an officer on{' '}
                  {formatDateTime(invitation.createdAt)}. The invitation is open until {formatDateTime(invitation.expiresAt)}.
                </p>
                <div className="button-group">
                  <button
                    type="button"
                    className="button"
                    aria-label={`Accept the invitation to ${invitation.boardTitle}`}
                    onClick={() => void answer(invitation, 'accept')}
                  >
                    Accept
                  </button>
                  <ConfirmButton
                    label="Decline"
                    variant="secondary"
                    question={`Decline the invitation to “${invitation.boardTitle}”? An officer of that board would have to invite you again.`}
                    confirmLabel="Yes, decline"
                    onConfirm={() => answer(invitation, 'decline')}
                  />
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { CoOfficerView, InviteOfficerResponse, OfficerInvitationView } from '../../shared/protocol/api.js';
import { formatDateTime } from '../format/dates.js';
import { useResource } from '../hooks/useResource.js';
import { ApiError } from '../net/http.js';
import { officerAccount, useSession } from '../session/SessionContext.js';
import { ConfirmButton } from './ConfirmButton.js';
import { CopyField } from './CopyField.js';
import { InviteOfficerForm } from './InviteOfficerForm.js';
import { LoadingMessage } from './LoadingMessage.js';
import { NotificationBanner } from './NotificationBanner.js';

interface OfficersSectionProps {
  boardId: string;
  onSessionEnded(): void;
  /** Called after any change to the officers, so the audit table can show it. */
  onOfficersChanged?(): void;
}

/** What just happened, for the success banner. */
type Outcome = { kind: 'invited'; invitation: OfficerInvitationView } | { kind: 'done'; message: string };

/**
 * The board's officers (co-owners): who they are and since when, with Remove (asked first) for the others
 * and Leave for oneself, never for the last officer; invitations still waiting, with Withdraw; and a form
 * to invite someone. Nobody is added without accepting.
 */
export function OfficersSection({ boardId, onSessionEnded, onOfficersChanged }: OfficersSectionProps) {
  const { api, session } = useSession();
  const navigate = useNavigate();
  const me = officerAccount(session);
  const [officers, reload] = useResource(() => api.listOfficers(boardId), boardId);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  function changed(next: Outcome): void {
    setFailure(null);
    setOutcome(next);
    reload();
    onOfficersChanged?.();
  }

  /** Runs a change; a refusal (say, the last officer) is shown next to the list instead of being lost. */
  async function attempt(action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return onSessionEnded();
      setOutcome(null);
      setFailure(error instanceof ApiError ? error.message : 'Sorry, that did not work. Try again.');
      reload();
    }
  }

  const removeOfficer = (officer: CoOfficerView) =>
    attempt(async () => {
      await api.removeOfficer(boardId, officer.id);
      changed({ kind: 'done', message: `${officer.name} is no longer an officer of this board.` });
    });

  const leave = () =>
    attempt(async () => {
      await api.leaveBoard(boardId);
      await navigate('/boards');
    });

  const withdraw = (invitation: OfficerInvitationView) =>
    attempt(async () => {
      await api.withdrawOfficerInvitation(boardId, invitation.id);
      changed({ kind: 'done', message: `The invitation to ${invitation.email} was withdrawn. Its link no longer works.` });
    });

  const isOnlyOfficer = officers.status === 'ready' && officers.data.officers.length <= 1;

  return (
    <section className="section settings-section" aria-labelledby="officers-heading">
      <h2 className="heading-l" id="officers-heading">
        Officers
      </h2>
      <p className="body">
        Officers run the board with you. They can change its details, invite people, moderate and read confidential
        ideas. Only officers of this board see this list.
      </p>
      {outcome?.kind === 'invited' && (
        <NotificationBanner variant="success">
          <p className="notification-banner__heading">
            Invitation created for <span className="break-words">{outcome.invitation.email}</span>.
          </p>
          <p className="body">
            Copy this link and send it to them yourself. It works once, until {formatDateTime(outcome.invitation.expiresAt)},
            and is shown only now. If they already have an account, they can also accept when they sign in.
          </p>
          {outcome.invitation.url && (
            <CopyField
              id="new-officer-invitation"
              label={`Invitation link for ${outcome.invitation.email}`}
              value={outcome.invitation.url}
              testId="officer-invitation-url"
            />
          )}
        </NotificationBanner>
      )}
      {outcome?.kind === 'done' && (
        <NotificationBanner variant="success">
          <p className="notification-banner__heading">{outcome.message}</p>
        </NotificationBanner>
      )}
      {failure !== null && (
        <p className="error-message" role="alert" data-testid="officers-error">
          <span className="visually-hidden">Error:</span> {failure}
        </p>
      )}
      {officers.status === 'loading' && <LoadingMessage>Loading officers…</LoadingMessage>}
      {officers.status === 'failed' && (
        <p className="body">Sorry, we could not load the list of officers. {officers.error.message}</p>
      )}
      {officers.status === 'ready' && (
        <>
          <ul className="list officer-list" data-testid="officers">
            {officers.data.officers.map((officer) => {
              const isMe = officer.id === me?.id;
              return (
                <li key={officer.id} className="officer-list__item">
                  <p className="body officer-list__details">
                    <span className="officer-list__name break-words">
                      {officer.name}
                      {isMe ? ' (you)' : ''}
                    </span>{' '}
                    <span className="officer-list__email break-words">{officer.email}</span>{' '}
                    <span className="officer-list__added">Officer since {formatDateTime(officer.addedAt)}</span>
                  </p>
                  {!isOnlyOfficer && isMe && (
                    <ConfirmButton
                      label="Leave this board"
                      question="Leave this board? You will no longer be able to open it, its settings or its confidential ideas. Another officer can invite you again."
                      confirmLabel="Yes, leave this board"
                      onConfirm={leave}
                    />
                  )}
                  {!isOnlyOfficer && !isMe && (
                    <ConfirmButton
                      label={`Remove ${officer.name}`}
                      question={`Remove ${officer.name} as an officer of this board? They are disconnected from it at once and can no longer open it. Their other boards are not affected.`}
                      confirmLabel="Yes, remove them"
                      onConfirm={() => removeOfficer(officer)}
                    />
                  )}
                </li>
              );
            })}
          </ul>
          {isOnlyOfficer && (
            <p className="body hint">
              A board always has at least one officer. Invite another officer before you can leave this board.
            </p>
          )}
          {officers.data.invitations.length > 0 && (
            <>
              <h3 className="heading-m">Invitations waiting for an answer</h3>
              <ul className="list invite-link-list" data-testid="officer-invitations">
                {officers.data.invitations.map((invitation) => (
                  <li key={invitation.id} className="invite-link">
                    <p className="body">
                      <strong className="break-words">{invitation.email}</strong>, invited{' '}
                      {formatDateTime(invitation.createdAt)}. The link works until {formatDateTime(invitation.expiresAt)}.
                    </p>
                    <p className="body hint">
                      For security the link is shown only once, when it is made. If it was lost, withdraw this
                      invitation and invite them again.
                    </p>
                    <ConfirmButton
                      label={`Withdraw the invitation to ${invitation.email}`}
                      question={`Withdraw the invitation to ${invitation.email}? Its link stops working at once.`}
                      confirmLabel="Yes, withdraw it"
                      onConfirm={() => withdraw(invitation)}
                    />
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      <div className="form-narrow">
        <InviteOfficerForm
          boardId={boardId}
          onInvited={(result: InviteOfficerResponse) => changed({ kind: 'invited', invitation: result.invitation })}
          onSessionEnded={onSessionEnded}
        />
      </div>
    </section>
  );
}

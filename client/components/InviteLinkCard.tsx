import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import type { InviteLinkView } from '../../shared/protocol/api.js';
import { formatDateTime } from '../format/dates.js';
import { ApiError } from '../net/http.js';
import { useSession } from '../session/SessionContext.js';
import { ConfirmButton } from './ConfirmButton.js';
import { CopyField } from './CopyField.js';
import { InviteLinkStatusTag } from './InviteLinkStatusTag.js';

interface InviteLinkCardProps {
  boardId: string;
  link: InviteLinkView;
  /** True for a link just created or just revoked: its heading takes focus so people hear what happened. */
  isJustChanged: boolean;
  onRevoked(link: InviteLinkView): void;
  onSessionEnded(): void;
}

function describeExpiry(link: InviteLinkView): string {
  if (link.status === 'revoked' && link.revokedAt !== null) return `Revoked ${formatDateTime(link.revokedAt)}`;
  if (link.expiresAt === null) return 'Works until you revoke it';
  return `${link.status === 'expired' ? 'Expired' : 'Stops working'} ${formatDateTime(link.expiresAt)}`;
}

export function InviteLinkCard({ boardId, link, isJustChanged, onRevoked, onSessionEnded }: InviteLinkCardProps) {
  const { api } = useSession();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const isActive = link.status === 'active';
  const whoFor = link.role === 'participant' ? 'participants' : 'observers';

  useEffect(() => {
    if (isJustChanged) headingRef.current?.focus();
  }, [isJustChanged, link.status]);

  async function handleRevoke(): Promise<void> {
    setProblem(null);
    try {
      const { link: revoked } = await api.revokeInviteLink(boardId, link.id);
      onRevoked(revoked);
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 401) return onSessionEnded();
      setProblem(failure instanceof ApiError ? failure.message : 'Sorry, the link could not be revoked. Try again.');
    }
  }

  return (
    <li className={isActive ? 'invite-link' : 'invite-link invite-link--inactive'}>
      <div className="invite-link__header">
        <h3 className="heading-s invite-link__title" tabIndex={-1} ref={headingRef}>
          Link created {formatDateTime(link.createdAt)}
        </h3>
        <InviteLinkStatusTag status={link.status} />
      </div>
      <p className="body-s invite-link__expiry">{describeExpiry(link)}</p>
      {isActive && link.code !== null && (
        <p className="invite-link__code-line">
          <span className="invite-link__code-label">Event code</span>
          <span className="event-code" data-testid="event-code">
            {link.code}
          </span>
        </p>
      )}
      {isActive && (
        <>
          <CopyField id={`invite-url-${link.id}`} label={`Invitation link for ${whoFor}`} value={link.url} testId="invite-url" />
          <p className="body invite-link__actions">
            <Link
              to={`/boards/${encodeURIComponent(boardId)}/invite-links/${encodeURIComponent(link.id)}/screen`}
              className="button button--secondary invite-link__qr"
              draggable={false}
            >
              Show QR code
            </Link>
            <span className="hint-inline">A page for the screen at your event</span>
          </p>
          {/* Apart from the QR code, under a rule, and asked first (issue 14): revoking cannot be undone. */}
          <div className="invite-link__danger">
            {problem !== null && (
              <p className="error-message" role="alert">
                <span className="visually-hidden">Error:</span> {problem}
              </p>
            )}
            <ConfirmButton
              label="Revoke"
              question="Revoke this link? Nobody will be able to join with it or its event code again. You cannot undo this."
              confirmLabel="Yes, revoke this link"
              onConfirm={handleRevoke}
            />
          </div>
        </>
      )}
    </li>
  );
}

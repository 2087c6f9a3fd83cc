import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { acceptOfficerInvitationBody } from '../../shared/protocol/api.js';
import type { OfficerInvitationInfoResponse } from '../../shared/protocol/api.js';
import { isWellFormedId } from '../../shared/ids.js';
import { ApiFailure } from '../components/ApiFailure.js';
import { ErrorSummary } from '../components/ErrorSummary.js';
import { LoadingMessage } from '../components/LoadingMessage.js';
import { PageHeading } from '../components/PageHeading.js';
import { PasswordHint } from '../components/PasswordHint.js';
import { TextInput } from '../components/TextInput.js';
import { formatDateTime } from '../format/dates.js';
import { errorsFromFailure, validate } from '../forms/formErrors.js';
import { useFormErrors } from '../forms/useFormErrors.js';
import { usePageTitle } from '../hooks/usePageTitle.js';
import { useResource } from '../hooks/useResource.js';
import { ApiError } from '../net/http.js';
import { officerAccount, useSession } from '../session/SessionContext.js';

/** Why a link cannot be used, by the server's error code: the heading; the server's message explains. */
const UNAVAILABLE_HEADINGS: Partial<Record<string, string>> = {
  'link-used': 'This invitation has already been used',
  'link-expired': 'This invitation has expired',
  'link-revoked': 'This invitation has been withdrawn',
  'not-found': 'This invitation link is not valid',
  forbidden: 'This invitation is for a different account',
};

/**
 * An invitation to help run one board as a council officer. Someone new creates their account here;
 * someone signed in with the invited address accepts with one button; anyone else is told why not.
 */
export function OfficerInvitationPage() {
  const { token = '' } = useParams();
  const { api, session } = useSession();
  // Read again when the session changes: signing out turns "different account" into the form.
  const [invitation] = useResource(() => api.getOfficerInvitation(token), `${token}:${officerAccount(session)?.id ?? ''}`);

  if (invitation.status === 'loading') return <LoadingMessage />;
  if (invitation.status === 'failed') {
    if (UNAVAILABLE_HEADINGS[invitation.error.code]) return <InvitationUnavailable error={invitation.error} />;
    return <ApiFailure error={invitation.error} />;
  }
  if (officerAccount(session)) return <AcceptAsSignedIn token={token} invitation={invitation.data} />;
  return <CreateAccountForm token={token} invitation={invitation.data} />;
}

function InvitationUnavailable({ error }: { error: ApiError }) {
  const { api, refresh, session } = useSession();
  const heading = UNAVAILABLE_HEADINGS[error.code] ?? 'This invitation cannot be used';
  usePageTitle(heading);

  async function signOut(): Promise<void> {
    await api.signOut().catch(() => undefined);
    await refresh();
  }

  return (
    <div className="page-narrow">
      <PageHeading className="heading-l">{heading}</PageHeading>
      <p className="body" data-testid="invitation-problem">
        {error.message}
      </p>
      {error.code === 'forbidden' && officerAccount(session) && (
        <button type="button" className="button" onClick={() => void signOut()}>
          Sign out to use this invitation
        </button>
      )}
      {error.code === 'link-used' && (
        <p className="body">
          If you have already accepted it, <Link to="/sign-in">sign in</Link>.
        </p>
      )}
      {error.code !== 'forbidden' && (
        <p className="body">If you still need to help run the board, ask one of its officers for a new invitation.</p>
      )}
    </div>
  );
}

interface InvitationProps {
  token: string;
  invitation: OfficerInvitationInfoResponse;
}

/** Signed in with the invited address (the server refuses any other): accepting is one deliberate press. */
function AcceptAsSignedIn({ token, invitation }: InvitationProps) {
  const { api, session } = useSession();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [isSubmitting, setSubmitting] = useState(false);
  usePageTitle('Accept your invitation');
  const account = officerAccount(session);

  async function accept(): Promise<void> {
    if (isSubmitting) return;
    setSubmitting(true);
    try {
      const result = await api.acceptOfficerInvitation(token, {});
      await navigate(isWellFormedId(result.boardId) ? `/boards/${result.boardId}` : '/boards');
    } catch (error) {
      setSubmitting(false);
      setFailure(error instanceof ApiError ? error : new ApiError(0, 'unexpected-response', 'Sorry, that did not work.'));
    }
  }

  if (failure && UNAVAILABLE_HEADINGS[failure.code]) return <InvitationUnavailable error={failure} />;
  return (
    <div className="grid-row">
      <div className="grid-column-two-thirds">
        <PageHeading caption={invitation.boardTitle}>Accept your invitation</PageHeading>
        {failure && (
          <p className="error-message" role="alert">
            <span className="visually-hidden">Error:</span> {failure.message}
          </p>
        )}
        <p className="body">
          You have been invited to help run the board “{invitation.boardTitle}” as a council officer. You will be able
          to change it, invite people, moderate and read confidential ideas.
        </p>
        <p className="body">
          You are signed in as {account?.name} (<span className="break-words">{account?.email}</span>). The invitation
          is open until {formatDateTime(invitation.expiresAt)}.
        </p>
        <div className="button-group">
          <button type="button" className="button" onClick={() => void accept()}>
            Accept invitation
          </button>
          <Link to="/boards" className="link-inline">
            Not now
          </Link>
        </div>
      </div>
    </div>
  );
}

/** Someone new: their account is made with the invited address and added to this one board. */
function CreateAccountForm({ token, invitation }: InvitationProps) {
  const { api, refresh } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [isSubmitting, setSubmitting] = useState(false);
  const [unavailable, setUnavailable] = useState<ApiError | null>(null);
  const { errors, setErrors, messageFor } = useFormErrors();
  usePageTitle('Accept your invitation', errors.length > 0);

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (isSubmitting) return;
    const checked = validate(acceptOfficerInvitationBody, { name, password });
    if (!checked.ok) return setErrors(checked.errors);
    setSubmitting(true);
    try {
      const result = await api.acceptOfficerInvitation(token, checked.data);
      await refresh();
      await navigate(isWellFormedId(result.boardId) ? `/boards/${result.boardId}` : '/boards');
    } catch (failure) {
      setSubmitting(false);
      if (failure instanceof ApiError && failure.code !== 'conflict' && UNAVAILABLE_HEADINGS[failure.code]) {
        return setUnavailable(failure);
      }
      setErrors(errorsFromFailure(failure, { fallbackField: 'name' }));
    }
  }

  if (unavailable) return <InvitationUnavailable error={unavailable} />;
  return (
    <div className="grid-row">
      <div className="grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <PageHeading caption={invitation.boardTitle}>Accept your invitation</PageHeading>
        <p className="body">
          You have been invited to help run the board “{invitation.boardTitle}” as a council officer. The invitation is
          open until {formatDateTime(invitation.expiresAt)}.
        </p>
        <p className="body">
          If you already have an account with <strong className="break-words">{invitation.email}</strong>,{' '}
          <Link to="/sign-in" state={{ from: location.pathname }}>
            sign in
          </Link>{' '}
          and you will come back here to accept.
        </p>
        <h2 className="heading-m">Create your account</h2>
        <p className="body">
          Your account will use the email address <strong className="break-words">{invitation.email}</strong>.
        </p>
        <form noValidate onSubmit={(event) => void handleSubmit(event)}>
          <TextInput
            id="name"
            label="Full name"
            autoComplete="name"
            spellCheck={false}
            error={messageFor('name')}
            value={name}
            onChange={setName}
          />
          <TextInput
            id="password"
            label="Create a password"
            type="password"
            autoComplete="new-password"
            hint={<PasswordHint />}
            error={messageFor('password')}
            value={password}
            onChange={setPassword}
            widthClass="input--width-20"
          />
          <button type="submit" className="button">
            Create account
          </button>
        </form>
      </div>
    </div>
  );
}

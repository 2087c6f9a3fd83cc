import { useState } from 'react';
import type { FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { acceptOfficerInvitationBody } from '../../shared/protocol/api.js';
import type { OfficerInvitationInfoResponse } from '../../shared/protocol/api.js';
import { isWellFormedId } from '../../shared/ids.js';
import { ApiFailure } from '../components/ApiFailure.js';
import { ErrorSummary } from '../components/ErrorSummary.js';
import { LoadingMessage } from '../components/LoadingMessage.js';
import { PageHeading } from '../components/PageHeading.js';
import { PasswordHint } from '../components/PasswordHint.js';
import { TextInput } from '../components/TextInput.js';
import { errorsFromFailure, validate } from '../forms/formErrors.js';
import { useFormErrors } from '../forms/useFormErrors.js';
import { usePageTitle } from '../hooks/usePageTitle.js';
import { useResource } from '../hooks/useResource.js';
import { ApiError } from '../net/http.js';
import { useSession } from '../session/SessionContext.js';
import { LinkUsedPage } from './LinkUsedPage.js';

const USED_HEADING = 'This invitation has already been used';

/** A new council officer accepts an invitation to help run a board, creating their account. */
export function OfficerInvitationPage() {
  const { token = '' } = useParams();
  const { api } = useSession();
  const [invitation] = useResource(() => api.getOfficerInvitation(token), token);

  if (invitation.status === 'loading') return <LoadingMessage />;
  if (invitation.status === 'failed') {
    if (invitation.error.code === 'link-used') return <LinkUsedPage heading={USED_HEADING} />;
    return <ApiFailure error={invitation.error} />;
  }
  return <AcceptInvitationForm token={token} invitation={invitation.data} />;
}

interface AcceptInvitationFormProps {
  token: string;
  invitation: OfficerInvitationInfoResponse;
}

function AcceptInvitationForm({ token, invitation }: AcceptInvitationFormProps) {
  const { api, refresh } = useSession();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [isSubmitting, setSubmitting] = useState(false);
  const [isUsed, setUsed] = useState(false);
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
      // The contract answers `{ session }`; if the server also names the board, go straight to it.
      const boardId = result.boardId;
      await navigate(isWellFormedId(boardId) ? `/boards/${boardId}` : '/boards');
    } catch (failure) {
      setSubmitting(false);
      if (failure instanceof ApiError && failure.code === 'link-used') return setUsed(true);
      setErrors(errorsFromFailure(failure, { fallbackField: 'name' }));
    }
  }

  if (isUsed) return <LinkUsedPage heading={USED_HEADING} />;
  return (
    <div className="grid-row">
      <div className="grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <PageHeading caption={invitation.boardTitle}>Accept your invitation</PageHeading>
        <p className="body">
          You have been invited to help run the board “{invitation.boardTitle}” as a council officer.
        </p>
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

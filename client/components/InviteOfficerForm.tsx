import { useState } from 'react';
import type { FormEvent } from 'react';
import { inviteOfficerBody } from '../../shared/protocol/api.js';
import type { InviteOfficerResponse } from '../../shared/protocol/api.js';
import { errorsFromFailure, validate } from '../forms/formErrors.js';
import { useFormErrors } from '../forms/useFormErrors.js';
import { ApiError } from '../net/http.js';
import { useSession } from '../session/SessionContext.js';
import { ErrorSummary } from './ErrorSummary.js';
import { TextInput } from './TextInput.js';

interface InviteOfficerFormProps {
  boardId: string;
  onInvited(result: InviteOfficerResponse): void;
  onSessionEnded(): void;
}

export function InviteOfficerForm({ boardId, onInvited, onSessionEnded }: InviteOfficerFormProps) {
  const { api } = useSession();
  const [email, setEmail] = useState('');
  const [isSubmitting, setSubmitting] = useState(false);
  const { errors, setErrors, clearErrors, messageFor } = useFormErrors();

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (isSubmitting) return;
    const checked = validate(inviteOfficerBody, { email });
    if (!checked.ok) return setErrors(checked.errors);
    setSubmitting(true);
    try {
      const result = await api.inviteOfficer(boardId, checked.data);
      clearErrors();
      setEmail('');
      onInvited(result);
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 401) return onSessionEnded();
      setErrors(errorsFromFailure(failure, { fallbackField: 'email' }));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <form noValidate onSubmit={(event) => void handleSubmit(event)}>
      <ErrorSummary errors={errors} />
      <h3 className="heading-m">Invite an officer</h3>
      <TextInput
        id="email"
        label="Their work email address"
        hint="You get a link to send them. Nobody becomes an officer of this board until they accept."
        type="email"
        autoComplete="off"
        spellCheck={false}
        error={messageFor('email')}
        value={email}
        onChange={setEmail}
      />
      <button type="submit" className="button">
        Invite officer
      </button>
    </form>
  );
}

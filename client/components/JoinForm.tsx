import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { joinBoardBody } from '../../shared/protocol/api.js';
import type { InviteRole } from '../../shared/protocol/api.js';
import { errorsFromFailure, validate } from '../forms/formErrors.js';
import { useFormErrors } from '../forms/useFormErrors.js';
import { usePageTitle } from '../hooks/usePageTitle.js';
import { ApiError } from '../net/http.js';
import { useSession } from '../session/SessionContext.js';
import { Checkbox } from './Checkbox.js';
import { ErrorSummary } from './ErrorSummary.js';
import { TextInput } from './TextInput.js';

interface JoinFormProps {
  token: string;
  role: InviteRole;
  boardTitle: string;
  /** Called with the error code when the link stops working between loading the page and joining. */
  onLinkUnavailable(code: string): void;
  /** The board's heading, summary and notice: shown below the error summary, above the fields. */
  children: ReactNode;
}

export function JoinForm({ token, role, boardTitle, onLinkUnavailable, children }: JoinFormProps) {
  const { api, refresh } = useSession();
  const navigate = useNavigate();
  const [values, setValues] = useState({ name: '', organisation: '', email: '' });
  const [acceptNotice, setAcceptNotice] = useState(false);
  const [isSubmitting, setSubmitting] = useState(false);
  const { errors, setErrors, messageFor } = useFormErrors();
  usePageTitle(`Join ${boardTitle}`, errors.length > 0);

  const change = (field: keyof typeof values) => (value: string) => setValues({ ...values, [field]: value });

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (isSubmitting) return;
    const checked = validate(joinBoardBody, { ...values, acceptNotice });
    if (!checked.ok) return setErrors(checked.errors);
    setSubmitting(true);
    try {
      const { session } = await api.joinBoard(token, checked.data);
      await refresh();
      await navigate(
        session.kind === 'officer' ? '/boards' : `/boards/${encodeURIComponent(session.participant.boardId)}`,
      );
    } catch (failure) {
      setSubmitting(false);
      if (failure instanceof ApiError && failure.status === 410) return onLinkUnavailable(failure.code);
      setErrors(errorsFromFailure(failure, { fallbackField: 'name' }));
    }
  }

  return (
    <>
      <ErrorSummary errors={errors} />
      {children}
      <form noValidate onSubmit={(event) => void handleSubmit(event)}>
        <h2 className="heading-m">Your details</h2>
        <p className="body">Other people on the board see your name and organisation next to what you post.</p>
        <TextInput
          id="name"
          label="Full name"
          autoComplete="name"
          spellCheck={false}
          error={messageFor('name')}
          value={values.name}
          onChange={change('name')}
        />
        <TextInput
          id="organisation"
          label="Organisation"
          hint="The company, charity or public body you represent. If you are taking part on your own, write ‘Individual’."
          autoComplete="organization"
          error={messageFor('organisation')}
          value={values.organisation}
          onChange={change('organisation')}
        />
        <TextInput
          id="email"
          label="Email address (optional)"
          hint="We’ll only use this to send you the published record of this event"
          type="email"
          autoComplete="email"
          spellCheck={false}
          error={messageFor('email')}
          value={values.email}
          onChange={change('email')}
        />
        <Checkbox
          id="acceptNotice"
          legend={role === 'observer' ? 'Before you watch' : 'Before you take part'}
          label="I have read and accept the fair-engagement notice"
          error={messageFor('acceptNotice')}
          checked={acceptNotice}
          onChange={setAcceptNotice}
        />
        <button type="submit" className="button">
          Join the board
        </button>
      </form>
    </>
  );
}

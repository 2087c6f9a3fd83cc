import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import type { InviteRole } from '../../shared/protocol/api.js';
import { roleClaimProblem } from '../../shared/text/identityKey.js';
import { errorsFromFailure, validate, type FormError } from '../forms/formErrors.js';
import { loadRequestSchemas } from '../forms/requestSchemas.js';
import { useFormErrors } from '../forms/useFormErrors.js';
import { usePageTitle } from '../hooks/usePageTitle.js';
import { ApiError } from '../net/http.js';
import { useSession } from '../session/SessionContext.js';
import { Checkbox } from './Checkbox.js';
import { ErrorSummary } from './ErrorSummary.js';
import { TextInput } from './TextInput.js';
import { ReachFields, type ReachValues } from './ReachFields.js';

interface JoinFormProps {
  token: string;
  role: InviteRole;
  boardTitle: string;
  /** The board asks everyone for their email: the field is required. */
  requiresEmail?: boolean;
  /** Called when the server says this person was removed from the board. */
  onRemovedFromBoard?(): void;
  /** Called with the error code when the link stops working between loading the page and joining. */
  onLinkUnavailable(code: string): void;
  /** The board's heading, summary and notice: shown below the error summary, above the fields. */
  children: ReactNode;
}

/**
 * The checks the server makes beyond the shared schema, made here first so people see them at once: a name
 * or organisation that claims a council role, and a missing email when the board asks for one.
 */
function claimErrors(values: { name: string; organisation: string; email: string }, requiresEmail: boolean): FormError[] {
  const errors: FormError[] = [];
  const nameProblem = roleClaimProblem('Your name', values.name);
  if (nameProblem !== null) errors.push({ field: 'name', message: nameProblem });
  const organisationProblem = roleClaimProblem('Your organisation', values.organisation);
  if (organisationProblem !== null) errors.push({ field: 'organisation', message: organisationProblem });
  if (requiresEmail && values.email.trim() === '') {
    errors.push({ field: 'email', message: 'Enter your email address. The council running this board asks everyone for it.' });
  }
  return errors;
}

export function JoinForm(props: JoinFormProps) {
  const { token, role, boardTitle, requiresEmail = false, onLinkUnavailable, onRemovedFromBoard, children } = props;
  const { api, adopt } = useSession();
  const navigate = useNavigate();
  const [values, setValues] = useState({ name: '', organisation: '', email: '' });
  const [acceptNotice, setAcceptNotice] = useState(false);
  const [reach, setReach] = useState<ReachValues>({ organisationSize: '', workedBefore: '' });
  const [isSubmitting, setSubmitting] = useState(false);
  const { errors, setErrors, messageFor } = useFormErrors();
  usePageTitle(`Join ${boardTitle}`, errors.length > 0);

  const change = (field: keyof typeof values) => (value: string) => setValues({ ...values, [field]: value });

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (isSubmitting) return;
    let schemas: Awaited<ReturnType<typeof loadRequestSchemas>>;
    try {
      schemas = await loadRequestSchemas();
    } catch (failure) {
      return setErrors(errorsFromFailure(failure, { fallbackField: 'name' }));
    }
    const reachGiven = {
      ...(reach.organisationSize ? { organisationSize: reach.organisationSize } : {}),
      ...(reach.workedBefore ? { workedBefore: reach.workedBefore } : {}),
    };
    const checked = validate(schemas.joinBoardBody, { ...values, acceptNotice, ...(role === 'observer' ? {} : reachGiven) });
    const ownErrors = claimErrors(values, requiresEmail);
    if (!checked.ok || ownErrors.length > 0) {
      const schemaErrors = checked.ok ? [] : checked.errors;
      const fieldOrder = ['name', 'organisation', 'email', 'acceptNotice'];
      const merged = [...schemaErrors, ...ownErrors.filter((own) => !schemaErrors.some((error) => error.field === own.field))];
      return setErrors(merged.sort((a, b) => fieldOrder.indexOf(a.field ?? '') - fieldOrder.indexOf(b.field ?? '')));
    }
    setSubmitting(true);
    try {
      const { session } = await api.joinBoard(token, checked.data);
      adopt(session);
      await navigate(
        session.kind === 'officer' ? '/boards' : `/boards/${encodeURIComponent(session.participant.boardId)}`,
      );
    } catch (failure) {
      setSubmitting(false);
      if (failure instanceof ApiError && failure.status === 410) return onLinkUnavailable(failure.code);
      if (failure instanceof ApiError && failure.code === 'removed-from-board' && onRemovedFromBoard) return onRemovedFromBoard();
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
          hint="Use the name people know you by. Only the board can show who works for the council, so names such as ‘officer’ or ‘moderator’ are not accepted."
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
          label={requiresEmail ? 'Email address' : 'Email address (optional)'}
          hint={
            requiresEmail
              ? 'The council running this board asks everyone for their email. We’ll only use it to contact you about this event and to send you its published record.'
              : 'We’ll only use this to send you the published record of this event and the council’s answer to your ideas'
          }
          type="email"
          autoComplete="email"
          spellCheck={false}
          error={messageFor('email')}
          value={values.email}
          onChange={change('email')}
        />
        {role !== 'observer' && <ReachFields values={reach} onChange={setReach} />}
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

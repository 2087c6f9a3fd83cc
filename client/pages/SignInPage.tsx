import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { signInBody } from '../../shared/protocol/api.js';
import { ErrorSummary } from '../components/ErrorSummary.js';
import { PageHeading } from '../components/PageHeading.js';
import { TextInput } from '../components/TextInput.js';
import { errorsFromFailure, validate } from '../forms/formErrors.js';
import { useFormErrors } from '../forms/useFormErrors.js';
import { usePageTitle } from '../hooks/usePageTitle.js';
import { useSession } from '../session/SessionContext.js';

/** Where to go after signing in: back to the page that sent people here, if it is a page of this app. */
function returnPath(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state) {
    const from = state.from;
    if (typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/sign-in') return from;
  }
  return '/boards';
}

export function SignInPage() {
  const { session, api, refresh } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [isSubmitting, setSubmitting] = useState(false);
  const { errors, setErrors, messageFor } = useFormErrors();
  usePageTitle('Sign in', errors.length > 0);

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (isSubmitting) return;
    const checked = validate(signInBody, { email, password });
    if (!checked.ok) return setErrors(checked.errors);
    setSubmitting(true);
    try {
      await api.signIn(checked.data);
      await refresh();
      await navigate(returnPath(location.state));
    } catch (failure) {
      setErrors(errorsFromFailure(failure, { fallbackField: 'email' }));
      setSubmitting(false);
    }
  }

  return (
    <div className="grid-row">
      <div className="grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <PageHeading>Sign in</PageHeading>
        {session?.kind === 'officer' && (
          <p className="body">
            You are signed in as {session.account.name}. <Link to="/boards">Go to your boards</Link>.
          </p>
        )}
        <p className="body">Sign in with the email address and password of your council officer account.</p>
        <form noValidate onSubmit={(event) => void handleSubmit(event)}>
          <TextInput
            id="email"
            label="Email address"
            type="email"
            autoComplete="username"
            spellCheck={false}
            error={messageFor('email')}
            value={email}
            onChange={setEmail}
          />
          <TextInput
            id="password"
            label="Password"
            type="password"
            autoComplete="current-password"
            error={messageFor('password')}
            value={password}
            onChange={setPassword}
            widthClass="input--width-20"
          />
          <button type="submit" className="button">
            Sign in
          </button>
        </form>
        <p className="body">
          If you are a supplier or taking part in an event, you do not need to sign in.{' '}
          <Link to="/">Enter your event code</Link> instead.
        </p>
      </div>
    </div>
  );
}

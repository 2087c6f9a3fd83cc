import { useState } from 'react';
import type { FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { setUpFirstOfficerBody } from '../../shared/protocol/api.js';
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

/** First officer set-up, from the one-time link a fresh install prints. */
export function SetUpPage() {
  const { token = '' } = useParams();
  const { api } = useSession();
  const [link] = useResource(() => api.checkSetUpLink(token), token);

  if (link.status === 'loading') return <LoadingMessage />;
  if (link.status === 'failed') {
    if (link.error.code === 'link-used') return <LinkUsedPage heading="This set-up link has already been used" />;
    return <ApiFailure error={link.error} />;
  }
  return <SetUpForm token={token} />;
}

function SetUpForm({ token }: { token: string }) {
  const { api, refresh } = useSession();
  const navigate = useNavigate();
  const [values, setValues] = useState({ name: '', email: '', password: '' });
  const [isSubmitting, setSubmitting] = useState(false);
  const { errors, setErrors, messageFor } = useFormErrors();
  const [usedHeading, setUsedHeading] = useState<string | null>(null);
  usePageTitle('Set up your officer account', errors.length > 0);

  const change = (field: keyof typeof values) => (value: string) => setValues({ ...values, [field]: value });

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (isSubmitting) return;
    const checked = validate(setUpFirstOfficerBody, values);
    if (!checked.ok) return setErrors(checked.errors);
    setSubmitting(true);
    try {
      await api.setUpFirstOfficer(token, checked.data);
      await refresh();
      await navigate('/boards');
    } catch (failure) {
      setSubmitting(false);
      if (failure instanceof ApiError && failure.code === 'link-used') {
        return setUsedHeading('This set-up link has already been used');
      }
      setErrors(errorsFromFailure(failure, { fallbackField: 'name' }));
    }
  }

  if (usedHeading !== null) return <LinkUsedPage heading={usedHeading} />;
  return (
    <div className="grid-row">
      <div className="grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <PageHeading>Set up your officer account</PageHeading>
        <p className="body">
          This is the first account for this Open Ideas Wall. You can use it to create boards and invite other council
          officers.
        </p>
        <form noValidate onSubmit={(event) => void handleSubmit(event)}>
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
            id="email"
            label="Work email address"
            type="email"
            autoComplete="username"
            spellCheck={false}
            error={messageFor('email')}
            value={values.email}
            onChange={change('email')}
          />
          <TextInput
            id="password"
            label="Create a password"
            type="password"
            autoComplete="new-password"
            hint={<PasswordHint />}
            error={messageFor('password')}
            value={values.password}
            onChange={change('password')}
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

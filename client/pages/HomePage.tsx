import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { normaliseEventCode } from '../../shared/ids.js';
import { ErrorSummary } from '../components/ErrorSummary.js';
import { PageHeading } from '../components/PageHeading.js';
import { TextInput } from '../components/TextInput.js';
import { errorsFromFailure, validate } from '../forms/formErrors.js';
import { loadRequestSchemas } from '../forms/requestSchemas.js';
import { useFormErrors } from '../forms/useFormErrors.js';
import { usePageTitle } from '../hooks/usePageTitle.js';
import { useSession } from '../session/SessionContext.js';

const CODE_FORMAT_MESSAGE = 'Enter the event code shown on the screen, like HKN-4821';

export function HomePage() {
  const { session, api } = useSession();
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const [isSubmitting, setSubmitting] = useState(false);
  const { errors, setErrors, messageFor } = useFormErrors();
  usePageTitle('Share ideas with your council', errors.length > 0);

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (isSubmitting) return;
    let schemas: Awaited<ReturnType<typeof loadRequestSchemas>>;
    try {
      schemas = await loadRequestSchemas();
    } catch (failure) {
      return setErrors(errorsFromFailure(failure, { fallbackField: 'code' }));
    }
    const checked = validate(schemas.eventCodeLookupBody, { code });
    if (!checked.ok) return setErrors(checked.errors);
    const normalised = normaliseEventCode(checked.data.code);
    if (normalised === null) return setErrors([{ field: 'code', message: CODE_FORMAT_MESSAGE }]);
    setSubmitting(true);
    try {
      const { joinPath } = await api.lookUpEventCode({ code: normalised });
      // Only ever follow the server's answer to a join page in this app.
      if (!/^\/join\/[A-Za-z0-9_-]+$/.test(joinPath)) throw new Error('unexpected join path');
      await navigate(joinPath);
    } catch (failure) {
      setErrors(errorsFromFailure(failure, { fallbackField: 'code' }));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <div className="grid-row">
      <div className="grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <PageHeading>Share ideas with your council</PageHeading>
        <p className="body-l">
          Open Ideas Wall is a live wall where council officers share problems they want to solve and suppliers post
          ideas, before anything is bought.
        </p>
        <p className="body">
          Everyone taking part sees the same information, and what is said can be published in the open.
        </p>

        <form noValidate onSubmit={(event) => void handleSubmit(event)} className="section">
          <h2 className="heading-m">Join an event</h2>
          <TextInput
            id="code"
            label="Event code"
            hint="The code is on the screen at the event, like HKN-4821"
            error={messageFor('code')}
            value={code}
            onChange={setCode}
            widthClass="input--width-10"
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="characters"
          />
          <button type="submit" className="button">
            Continue
          </button>
        </form>

        <h2 className="heading-m">Running an event</h2>
        {session?.kind === 'officer' ? (
          <p className="body">
            <Link to="/boards">Your boards</Link>
          </p>
        ) : (
          <p className="body">
            <Link to="/sign-in">Council officers: sign in</Link>
          </p>
        )}
        {session !== null && session.kind !== 'officer' && (
          <p className="body">
            <Link to={`/boards/${encodeURIComponent(session.participant.boardId)}`}>Go back to your board</Link>
          </p>
        )}
      </div>
    </div>
  );
}

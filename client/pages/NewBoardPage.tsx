import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { createBoardBody } from '../../shared/protocol/api.js';
import { BoardFields } from '../components/BoardFields.js';
import type { BoardFieldValues } from '../components/BoardFields.js';
import { ErrorSummary } from '../components/ErrorSummary.js';
import { PageHeading } from '../components/PageHeading.js';
import { SignInRedirect } from '../components/SignInRedirect.js';
import { DEFAULT_FAIR_ENGAGEMENT_NOTICE } from '../forms/defaultNotice.js';
import { errorsFromFailure, validate } from '../forms/formErrors.js';
import { useFormErrors } from '../forms/useFormErrors.js';
import { usePageTitle } from '../hooks/usePageTitle.js';
import { ApiError } from '../net/http.js';
import { useSession } from '../session/SessionContext.js';

export function NewBoardPage() {
  const { api } = useSession();
  const navigate = useNavigate();
  const [values, setValues] = useState<BoardFieldValues>({
    title: '',
    summary: '',
    notice: DEFAULT_FAIR_ENGAGEMENT_NOTICE,
  });
  const [isSubmitting, setSubmitting] = useState(false);
  const [isSignedOut, setSignedOut] = useState(false);
  const { errors, setErrors, messageFor } = useFormErrors();
  usePageTitle('Create a board', errors.length > 0);

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (isSubmitting) return;
    const checked = validate(createBoardBody, values);
    if (!checked.ok) return setErrors(checked.errors);
    setSubmitting(true);
    try {
      const { board } = await api.createBoard(checked.data);
      // Straight to the wall, where the officer writes the problems; links and settings are one click away.
      await navigate(`/boards/${encodeURIComponent(board.id)}`);
    } catch (failure) {
      setSubmitting(false);
      if (failure instanceof ApiError && failure.status === 401) return setSignedOut(true);
      setErrors(errorsFromFailure(failure, { fallbackField: 'title' }));
    }
  }

  if (isSignedOut) return <SignInRedirect />;
  return (
    <div className="grid-row">
      <div className="grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <PageHeading>Create a board</PageHeading>
        <p className="body">
          A board is one engagement: the council’s problems, and suppliers’ ideas about them. You can change these
          details later.
        </p>
        <form noValidate onSubmit={(event) => void handleSubmit(event)}>
          <BoardFields values={values} onChange={setValues} messageFor={messageFor} />
          <div className="button-group">
            <button type="submit" className="button">
              Create board
            </button>
            <Link to="/boards" className="link-inline">
              Cancel
            </Link>
          </div>
        </form>
      </div>
    </div>
  );
}

import { useState } from 'react';
import type { FormEvent } from 'react';
import { updateBoardBody } from '../../shared/protocol/api.js';
import type { BoardView } from '../../shared/protocol/api.js';
import { errorsFromFailure, validate } from '../forms/formErrors.js';
import { useFormErrors } from '../forms/useFormErrors.js';
import { ApiError } from '../net/http.js';
import { useSession } from '../session/SessionContext.js';
import { BoardFields } from './BoardFields.js';
import type { BoardFieldValues } from './BoardFields.js';
import { ErrorSummary } from './ErrorSummary.js';
import { PipelineFields, pipelineFieldValues, type PipelineFieldValues } from './PipelineFields.js';
import { NotificationBanner } from './NotificationBanner.js';

interface BoardDetailsFormProps {
  board: BoardView;
  onSaved(board: BoardView): void;
  onSessionEnded(): void;
}

export function BoardDetailsForm({ board, onSaved, onSessionEnded }: BoardDetailsFormProps) {
  const { api } = useSession();
  const [values, setValues] = useState<BoardFieldValues>({
    title: board.title,
    summary: board.summary,
    notice: board.notice,
  });
  const [pipeline, setPipeline] = useState<PipelineFieldValues>(pipelineFieldValues(board.pipeline));
  const [isSubmitting, setSubmitting] = useState(false);
  const [isSaved, setSaved] = useState(false);
  const { errors, setErrors, clearErrors, messageFor } = useFormErrors();

  function handleChange(next: BoardFieldValues): void {
    setValues(next);
    setSaved(false);
  }

  function handlePipelineChange(next: PipelineFieldValues): void {
    setPipeline(next);
    setSaved(false);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (isSubmitting) return;
    setSaved(false);
    const checked = validate(updateBoardBody, { ...values, ...pipeline });
    if (!checked.ok) return setErrors(checked.errors);
    setSubmitting(true);
    try {
      const { board: saved } = await api.updateBoard(board.id, checked.data);
      clearErrors();
      setSaved(true);
      onSaved(saved);
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 401) return onSessionEnded();
      setErrors(errorsFromFailure(failure, { fallbackField: 'title' }));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <section className="section settings-section" aria-labelledby="details-heading">
      <h2 className="heading-l" id="details-heading">
        Board details
      </h2>
      {isSaved && (
        <NotificationBanner variant="success">
          <p className="notification-banner__heading">Your changes have been saved.</p>
        </NotificationBanner>
      )}
      <form noValidate onSubmit={(event) => void handleSubmit(event)} className="form-narrow">
        <ErrorSummary errors={errors} />
        <BoardFields values={values} onChange={handleChange} messageFor={messageFor} />
        <PipelineFields values={pipeline} onChange={handlePipelineChange} messageFor={messageFor} />
        <button type="submit" className="button">
          Save changes
        </button>
      </form>
    </section>
  );
}

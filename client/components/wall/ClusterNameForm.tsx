import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { MAX_CLUSTER_TITLE_CHARS, clusterTitleProblem } from '../../../shared/schema/clusters.js';

interface ClusterNameFormProps {
  label: string;
  submitLabel: string;
  initial?: string;
  /** Saves the name; returns a message for the officer when it could not, or null. */
  onSubmit(title: string): string | null;
  onCancel(): void;
}

/**
 * Names a group (new or renamed): one text field, checked by the same rule the writers apply
 * (`clusterTitleProblem`), with the GOV.UK error message on the field and focus kept in it.
 */
export function ClusterNameForm({ label, submitLabel, initial = '', onSubmit, onCancel }: ClusterNameFormProps) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const errorId = `${id}-error`;

  useEffect(() => inputRef.current?.focus(), []);

  function handleSubmit(event: FormEvent): void {
    event.preventDefault();
    const problem = clusterTitleProblem(title) ?? onSubmit(title.trim());
    setError(problem);
    if (problem !== null) inputRef.current?.focus();
  }

  return (
    <form className="cluster-name-form" onSubmit={handleSubmit} noValidate>
      <div className={error === null ? 'form-group' : 'form-group form-group--error'}>
        <label className="label cluster-name-form__label" htmlFor={`${id}-title`}>
          {label}
        </label>
        {error !== null && (
          <p className="error-message" id={errorId}>
            <span className="visually-hidden">Error:</span> {error}
          </p>
        )}
        <input
          className={error === null ? 'input' : 'input input--error'}
          id={`${id}-title`}
          type="text"
          ref={inputRef}
          value={title}
          maxLength={MAX_CLUSTER_TITLE_CHARS * 2}
          autoComplete="off"
          spellCheck
          aria-describedby={error === null ? undefined : errorId}
          aria-invalid={error === null ? undefined : true}
          onChange={(event) => setTitle(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') onCancel();
          }}
        />
      </div>
      <div className="cluster-tools">
        <button type="submit" className="button wall-button">
          {submitLabel}
        </button>
        <button type="button" className="button button--secondary wall-button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

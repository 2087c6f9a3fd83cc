import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { describeHiddenCharacter, findHiddenCharacter } from '../../../shared/text/hiddenCharacters.js';
import { MAX_TIMER_DURATION_MS, MAX_TIMER_LABEL_CHARS } from '../../../shared/schema/timer.js';

/** Most minutes the form offers: the server's 8-hour bound. */
const MAX_MINUTES = MAX_TIMER_DURATION_MS / 60_000;

interface TimerStartFormProps {
  /** Sends `timer-set` start; resolves with the server's refusal message, or null when it started. */
  onStart(durationMs: number, label: string): Promise<string | null>;
  /** Put focus on the minutes field when the form appears (the officer has just stopped a timer). */
  shouldFocus: boolean;
}

type Field = 'minutes' | 'label';

/** The minutes as a whole number from 1 to 480, or an error message (GOV.UK wording). */
function parseMinutes(text: string): number | string {
  const trimmed = text.trim();
  if (trimmed === '') return 'Enter how many minutes the timer should run for';
  if (!/^\d+$/.test(trimmed)) return 'Minutes must be a whole number, like 5';
  const minutes = Number(trimmed);
  if (minutes < 1 || minutes > MAX_MINUTES) return `Minutes must be between 1 and ${MAX_MINUTES}`;
  return minutes;
}

/** Officer: start a countdown with a number of minutes and, optionally, what it is for. */
export function TimerStartForm({ onStart, shouldFocus }: TimerStartFormProps) {
  const id = useId();
  const [minutes, setMinutes] = useState('5');
  const [label, setLabel] = useState('');
  const [error, setError] = useState<{ field: Field; message: string } | null>(null);
  const [isSending, setSending] = useState(false);
  const minutesRef = useRef<HTMLInputElement>(null);
  const labelRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (shouldFocus) minutesRef.current?.focus();
  }, [shouldFocus]);

  function fail(field: Field, message: string): void {
    setError({ field, message });
    (field === 'minutes' ? minutesRef : labelRef).current?.focus();
  }

  async function handleSubmit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const parsed = parseMinutes(minutes);
    if (typeof parsed === 'string') return fail('minutes', parsed);
    const hidden = findHiddenCharacter(label, 'one-line');
    if (hidden !== null) return fail('label', describeHiddenCharacter('What it is for', hidden));
    setSending(true);
    const refusal = await onStart(parsed * 60_000, label.trim());
    setSending(false);
    if (refusal !== null) return fail('minutes', refusal);
    setError(null);
  }

  const fieldClass = (field: Field) => (error?.field === field ? 'form-group form-group--error wall-field' : 'form-group wall-field');
  const errorFor = (field: Field) =>
    error?.field === field ? (
      <p className="error-message" id={`${id}-${field}-error`}>
        <span className="visually-hidden">Error:</span> {error.message}
      </p>
    ) : null;

  return (
    <form className="timer-start" onSubmit={(event) => void handleSubmit(event)} noValidate aria-label="Start a timer">
      <div className={fieldClass('minutes')}>
        <label className="label" htmlFor={`${id}-minutes`}>
          Minutes
        </label>
        {errorFor('minutes')}
        <input
          className={error?.field === 'minutes' ? 'input timer-start__minutes input--error' : 'input timer-start__minutes'}
          id={`${id}-minutes`}
          ref={minutesRef}
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          value={minutes}
          onChange={(event) => setMinutes(event.target.value)}
          aria-describedby={error?.field === 'minutes' ? `${id}-minutes-error` : undefined}
          aria-invalid={error?.field === 'minutes' ? true : undefined}
        />
      </div>
      <div className={`${fieldClass('label')} timer-start__label`}>
        <label className="label" htmlFor={`${id}-label`}>
          What is it for? (optional)
        </label>
        {errorFor('label')}
        <input
          className={error?.field === 'label' ? 'input input--error' : 'input'}
          id={`${id}-label`}
          ref={labelRef}
          maxLength={MAX_TIMER_LABEL_CHARS}
          autoComplete="off"
          placeholder=""
          value={label}
          onChange={(event) => setLabel(event.target.value)}
          aria-describedby={error?.field === 'label' ? `${id}-label-error` : undefined}
          aria-invalid={error?.field === 'label' ? true : undefined}
        />
      </div>
      <button type="submit" className="button wall-button timer-start__button" disabled={isSending}>
        Start timer
      </button>
    </form>
  );
}

import { useId, useRef, useState, type FormEvent } from 'react';
import { MAX_NOTE_TEXT_CHARS } from '../../../shared/limits.js';
import { DEFAULT_NOTE_COLOUR, type NoteColour } from '../../../shared/schema/colours.js';
import { describeHiddenCharacter, findHiddenCharacter } from '../../../shared/text/hiddenCharacters.js';
import { ColourRadios } from './ColourRadios.js';

export interface NoteFormValues {
  text: string;
  colour: NoteColour;
  isConfidential: boolean;
}

interface NoteFormProps {
  /** The problem or stage the note is for: its presence shows "typing" there. */
  targetId: string;
  /** e.g. "Add note" or "Save note". */
  submitLabel: string;
  initial?: NoteFormValues;
  /** Saves the note; returns an error message for the person, or null when it was saved. */
  onSubmit(values: NoteFormValues): string | null;
  onCancel(): void;
  /** A keystroke, or the confidential box changed: a confidential note is never shown as being typed. */
  onTyping(targetId: string, isConfidential: boolean): void;
}

const EMPTY: NoteFormValues = { text: '', colour: DEFAULT_NOTE_COLOUR, isConfidential: false };

function remainingMessage(length: number): string {
  const remaining = MAX_NOTE_TEXT_CHARS - length;
  if (remaining >= 0) return `You have ${remaining} ${remaining === 1 ? 'character' : 'characters'} remaining`;
  return `You have ${-remaining} ${remaining === -1 ? 'character' : 'characters'} too many`;
}

/** The server's publisher would refuse a note with hidden characters: say so before sending (the same rule). */
function hiddenCharacterProblem(text: string): string | null {
  const found = findHiddenCharacter(text, 'multi-line');
  return found === null ? null : describeHiddenCharacter('Your idea', found);
}

/** Writing or changing one of my notes: the idea, its colour, and whether only the council may see it. */
export function NoteForm({ targetId, submitLabel, initial = EMPTY, onSubmit, onCancel, onTyping }: NoteFormProps) {
  const id = useId();
  const [values, setValues] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const textId = `${id}-text`;
  const countId = `${id}-count`;
  const errorId = `${id}-error`;

  function handleSubmit(event: FormEvent): void {
    event.preventDefault();
    const problem = values.text.trim() === '' ? 'Enter your idea' : (hiddenCharacterProblem(values.text) ?? onSubmit(values));
    setError(problem);
    if (problem !== null) textRef.current?.focus();
  }

  return (
    <form
      className="note-form"
      onSubmit={handleSubmit}
      noValidate
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <div className={error === null ? 'form-group wall-field' : 'form-group form-group--error wall-field'}>
        <label className="label" htmlFor={textId}>
          Your idea
        </label>
        {error !== null && (
          <p className="error-message" id={errorId}>
            <span className="visually-hidden">Error:</span> {error}
          </p>
        )}
        <textarea
          className={error === null ? 'textarea' : 'textarea textarea--error'}
          id={textId}
          name="text"
          rows={3}
          ref={textRef}
          autoFocus
          maxLength={MAX_NOTE_TEXT_CHARS}
          value={values.text}
          onChange={(event) => {
            setValues({ ...values, text: event.target.value });
            onTyping(targetId, values.isConfidential);
          }}
          aria-describedby={error === null ? countId : `${errorId} ${countId}`}
          aria-invalid={error === null ? undefined : true}
        />
        <p className="hint character-count" id={countId}>
          {remainingMessage(values.text.length)}
        </p>
      </div>
      <ColourRadios id={id} value={values.colour} onChange={(colour) => setValues({ ...values, colour })} />
      <div className="checkboxes__item note-form__confidential">
        <input
          className="checkboxes__input"
          id={`${id}-confidential`}
          name="confidential"
          type="checkbox"
          checked={values.isConfidential}
          onChange={(event) => {
            setValues({ ...values, isConfidential: event.target.checked });
            onTyping(targetId, event.target.checked);
          }}
          aria-describedby={`${id}-confidential-hint`}
        />
        <label className="checkboxes__label" htmlFor={`${id}-confidential`}>
          Confidential to the council
        </label>
        <div className="hint checkboxes__hint" id={`${id}-confidential-hint`}>
          Only council officers will see it. It will not go on the wall.
        </div>
      </div>
      <div className="note-form__buttons">
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

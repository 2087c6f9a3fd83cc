import { useEffect, type RefObject } from 'react';
import type * as Y from 'yjs';
import { MAX_BRIEF_TEXT_CHARS } from '../../../shared/limits.js';
import { useBoundText } from '../../board/useBoundText.js';

interface BoundTextFieldProps {
  id: string;
  label: string;
  hint?: string;
  /** The shared text this field edits; null when the record has gone (the field is then disabled). */
  text: Y.Text | null;
  isMultiline?: boolean;
  /** Take focus when it first appears (a record just created). */
  isFocusedFirst?: boolean;
}

/**
 * A labelled text field bound live to a Y.Text of the brief: every officer's keystrokes appear in every
 * copy as they type. The field is uncontrolled: the binding owns its value and caret.
 */
export function BoundTextField({ id, label, hint, text, isMultiline = false, isFocusedFirst = false }: BoundTextFieldProps) {
  const { ref, onInput } = useBoundText<HTMLInputElement & HTMLTextAreaElement>(text);
  const hintId = hint === undefined ? undefined : `${id}-hint`;

  useEffect(() => {
    if (isFocusedFirst) ref.current?.focus();
  }, [isFocusedFirst, ref]);

  const common = {
    id,
    name: id,
    onInput,
    maxLength: MAX_BRIEF_TEXT_CHARS,
    disabled: text === null,
    'aria-describedby': hintId,
  };
  return (
    <div className="form-group wall-field">
      <label className="label" htmlFor={id}>
        {label}
      </label>
      {hint !== undefined && (
        <div className="hint" id={hintId}>
          {hint}
        </div>
      )}
      {isMultiline ? (
        <textarea className="textarea" rows={4} ref={ref as RefObject<HTMLTextAreaElement>} {...common} />
      ) : (
        <input className="input" type="text" spellCheck ref={ref as RefObject<HTMLInputElement>} {...common} />
      )}
    </div>
  );
}

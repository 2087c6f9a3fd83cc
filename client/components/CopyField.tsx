import { useRef, useState } from 'react';

interface CopyFieldProps {
  id: string;
  label: string;
  value: string;
  testId?: string;
}

type CopyState = 'idle' | 'copied' | 'manual';

/** A read-only text field with a "Copy link" button, for links an officer sends to people. */
export function CopyField({ id, label, value, testId }: CopyFieldProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<CopyState>('idle');

  async function handleCopy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      // No clipboard permission (or not a secure context): select the text so people can copy it themselves.
      inputRef.current?.focus();
      inputRef.current?.select();
      setState('manual');
    }
  }

  return (
    <div className="form-group copy-field">
      <label className="label label--s" htmlFor={id}>
        {label}
      </label>
      <div className="copy-field__row">
        <input
          ref={inputRef}
          className="input copy-field__input"
          id={id}
          type="text"
          readOnly
          value={value}
          spellCheck={false}
          data-testid={testId}
          onFocus={(event) => event.target.select()}
        />
        <button type="button" className="button button--secondary copy-field__button" onClick={() => void handleCopy()}>
          Copy link
        </button>
      </div>
      <p className="copy-field__status" role="status">
        {state === 'copied' && 'Link copied'}
        {state === 'manual' && 'The link is selected. Press Control and C (or Command and C on a Mac) to copy it.'}
      </p>
    </div>
  );
}

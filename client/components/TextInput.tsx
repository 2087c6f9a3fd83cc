import type { HTMLInputAutoCompleteAttribute, ReactNode } from 'react';
import { FormGroup } from './FormGroup.js';

interface TextInputProps {
  id: string;
  /** Defaults to `id`: both match the request body's key. */
  name?: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  value: string;
  onChange(value: string): void;
  type?: 'text' | 'email' | 'password';
  autoComplete?: HTMLInputAutoCompleteAttribute;
  /** A width class such as `input--width-20`; inputs are full width by default. */
  widthClass?: string;
  spellCheck?: boolean;
  autoCapitalize?: string;
}

export function TextInput(props: TextInputProps) {
  const { id, label, hint, error, value, onChange, type = 'text', widthClass = '' } = props;
  return (
    <FormGroup id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <input
          className={['input', widthClass, error === undefined ? '' : 'input--error'].filter(Boolean).join(' ')}
          id={id}
          name={props.name ?? id}
          type={type}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          autoComplete={props.autoComplete}
          spellCheck={props.spellCheck}
          autoCapitalize={props.autoCapitalize}
          aria-describedby={describedBy}
          aria-invalid={error === undefined ? undefined : true}
        />
      )}
    </FormGroup>
  );
}

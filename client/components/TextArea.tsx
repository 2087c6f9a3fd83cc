import type { ReactNode } from 'react';
import { FormGroup } from './FormGroup.js';

interface TextAreaProps {
  id: string;
  name?: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  value: string;
  onChange(value: string): void;
  rows?: number;
}

export function TextArea({ id, name, label, hint, error, value, onChange, rows = 5 }: TextAreaProps) {
  return (
    <FormGroup id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <textarea
          className={error === undefined ? 'textarea' : 'textarea textarea--error'}
          id={id}
          name={name ?? id}
          rows={rows}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-describedby={describedBy}
          aria-invalid={error === undefined ? undefined : true}
        />
      )}
    </FormGroup>
  );
}

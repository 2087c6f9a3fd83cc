import type { ReactNode } from 'react';

interface FormGroupProps {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  /** Renders the control, given the ids that describe it (hint, error) for `aria-describedby`. */
  children: (describedBy: string | undefined) => ReactNode;
}

/** GOV.UK form group: label above the control, then hint, then the error message, then the control. */
export function FormGroup({ id, label, hint, error, children }: FormGroupProps) {
  const hintId = hint === undefined ? undefined : `${id}-hint`;
  const errorId = error === undefined ? undefined : `${id}-error`;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error === undefined ? 'form-group' : 'form-group form-group--error'}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      {hint !== undefined && (
        <div className="hint" id={hintId}>
          {hint}
        </div>
      )}
      {error !== undefined && (
        <p className="error-message" id={errorId}>
          <span className="visually-hidden">Error:</span> {error}
        </p>
      )}
      {children(describedBy)}
    </div>
  );
}

interface CheckboxProps {
  id: string;
  name?: string;
  /** The question the checkbox answers, read out as the group's name. */
  legend: string;
  label: string;
  error?: string | undefined;
  checked: boolean;
  onChange(checked: boolean): void;
}

/** A single GOV.UK-style checkbox (a 40px box with a tick) in its own fieldset, with an inline error. */
export function Checkbox({ id, name, legend, label, error, checked, onChange }: CheckboxProps) {
  const errorId = `${id}-error`;
  return (
    <div className={error === undefined ? 'form-group' : 'form-group form-group--error'}>
      <fieldset className="fieldset">
        <legend className="fieldset__legend fieldset__legend--s">{legend}</legend>
        {error !== undefined && (
          <p className="error-message" id={errorId}>
            <span className="visually-hidden">Error:</span> {error}
          </p>
        )}
        <div className="checkboxes">
          <div className="checkboxes__item">
            <input
              className="checkboxes__input"
              id={id}
              name={name ?? id}
              type="checkbox"
              value="true"
              checked={checked}
              onChange={(event) => onChange(event.target.checked)}
              aria-describedby={error === undefined ? undefined : errorId}
              aria-invalid={error === undefined ? undefined : true}
            />
            <label className="checkboxes__label" htmlFor={id}>
              {label}
            </label>
          </div>
        </div>
      </fieldset>
    </div>
  );
}

interface ExpiryFieldsProps {
  /** Prefix for the inputs' ids, so two forms on one page do not clash: `<prefix>-expiry-date`. */
  idPrefix: string;
  date: string;
  time: string;
  onDateChange(value: string): void;
  onTimeChange(value: string): void;
  dateError?: string | undefined;
  timeError?: string | undefined;
}

/** An optional expiry: a date and a time, grouped in a fieldset. */
export function ExpiryFields(props: ExpiryFieldsProps) {
  const { idPrefix, dateError, timeError } = props;
  const dateId = `${idPrefix}-expiry-date`;
  const timeId = `${idPrefix}-expiry-time`;
  const hintId = `${idPrefix}-expiry-hint`;
  const hasError = dateError !== undefined || timeError !== undefined;
  const describedBy = (fieldId: string, error: string | undefined) =>
    error === undefined ? hintId : `${hintId} ${fieldId}-error`;

  return (
    <div className={hasError ? 'form-group form-group--error' : 'form-group'}>
      <fieldset className="fieldset">
        <legend className="fieldset__legend fieldset__legend--s">When should the link stop working? (optional)</legend>
        <div className="hint" id={hintId}>
          Leave both blank for a link that works until you revoke it. For example, the end of the event.
        </div>
        {[
          { id: dateId, label: 'Date', type: 'date', value: props.date, onChange: props.onDateChange, error: dateError },
          { id: timeId, label: 'Time', type: 'time', value: props.time, onChange: props.onTimeChange, error: timeError },
        ].map((field) => (
          <div className="expiry-fields__item" key={field.id}>
            <label className="label label--s" htmlFor={field.id}>
              {field.label}
            </label>
            {field.error !== undefined && (
              <p className="error-message" id={`${field.id}-error`}>
                <span className="visually-hidden">Error:</span> {field.error}
              </p>
            )}
            <input
              className={field.error === undefined ? 'input input--width-10' : 'input input--width-10 input--error'}
              id={field.id}
              name={field.id}
              type={field.type}
              value={field.value}
              onChange={(event) => field.onChange(event.target.value)}
              aria-describedby={describedBy(field.id, field.error)}
              aria-invalid={field.error === undefined ? undefined : true}
            />
          </div>
        ))}
      </fieldset>
    </div>
  );
}

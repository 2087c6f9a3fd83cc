interface DateTimeFieldsProps {
  /** Prefix of the inputs' ids: `<idPrefix>-date` and `<idPrefix>-time`. */
  idPrefix: string;
  legend: string;
  hint: string;
  date: string;
  time: string;
  onDateChange(value: string): void;
  onTimeChange(value: string): void;
  error?: string | undefined;
}

/**
 * A date and a time in one fieldset, as the invite link expiry asks them (`ExpiryFields`): the legend
 * says what the time is for, the hint how to leave it out, one error message for the pair.
 */
export function DateTimeFields(props: DateTimeFieldsProps) {
  const { idPrefix, error } = props;
  const hintId = `${idPrefix}-hint`;
  const errorId = `${idPrefix}-error`;
  const describedBy = error === undefined ? hintId : `${hintId} ${errorId}`;
  return (
    <div className={error === undefined ? 'form-group' : 'form-group form-group--error'}>
      <fieldset className="fieldset" aria-describedby={describedBy}>
        <legend className="fieldset__legend fieldset__legend--s">{props.legend}</legend>
        <div className="hint" id={hintId}>
          {props.hint}
        </div>
        {error !== undefined && (
          <p className="error-message" id={errorId}>
            <span className="visually-hidden">Error:</span> {error}
          </p>
        )}
        {[
          { id: `${idPrefix}-date`, label: 'Date', type: 'date', value: props.date, onChange: props.onDateChange },
          { id: `${idPrefix}-time`, label: 'Time', type: 'time', value: props.time, onChange: props.onTimeChange },
        ].map((field) => (
          <div className="expiry-fields__item" key={field.id}>
            <label className="label label--s" htmlFor={field.id}>
              {field.label}
            </label>
            <input
              className={error === undefined ? 'input input--width-10' : 'input input--width-10 input--error'}
              id={field.id}
              name={field.id}
              type={field.type}
              value={field.value}
              onChange={(event) => field.onChange(event.target.value)}
              aria-invalid={error === undefined ? undefined : true}
            />
          </div>
        ))}
      </fieldset>
    </div>
  );
}

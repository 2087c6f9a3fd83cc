import {
  ORGANISATION_SIZE_LABELS,
  ORGANISATION_SIZES,
  WORKED_BEFORE_ANSWERS,
  WORKED_BEFORE_LABELS,
  type OrganisationSize,
  type WorkedBefore,
} from '../../shared/schema/reach.js';

export interface ReachValues {
  organisationSize: OrganisationSize | 'not-said' | '';
  workedBefore: WorkedBefore | '';
}

interface RadioGroupProps<T extends string> {
  name: string;
  legend: string;
  hint: string;
  options: ReadonlyArray<{ value: T; label: string }>;
  value: T | '';
  onChange(value: T): void;
}

function RadioGroup<T extends string>({ name, legend, hint, options, value, onChange }: RadioGroupProps<T>) {
  return (
    <div className="form-group">
      <fieldset className="fieldset" aria-describedby={`${name}-hint`}>
        <legend className="fieldset__legend fieldset__legend--s">{legend}</legend>
        <div className="hint" id={`${name}-hint`}>
          {hint}
        </div>
        <div className="radios radios--small">
          {options.map((option) => (
            <div className="radios__item" key={option.value}>
              <input className="radios__input" type="radio" id={`${name}-${option.value}`} name={name} value={option.value} checked={value === option.value} onChange={() => onChange(option.value)} />
              <label className="radios__label" htmlFor={`${name}-${option.value}`}>
                {option.label}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

/**
 * Who took part (issue 13): a supplier may say their organisation's size and whether they have worked
 * with the council before. Both optional; the council publishes counts only, never who said what.
 */
export function ReachFields({ values, onChange }: { values: ReachValues; onChange(values: ReachValues): void }) {
  const sizes = [...ORGANISATION_SIZES, 'not-said' as const].map((value) => ({ value, label: ORGANISATION_SIZE_LABELS[value] }));
  const answers = WORKED_BEFORE_ANSWERS.map((value) => ({ value, label: WORKED_BEFORE_LABELS[value] }));
  return (
    <>
      <RadioGroup
        name="organisationSize"
        legend="How big is your organisation? (optional)"
        hint="The council publishes how many small organisations took part, never who."
        options={sizes}
        value={values.organisationSize}
        onChange={(organisationSize) => onChange({ ...values, organisationSize })}
      />
      <RadioGroup
        name="workedBefore"
        legend="Has your organisation worked with the council before? (optional)"
        hint="Counted to show how many first-time suppliers took part."
        options={answers}
        value={values.workedBefore}
        onChange={(workedBefore) => onChange({ ...values, workedBefore })}
      />
    </>
  );
}

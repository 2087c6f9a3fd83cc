import { PROJECT_STAGE_LABELS, PROJECT_STAGES, type PipelineDetails, type ProjectStage } from '../../shared/schema/pipeline.js';
import { Checkbox } from './Checkbox.js';
import { TextArea } from './TextArea.js';
import { TextInput } from './TextInput.js';

/** The pipeline fields as the board-details form holds them (names are the request body's keys). */
export interface PipelineFieldValues {
  listedInPipeline: boolean;
  serviceArea: string;
  projectStage: ProjectStage | '';
  startsOn: string;
  endsOn: string;
  howToTakePart: string;
}

export function pipelineFieldValues(pipeline: PipelineDetails | undefined): PipelineFieldValues {
  return {
    listedInPipeline: pipeline?.listed ?? false,
    serviceArea: pipeline?.serviceArea ?? '',
    projectStage: pipeline?.stage ?? '',
    startsOn: pipeline?.startsOn ?? '',
    endsOn: pipeline?.endsOn ?? '',
    howToTakePart: pipeline?.howToTakePart ?? '',
  };
}

interface PipelineFieldsProps {
  values: PipelineFieldValues;
  onChange(values: PipelineFieldValues): void;
  messageFor(fieldId: string): string | undefined;
}

const STAGE_CHOICES: Array<{ value: ProjectStage | ''; label: string }> = [
  ...PROJECT_STAGES.map((stage) => ({ value: stage, label: PROJECT_STAGE_LABELS[stage] })),
  { value: '', label: 'Not stated' },
];

/**
 * The board's entry in the council's open pipeline (issue 13): everything here is public once listed, on
 * the pipeline page, its Atom feed and JSON.
 */
export function PipelineFields({ values, onChange, messageFor }: PipelineFieldsProps) {
  const change = <K extends keyof PipelineFieldValues>(field: K) => (value: PipelineFieldValues[K]) => onChange({ ...values, [field]: value });
  const stageError = messageFor('projectStage');
  return (
    <fieldset className="fieldset">
      <legend className="fieldset__legend fieldset__legend--m">Open pipeline</legend>
      <p className="hint">
        Suppliers find engagements on the public <a href="/pipeline">engagement pipeline</a>. What you enter here is public once the board is listed.
      </p>
      <Checkbox
        id="listedInPipeline"
        legend="List this board in the pipeline?"
        label="Yes, list it in the public pipeline"
        error={messageFor('listedInPipeline')}
        checked={values.listedInPipeline}
        onChange={change('listedInPipeline')}
      />
      <TextInput id="serviceArea" label="Service area" hint="For example, Housing repairs" error={messageFor('serviceArea')} value={values.serviceArea} onChange={change('serviceArea')} />
      <div className={stageError === undefined ? 'form-group' : 'form-group form-group--error'}>
        <fieldset className="fieldset" aria-describedby={stageError === undefined ? undefined : 'projectStage-error'}>
          <legend className="fieldset__legend fieldset__legend--s">Project stage</legend>
          {stageError !== undefined && (
            <p className="error-message" id="projectStage-error">
              <span className="visually-hidden">Error:</span> {stageError}
            </p>
          )}
          <div className="radios radios--small">
            {STAGE_CHOICES.map(({ value, label }, index) => (
              <div className="radios__item" key={label}>
                <input
                  className="radios__input"
                  type="radio"
                  id={index === 0 ? 'projectStage' : `projectStage-${value || 'not-stated'}`}
                  name="projectStage"
                  value={value}
                  checked={values.projectStage === value}
                  onChange={() => change('projectStage')(value)}
                />
                <label className="radios__label" htmlFor={index === 0 ? 'projectStage' : `projectStage-${value || 'not-stated'}`}>
                  {label}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <TextInput id="startsOn" label="First day of the engagement" hint="As year-month-day, for example 2027-03-14. Leave empty if not known." error={messageFor('startsOn')} value={values.startsOn} onChange={change('startsOn')} widthClass="input--width-10" />
      <TextInput id="endsOn" label="Last day of the engagement" hint="As year-month-day, for example 2027-03-28. Leave empty if not known." error={messageFor('endsOn')} value={values.endsOn} onChange={change('endsOn')} widthClass="input--width-10" />
      <TextArea
        id="howToTakePart"
        label="How to take part"
        hint="Where and when the event is, and how a supplier gets the event code. Do not put personal contact details here."
        error={messageFor('howToTakePart')}
        value={values.howToTakePart}
        onChange={change('howToTakePart')}
        rows={4}
      />
    </fieldset>
  );
}

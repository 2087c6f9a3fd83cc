import { NOTE_COLOUR_DETAILS, NOTE_COLOURS, type NoteColour } from '../../../shared/schema/colours.js';

interface ColourRadiosProps {
  /** Prefix for the inputs' ids and their group's name. */
  id: string;
  value: NoteColour;
  onChange(colour: NoteColour): void;
}

/** The palette as radio buttons, each with its name: colour is never the only way to tell them apart. */
export function ColourRadios({ id, value, onChange }: ColourRadiosProps) {
  return (
    <div className="form-group wall-field">
      <fieldset className="fieldset">
        <legend className="fieldset__legend fieldset__legend--s">Colour</legend>
        <div className="colour-radios">
          {NOTE_COLOURS.map((colour) => (
            <div className="colour-radios__item" key={colour}>
              <input
                className="colour-radios__input"
                type="radio"
                id={`${id}-${colour}`}
                name={`${id}-colour`}
                value={colour}
                checked={value === colour}
                onChange={() => onChange(colour)}
              />
              <label className="colour-radios__label" htmlFor={`${id}-${colour}`}>
                <span className={`colour-radios__swatch note-colour--${colour}`} aria-hidden="true" />
                {NOTE_COLOUR_DETAILS[colour].name}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

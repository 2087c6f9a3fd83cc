/**
 * The closed palette of sticky-note colours. A colour from anywhere else (a draft, a presence state)
 * is refused: the UI only ever paints these values, never a string a client sent.
 */

/** Every colour a note may have, in the order the colour picker offers them. */
export const NOTE_COLOURS = ['yellow', 'green', 'blue', 'pink', 'orange'] as const;
export type NoteColour = (typeof NOTE_COLOURS)[number];

/** The colour a new note gets when the author has not chosen one. */
export const DEFAULT_NOTE_COLOUR: NoteColour = 'yellow';

/** How the UI shows a colour: a name for people and screen readers, and a light background. */
export interface NoteColourDetails {
  /** Name shown in the picker and read by screen readers, e.g. "Yellow". */
  name: string;
  /** Light background, `#rrggbb`. Every one has a contrast ratio of at least 7:1 with `text`. */
  background: string;
  /** Text colour on that background (GOV.UK text colour), `#rrggbb`. */
  text: string;
}

const TEXT = '#0b0c0c';

/** Display details of every colour in the palette. */
export const NOTE_COLOUR_DETAILS: Readonly<Record<NoteColour, NoteColourDetails>> = {
  yellow: { name: 'Yellow', background: '#fff4b3', text: TEXT },
  green: { name: 'Green', background: '#cdefd4', text: TEXT },
  blue: { name: 'Blue', background: '#d2e5f7', text: TEXT },
  pink: { name: 'Pink', background: '#f9d5e5', text: TEXT },
  orange: { name: 'Orange', background: '#ffdfbd', text: TEXT },
};

/** True when `value` is one of the palette's colours. */
export function isNoteColour(value: unknown): value is NoteColour {
  return typeof value === 'string' && (NOTE_COLOURS as readonly string[]).includes(value);
}

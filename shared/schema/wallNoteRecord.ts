/**
 * How a published note is stored in the wall's `notes` map (issue 15: the note record was ~90 % of the
 * bytes every reader receives).
 *
 * Since wall schema version 3 a note is a positional array under its key `<personId>:<noteId>`:
 *
 *     [text, colourCode, targetId, createdAt − timeBase, updatedAt − createdAt]
 *
 * - the author and the note id are NOT repeated: they are the key (and the author's name lives once in the
 *   wall's `people` root);
 * - the colour is its index in `COLOUR_CODES` (one byte instead of the name);
 * - `updatedAt` is stored as its distance from `createdAt` (0 for a note never edited: one byte, not eight);
 * - `createdAt` is stored as its distance from the wall's time base (`meta.timeBase`, set once by the
 *   server with the first compact note: `wallTimeBase.ts`): a small integer (5 bytes for the first 24 days
 *   of a board, then 9 as before) instead of an 8-byte float.
 * A 120-character note costs about 208 bytes on the wire instead of 334 (see BENCHMARKS.md).
 *
 * Readers accept both this and the object record of versions 1–2 (`{ author, noteId, text, colour,
 * targetId, createdAt, updatedAt }`), so a wall written before the change reads the same. Extra trailing
 * array entries and unknown object fields are ignored (a newer server may add some).
 */
import { z } from 'zod';
import { isWellFormedId } from '../ids.js';
import { NOTE_COLOURS, type NoteColour } from './colours.js';

/** A published note, as every reader sees it. Times are ms epoch (server clock). */
export interface WallNote {
  author: string;
  noteId: string;
  text: string;
  colour: NoteColour;
  targetId: string;
  createdAt: number;
  updatedAt: number;
}

/**
 * Colour → code in the compact record. Fixed for ever: a new colour is APPENDED here (an older code must
 * never change meaning); `wallNoteRecord.test.ts` checks every colour of the palette has a code.
 */
export const COLOUR_CODES: readonly NoteColour[] = ['yellow', 'green', 'blue', 'pink', 'orange'];

/** The stored form of a note since wall schema version 3. */
export type CompactWallNote = [text: string, colourCode: number, targetId: string, createdAfterBaseMs: number, editedAfterMs: number];

/** The record of versions 1–2; tolerant of fields a newer server adds (they are dropped). */
const objectRecordSchema = z.object({
  author: z.string().refine(isWellFormedId),
  noteId: z.string().refine(isWellFormedId),
  text: z.string(),
  colour: z.enum(NOTE_COLOURS),
  targetId: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
});


/**
 * The stored form of `note` (its author and note id are the key's, so they are not in it), with times
 * relative to the wall's `timeBase`.
 */
export function encodeWallNote(note: WallNote, timeBase: number): CompactWallNote {
  const code = COLOUR_CODES.indexOf(note.colour);
  if (code < 0) throw new TypeError(`no compact code for the colour ${note.colour}`);
  return [note.text, code, note.targetId, note.createdAt - timeBase, Math.max(0, note.updatedAt - note.createdAt)];
}

/**
 * The note stored under `key` (`<personId>:<noteId>`, both well-formed ids), or null when the value is not
 * a valid record of either form, or (object form) names another author or note than its key. `timeBase`
 * is the wall's (`readWallTimeBase`).
 */
export function decodeWallNote(key: string, value: unknown, timeBase: number): WallNote | null {
  const [author, noteId, ...rest] = key.split(':');
  if (rest.length > 0 || !isWellFormedId(author) || !isWellFormedId(noteId)) return null;
  if (Array.isArray(value)) {
    // Checked by hand, not with zod: every reader decodes every note on each wall change (2,000 on a phone).
    const [text, colourCode, targetId, createdAfterBaseMs, editedAfterMs] = value as unknown[];
    if (typeof text !== 'string' || typeof targetId !== 'string' || !Number.isInteger(colourCode)) return null;
    if (!Number.isFinite(createdAfterBaseMs) || !Number.isFinite(editedAfterMs) || (editedAfterMs as number) < 0) return null;
    const colour = COLOUR_CODES[colourCode as number];
    if (colour === undefined) return null;
    const createdAt = timeBase + (createdAfterBaseMs as number);
    return { author, noteId, text, colour, targetId, createdAt, updatedAt: createdAt + (editedAfterMs as number) };
  }
  const parsed = objectRecordSchema.safeParse(value);
  if (!parsed.success || parsed.data.author !== author || parsed.data.noteId !== noteId) return null;
  return parsed.data;
}

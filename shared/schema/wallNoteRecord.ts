/**
 * How a published note is stored in the wall's `notes` map (issue 15: the note record was ~90 % of the
 * bytes every reader receives).
 *
 * Since wall schema version 3 a note is a positional array under its key `<personId>:<noteId>`:
 *
 *     [text, colourCode, target, createdAt − timeBase, updatedAt − createdAt]
 *
 * - the author and the note id are NOT repeated: they are the key (and the author's name lives once in the
 *   wall's `people` root);
 * - the colour is its index in `COLOUR_CODES` (one byte instead of the name);
 * - the target (version 4) is the problem's or stage's number in the wall's target table (`wallTargets.ts`):
 *   2 bytes instead of 23 for a 21-character id. A string there is the target id itself (version 3, and a
 *   target that is not a well-formed id);
 * - `updatedAt` is stored as its distance from `createdAt`, and (version 4) left out when 0, i.e. for a
 *   note never edited: a missing last entry reads as 0;
 * - `createdAt` is stored as its distance from the wall's time base (`meta.timeBase`, set once by the
 *   server with the first compact note: `wallTimeBase.ts`): a small integer (5 bytes for the first 24 days
 *   of a board, then 9 as before) instead of an 8-byte float.
 * A lone new 120-character note with 21-character ids costs 199 bytes on the wire (222 in version 3, 347
 * as an object record; `tests/load/noteBytes.ts` breaks them down).
 *
 * Readers accept all three forms: version 4, version 3 (target id in the record, `updatedAt` delta always
 * there) and the object record of versions 1–2 (`{ author, noteId, text, colour, targetId, createdAt,
 * updatedAt }`), so a wall written before a change reads the same. Extra trailing array entries and unknown
 * object fields are ignored (a newer server may add some; it then writes the delta even when 0).
 */
import { z } from 'zod';
import { isWellFormedId } from '../ids.js';
import { NOTE_COLOURS, type NoteColour } from './colours.js';
import type { WallTargets } from './wallTargets.js';

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

/** The stored form of a note since wall schema version 3 (the target a ref and the last entry optional since 4). */
export type CompactWallNote =
  | [text: string, colourCode: number, target: number | string, createdAfterBaseMs: number, editedAfterMs: number]
  | [text: string, colourCode: number, target: number | string, createdAfterBaseMs: number];

/** What a compact record needs from its wall to be read: `readWallRecordContext` in `wall.ts`. */
export interface WallRecordContext {
  /** The wall's time base (`readWallTimeBase`). */
  timeBase: number;
  /** The wall's target table (`readWallTargets`). */
  targets: WallTargets;
}

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
 * relative to the wall's `timeBase` and the target as `target` (its ref in the wall's target table, or the
 * id itself).
 */
export function encodeWallNote(note: WallNote, timeBase: number, target: number | string): CompactWallNote {
  const code = COLOUR_CODES.indexOf(note.colour);
  if (code < 0) throw new TypeError(`no compact code for the colour ${note.colour}`);
  const createdAfterBaseMs = note.createdAt - timeBase;
  const editedAfterMs = Math.max(0, note.updatedAt - note.createdAt);
  return editedAfterMs === 0 ? [note.text, code, target, createdAfterBaseMs] : [note.text, code, target, createdAfterBaseMs, editedAfterMs];
}

/**
 * The note stored under `key` (`<personId>:<noteId>`, both well-formed ids), or null when the value is not
 * a valid record of any form, refers to a target its wall's table does not have, or (object form) names
 * another author or note than its key. `wall` is the wall's (`readWallRecordContext`).
 */
export function decodeWallNote(key: string, value: unknown, wall: WallRecordContext): WallNote | null {
  const [author, noteId, ...rest] = key.split(':');
  if (rest.length > 0 || !isWellFormedId(author) || !isWellFormedId(noteId)) return null;
  if (Array.isArray(value)) {
    // Checked by hand, not with zod: every reader decodes every note on each wall change (2,000 on a phone).
    const [text, colourCode, target, createdAfterBaseMs, editedAfterMs = 0] = value as unknown[];
    if (typeof text !== 'string' || !Number.isInteger(colourCode)) return null;
    if (!Number.isFinite(createdAfterBaseMs) || !Number.isFinite(editedAfterMs) || (editedAfterMs as number) < 0) return null;
    const colour = COLOUR_CODES[colourCode as number];
    const targetId = typeof target === 'string' ? target : typeof target === 'number' ? wall.targets.get(target) : undefined;
    if (colour === undefined || targetId === undefined) return null;
    const createdAt = wall.timeBase + (createdAfterBaseMs as number);
    return { author, noteId, text, colour, targetId, createdAt, updatedAt: createdAt + (editedAfterMs as number) };
  }
  const parsed = objectRecordSchema.safeParse(value);
  if (!parsed.success || parsed.data.author !== author || parsed.data.noteId !== noteId) return null;
  return parsed.data;
}

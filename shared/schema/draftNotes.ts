/**
 * A draft's `notes` root: Y.Map<noteId, Y.Map{ text: string, colour, targetId, createdAt, visibility }>.
 * The draft is written only by its author, so note text is a plain string, not a Y.Text. Anything read
 * from a draft is untrusted: the publisher validates every record with `draftNoteSchema`.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { isWellFormedId } from '../ids.js';
import { MAX_NOTES_PER_DRAFT, MAX_NOTE_TEXT_CHARS } from '../limits.js';
import { describeHiddenCharacter, findHiddenCharacter, hasNoHiddenCharacters } from '../text/hiddenCharacters.js';
import { DEFAULT_NOTE_COLOUR, NOTE_COLOURS } from './colours.js';
import { DRAFT_ROOTS } from './roots.js';
import { newRecordId } from './recordId.js';

/** Who may see a note: 'public' goes to the wall; 'confidential' stays with its author and the officers. */
export const NOTE_VISIBILITIES = { public: 'public', confidential: 'confidential' } as const;
export type NoteVisibility = (typeof NOTE_VISIBILITIES)[keyof typeof NOTE_VISIBILITIES];

/**
 * One draft note record, strict: unknown fields, wrong types, NaN and colours outside the palette are
 * refused, each with a message written for the author. Text length is NOT checked here: going over
 * `MAX_NOTE_TEXT_CHARS` is its own publisher rule ('note-too-long'), which keeps the published version.
 */
export const draftNoteSchema = z.strictObject(
  {
    // The one rule for hidden characters (shared/text/hiddenCharacters.ts). The publisher checks it first, as
    // its own rule 'hidden-characters', so the author is told which character; this keeps the schema whole.
    text: z
      .string({ error: 'The note’s text is missing' })
      .refine((text) => hasNoHiddenCharacters(text, 'multi-line'), { error: 'The note contains hidden characters' }),
    colour: z.enum(NOTE_COLOURS, { error: 'The note’s colour is not one of the board’s colours' }),
    targetId: z
      .string({ error: 'The note is not attached to a problem or stage' })
      .refine(isWellFormedId, { error: 'The note is not attached to a problem or stage' }),
    createdAt: z.number({ error: 'The note’s creation time is missing' }).int().nonnegative(),
    visibility: z.enum(['public', 'confidential'], { error: 'Choose whether the note is public or confidential' }),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? 'The note has fields the board does not know' : 'The note could not be read',
  },
);
export type DraftNote = z.infer<typeof draftNoteSchema>;

/** The outcome of validating one raw draft record. `problem` is a plain-English sentence for the author. */
export type DraftNoteCheck = { ok: true; note: DraftNote } | { ok: false; problem: string };

/** Validates one raw record (as returned by `readRawDraftNotes`). */
export function validateDraftNote(raw: unknown): DraftNoteCheck {
  const result = draftNoteSchema.safeParse(raw);
  if (result.success) return { ok: true, note: result.data };
  return { ok: false, problem: result.error.issues[0]?.message ?? 'The note could not be read' };
}

/** Stands in for a nested shared type: fails every field of the schema, and is never recursed into. */
const NESTED_SHARED_TYPE = Object.freeze({ nestedSharedType: true });

/**
 * Every note of a draft as raw data for the publisher, keyed by note id. A Y.Map record becomes a
 * plain object of its own fields (built with `Object.fromEntries`, so a `__proto__` key stays an own,
 * refused key); nested shared types are replaced by a marker rather than read (no deep recursion on
 * hostile nesting); a record that is not a Y.Map reads as null (refused by the schema).
 */
export function readRawDraftNotes(doc: Y.Doc): Map<string, unknown> {
  const notes = new Map<string, unknown>();
  doc.getMap<unknown>(DRAFT_ROOTS.notes).forEach((value, noteId) => {
    notes.set(noteId, value instanceof Y.Map ? shallowFields(value as Y.Map<unknown>) : null);
  });
  return notes;
}

/** A Y.Map record as a plain object of its own fields; nested shared types become a marker (never read). */
export function shallowFields(record: Y.Map<unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Array.from(record.entries(), ([field, value]) => [field, value instanceof Y.AbstractType ? NESTED_SHARED_TYPE : value]),
  );
}

/** Every note of a draft, validated, keyed by note id (also refused: a note id that is not well formed). */
export function readDraftNotes(doc: Y.Doc): Map<string, DraftNoteCheck> {
  const checked = new Map<string, DraftNoteCheck>();
  for (const [noteId, raw] of readRawDraftNotes(doc)) {
    checked.set(noteId, isWellFormedId(noteId) ? validateDraftNote(raw) : { ok: false, problem: 'The note’s id is not valid' });
  }
  return checked;
}

/** A new note as the author's UI creates it. */
export interface NewDraftNote {
  text: string;
  targetId: string;
  colour?: DraftNote['colour'];
  visibility?: NoteVisibility;
  /** Milliseconds since the epoch on this device; defaults to now. Informational only. */
  createdAt?: number;
}

function assertValid(note: DraftNote): void {
  const hidden = findHiddenCharacter(note.text, 'multi-line');
  if (hidden) throw new RangeError(describeHiddenCharacter('The note', hidden));
  const check = validateDraftNote(note);
  if (!check.ok) throw new RangeError(check.problem);
  if (note.text.length > MAX_NOTE_TEXT_CHARS) {
    throw new RangeError(`Notes can be up to ${MAX_NOTE_TEXT_CHARS} characters`);
  }
}

/** Number of entries in a draft's notes root. */
export function countDraftNotes(doc: Y.Doc): number {
  return doc.getMap<unknown>(DRAFT_ROOTS.notes).size;
}

/**
 * Adds a note to the author's own draft and returns its new id. Throws RangeError when the note is
 * invalid, its text is over `MAX_NOTE_TEXT_CHARS`, or the draft already holds `MAX_NOTES_PER_DRAFT`.
 */
export function addDraftNote(doc: Y.Doc, fields: NewDraftNote): string {
  const note: DraftNote = {
    text: fields.text,
    colour: fields.colour ?? DEFAULT_NOTE_COLOUR,
    targetId: fields.targetId,
    createdAt: fields.createdAt ?? Date.now(),
    visibility: fields.visibility ?? NOTE_VISIBILITIES.public,
  };
  assertValid(note);
  if (countDraftNotes(doc) >= MAX_NOTES_PER_DRAFT) {
    throw new RangeError(`A draft can hold up to ${MAX_NOTES_PER_DRAFT} notes`);
  }
  const id = newRecordId();
  doc.transact(() => {
    const record = new Y.Map<unknown>();
    doc.getMap<unknown>(DRAFT_ROOTS.notes).set(id, record);
    for (const [field, value] of Object.entries(note)) record.set(field, value);
  });
  return id;
}

/** Fields an author may change after creating a note. */
export type DraftNoteChanges = Partial<Pick<DraftNote, 'text' | 'colour' | 'targetId' | 'visibility'>>;

/**
 * Changes fields of a note in the author's own draft; only fields that differ are written. Returns
 * false when there is no such note or it is not a valid record. Throws RangeError on an invalid change.
 */
export function updateDraftNote(doc: Y.Doc, noteId: string, changes: DraftNoteChanges): boolean {
  const record = doc.getMap<unknown>(DRAFT_ROOTS.notes).get(noteId);
  if (!(record instanceof Y.Map)) return false;
  const current = validateDraftNote(shallowFields(record as Y.Map<unknown>));
  if (!current.ok) return false;
  const next: DraftNote = { ...current.note, ...definedOnly(changes) };
  assertValid(next);
  doc.transact(() => {
    for (const field of ['text', 'colour', 'targetId', 'visibility'] as const) {
      if (next[field] !== current.note[field]) record.set(field, next[field]);
    }
  });
  return true;
}

function definedOnly(changes: DraftNoteChanges): DraftNoteChanges {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
}

/** Deletes a note from the author's own draft (the publisher then unpublishes it). False when absent. */
export function deleteDraftNote(doc: Y.Doc, noteId: string): boolean {
  const notes = doc.getMap<unknown>(DRAFT_ROOTS.notes);
  if (!notes.has(noteId)) return false;
  notes.delete(noteId);
  return true;
}

/**
 * Puts a deleted note back under the same id with the same fields ("Undo" after delete, issue 14): the
 * publisher then publishes it again, under the same wall key, for everyone. False when the id is in use.
 * Throws RangeError when the note is invalid or the draft is full.
 */
export function restoreDraftNote(doc: Y.Doc, noteId: string, note: DraftNote): boolean {
  assertValid(note);
  const notes = doc.getMap<unknown>(DRAFT_ROOTS.notes);
  if (notes.has(noteId)) return false;
  if (countDraftNotes(doc) >= MAX_NOTES_PER_DRAFT) throw new RangeError(`A draft can hold up to ${MAX_NOTES_PER_DRAFT} notes`);
  doc.transact(() => {
    const record = new Y.Map<unknown>();
    notes.set(noteId, record);
    for (const [field, value] of Object.entries(note)) record.set(field, value);
  });
  return true;
}

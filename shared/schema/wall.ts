/**
 * The wall (`<boardId>/wall`): what is published, written ONLY by the server. Records are plain JSON
 * values (not nested shared types) to keep the wall small: `people` holds each author once, `targets` each
 * problem or stage notes are for (`wallTargets.ts`), and `notes` refers to its author by id (the key) and to
 * its target by number, in the compact form of `wallNoteRecord.ts`. A note's key is always
 * `wallKeyFor(personId, noteId)`: never a draft's note id alone, or one author could address another
 * author's note.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { isWellFormedId } from '../ids.js';
import { WALL_ROOTS } from './roots.js';
import { readWallSchemaVersion } from './wallMeta.js';
import { decodeWallNote, encodeWallNote, type WallNote, type WallRecordContext } from './wallNoteRecord.js';
import { readWallTargets, wallTargetRefs } from './wallTargets.js';
import { ensureWallTimeBase, readWallTimeBase } from './wallTimeBase.js';

export type { WallNote } from './wallNoteRecord.js';

/** Key of a note on the wall: `<personId>:<noteId>`. Build it only with `wallKeyFor`. */
export type WallKey = string & { readonly __brand: 'WallKey' };

/** Roles an author can have on the wall (observers never write). */
export type WallRole = 'officer' | 'participant';

/** An author as the server stamped them, set once per person. */
export interface WallPerson {
  name: string;
  organisation: string;
  role: WallRole;
}

/**
 * The wall key of `personId`'s note `noteId`. Both must be well-formed ids (no ':'), so a key splits
 * one way only. Throws TypeError otherwise: callers pass ids they have already validated.
 */
export function wallKeyFor(personId: string, noteId: string): WallKey {
  if (!isWellFormedId(personId) || !isWellFormedId(noteId)) {
    throw new TypeError('wallKeyFor needs a well-formed person id and note id');
  }
  return `${personId}:${noteId}` as WallKey;
}

/** Splits a wall key into its person id and note id, or null when it is not a well-formed key. */
export function parseWallKey(key: unknown): { personId: string; noteId: string } | null {
  if (typeof key !== 'string') return null;
  const [personId, noteId, ...rest] = key.split(':');
  if (rest.length > 0 || !isWellFormedId(personId) || !isWellFormedId(noteId)) return null;
  return { personId, noteId };
}

/**
 * Validates a person record read from the wall. Tolerant: fields a newer server adds are ignored (and
 * dropped from the result), so a record never disappears because the wall learned something new. The
 * wall's schema version (`wallMeta.ts`) says when a change is one this reader cannot follow.
 */
export const wallPersonSchema = z.object({
  name: z.string(),
  organisation: z.string(),
  role: z.enum(['officer', 'participant']),
});

/** A wall note with its key and its author's details, ready to show. */
export interface WallNoteView extends WallNote {
  key: WallKey;
  authorName: string;
  authorOrganisation: string;
  authorRole: WallRole | null;
}

/** The wall for the client: notes grouped by the id of the problem or stage they are for. */
export interface WallState {
  /** Notes per target id, oldest first (ties by key). */
  notesByTarget: Map<string, WallNoteView[]>;
  people: Map<string, WallPerson>;
  /** The schema version the server wrote (1 before versions): above WALL_SCHEMA_VERSION, this page is out of date. */
  schemaVersion: number;
}

/** Every valid person of the wall, keyed by person id. */
export function readWallPeople(doc: Y.Doc): Map<string, WallPerson> {
  const people = new Map<string, WallPerson>();
  doc.getMap<unknown>(WALL_ROOTS.people).forEach((value, personId) => {
    const parsed = wallPersonSchema.safeParse(value);
    if (parsed.success && isWellFormedId(personId)) people.set(personId, parsed.data);
  });
  return people;
}

/** What `decodeWallNote` needs from the wall: read it once for all the notes of one read. */
export function readWallRecordContext(doc: Y.Doc): WallRecordContext {
  return { timeBase: readWallTimeBase(doc), targets: readWallTargets(doc) };
}

/**
 * Every valid note of the wall whose key matches its record, keyed by wall key: compact records (versions
 * 3–4) and the object records of older walls alike (`wallNoteRecord.ts`).
 */
export function readWallNotes(doc: Y.Doc): Map<WallKey, WallNote> {
  const notes = new Map<WallKey, WallNote>();
  const context = readWallRecordContext(doc);
  doc.getMap<unknown>(WALL_ROOTS.notes).forEach((value, key) => {
    const note = decodeWallNote(key, value, context);
    if (note) notes.set(key as WallKey, note);
  });
  return notes;
}

/** The wall notes of one author keyed by their note id: the publisher's `wallNotesOfAuthor`. */
export function readWallNotesOfAuthor(doc: Y.Doc, personId: string): Map<string, WallNote> {
  const mine = new Map<string, WallNote>();
  for (const note of readWallNotes(doc).values()) if (note.author === personId) mine.set(note.noteId, note);
  return mine;
}

/** Reads the wall for the client; a note whose author is not in `people` shows an empty name. */
export function readWall(doc: Y.Doc): WallState {
  const people = readWallPeople(doc);
  const notesByTarget = new Map<string, WallNoteView[]>();
  for (const [key, note] of readWallNotes(doc)) {
    const person = people.get(note.author);
    const view: WallNoteView = {
      ...note,
      key,
      authorName: person?.name ?? '',
      authorOrganisation: person?.organisation ?? '',
      authorRole: person?.role ?? null,
    };
    const group = notesByTarget.get(note.targetId);
    if (group) group.push(view);
    else notesByTarget.set(note.targetId, [view]);
  }
  for (const group of notesByTarget.values()) {
    group.sort((a, b) => a.createdAt - b.createdAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
  return { notesByTarget, people, schemaVersion: readWallSchemaVersion(doc) };
}

/** Server only: stamps an author's details, once; writes nothing when they are already the same. */
export function putWallPerson(doc: Y.Doc, personId: string, person: WallPerson): void {
  const people = doc.getMap<unknown>(WALL_ROOTS.people);
  const current = wallPersonSchema.safeParse(people.get(personId));
  const same =
    current.success &&
    current.data.name === person.name &&
    current.data.organisation === person.organisation &&
    current.data.role === person.role;
  if (!same) people.set(personId, { name: person.name, organisation: person.organisation, role: person.role });
}

/**
 * Server only: applies a publication decision (see `shared/publisher.ts`) to the wall in one
 * transaction tagged with `origin`.
 */
export function writeWallChanges(
  doc: Y.Doc,
  changes: { publish: ReadonlyArray<{ key: WallKey; record: WallNote }>; unpublish: readonly WallKey[] },
  origin?: unknown,
): void {
  if (changes.publish.length === 0 && changes.unpublish.length === 0) return;
  doc.transact(() => {
    const notes = doc.getMap<unknown>(WALL_ROOTS.notes);
    for (const key of changes.unpublish) notes.delete(key);
    if (changes.publish.length === 0) return;
    const timeBase = ensureWallTimeBase(doc, changes.publish[0]!.record.createdAt); // reason: length checked
    // A target's first note adds it to the table in this same transaction: no reader sees a ref before its entry.
    const refOf = wallTargetRefs(doc);
    for (const { key, record } of changes.publish) notes.set(key, encodeWallNote(record, timeBase, refOf(record.targetId)));
  }, origin);
}

/**
 * Issue 12, "version the wall schema": readers of the wall are tolerant of fields and roots they do not
 * know, and an older page whose reader cannot follow a newer wall is told to reload rather than dropping
 * notes: version 3 (issue 15) made note records compact arrays, which the first release's reader cannot read;
 * version 4 made a record's target a number in the wall's target table, which version 3's reader cannot read.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { WALL_ROOTS } from '../../shared/schema/roots.js';
import { readWall, readWallNotes, wallKeyFor, writeWallChanges, type WallNote } from '../../shared/schema/wall.js';
import { isWallNewerThanThisPage, readWallSchemaVersion, stampWallSchemaVersion, WALL_SCHEMA_VERSION } from '../../shared/schema/wallMeta.js';

/** The first release's reader of a wall note, verbatim: strict, so any new field would drop the note. */
const previousNoteSchema = z.strictObject({
  author: z.string(),
  noteId: z.string(),
  text: z.string(),
  colour: z.enum(['yellow', 'green', 'blue', 'pink', 'orange', 'purple']),
  targetId: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

function previousReader(doc: Y.Doc): string[] {
  const texts: string[] = [];
  doc.getMap<unknown>('notes').forEach((value) => {
    const parsed = previousNoteSchema.safeParse(value);
    if (parsed.success) texts.push(parsed.data.text);
  });
  return texts.sort();
}

/** Version 3's reader of a compact record, verbatim in what it checks: the target must be the id itself. */
function version3Reader(doc: Y.Doc): string[] {
  const texts: string[] = [];
  doc.getMap<unknown>('notes').forEach((value) => {
    if (!Array.isArray(value)) return;
    const [text, colourCode, targetId, createdAfterBaseMs, editedAfterMs] = value as unknown[];
    if (typeof text !== 'string' || typeof targetId !== 'string' || !Number.isInteger(colourCode)) return;
    if (!Number.isFinite(createdAfterBaseMs) || !Number.isFinite(editedAfterMs)) return;
    texts.push(text);
  });
  return texts.sort();
}

const PERSON = 'person-aaaaaaaaaaaaaaaa';
const TARGET = 'stage-aaaaaaaaaaaaaaaaa';

function note(noteId: string, text: string): { key: ReturnType<typeof wallKeyFor>; record: WallNote } {
  return { key: wallKeyFor(PERSON, noteId), record: { author: PERSON, noteId, text, colour: 'yellow', targetId: TARGET, createdAt: 1, updatedAt: 1 } };
}

/** A wall as this server writes it: versioned, with the workshop roots beside the notes. */
function newerWall(): Y.Doc {
  const doc = new Y.Doc();
  stampWallSchemaVersion(doc, 'server');
  writeWallChanges(doc, { publish: [note('note-aaaaaaaaaaaaaaaaa', 'Text reminders'), note('note-bbbbbbbbbbbbbbbbb', 'Plain letters')], unpublish: [] });
  doc.getMap<unknown>('tallies').set(wallKeyFor(PERSON, 'note-aaaaaaaaaaaaaaaaa'), { votes: 3, plusOne: 2 });
  doc.getMap<unknown>('comments').set(wallKeyFor(PERSON, 'comment-aaaaaaaaaaaaaa'), { author: PERSON, text: 'Yes' });
  return doc;
}

describe('[#12.version] the wall schema version and tolerant readers', () => {
  it('[#15] the previous release cannot read compact notes, so the version it sees tells it to reload instead of dropping them', () => {
    const doc = newerWall();
    expect(previousReader(doc)).toEqual([]);
    // What that release's page decides from the version (its WALL_SCHEMA_VERSION was 2).
    expect(readWallSchemaVersion(doc)).toBeGreaterThan(2);
    expect(readWall(doc).notesByTarget.get(TARGET)?.map(({ text }) => text)).toEqual(['Text reminders', 'Plain letters']);
  });

  it('[#15] a version-3 page cannot read targets by number, so the version it sees tells it to reload', () => {
    const doc = newerWall();
    expect(version3Reader(doc)).toEqual([]);
    // What a version-3 page decides from the version (its WALL_SCHEMA_VERSION was 3).
    expect(readWallSchemaVersion(doc)).toBeGreaterThan(3);
    expect(readWallNotes(doc).size).toBe(2);
  });

  it('[#12.version] today’s reader keeps a note whose record gained a field it does not know', () => {
    const doc = newerWall();
    const key = wallKeyFor(PERSON, 'note-aaaaaaaaaaaaaaaaa');
    // The object form of versions 1–2, with a field this reader does not know.
    doc.getMap<unknown>(WALL_ROOTS.notes).set(key, { ...note('note-aaaaaaaaaaaaaaaaa', 'Text reminders').record, pinned: true });
    expect(readWallNotes(doc).get(key)?.text).toBe('Text reminders');
    expect(readWallNotes(doc).get(key)).not.toHaveProperty('pinned');
  });

  it('[#12.version] a wall from before versions reads as 1; the server stamps its own version once', () => {
    const doc = new Y.Doc();
    expect(readWallSchemaVersion(doc)).toBe(1);
    let updates = 0;
    doc.on('update', () => (updates += 1));
    stampWallSchemaVersion(doc, 'server');
    stampWallSchemaVersion(doc, 'server');
    expect(updates).toBe(1);
    expect(readWall(doc).schemaVersion).toBe(WALL_SCHEMA_VERSION);
  });

  it('[#12.version] a wall written by a newer server tells this page to reload; a malformed version is ignored', () => {
    const doc = newerWall();
    expect(isWallNewerThanThisPage(doc)).toBe(false);
    doc.getMap<unknown>(WALL_ROOTS.meta).set('schemaVersion', WALL_SCHEMA_VERSION + 1);
    expect(isWallNewerThanThisPage(doc)).toBe(true);
    doc.getMap<unknown>(WALL_ROOTS.meta).set('schemaVersion', 'ninety');
    expect(readWallSchemaVersion(doc)).toBe(1);
  });
});

/**
 * Issue 15: the compact wall note record round-trips every field, is far smaller than the object record,
 * and readers take both (a wall written before version 3 reads the same).
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { NOTE_COLOURS } from '../../shared/schema/colours.js';
import { WALL_ROOTS } from '../../shared/schema/roots.js';
import { readWall, readWallNotes, wallKeyFor, writeWallChanges } from '../../shared/schema/wall.js';
import { COLOUR_CODES, decodeWallNote, encodeWallNote, type WallNote } from '../../shared/schema/wallNoteRecord.js';
import { readWallTimeBase } from '../../shared/schema/wallTimeBase.js';

const AUTHOR = 'person-aaaaaaaaaaaaaaaa';
const NOTE_ID = 'note-aaaaaaaaaaaaaaaaa';
const TARGET = 'stage-aaaaaaaaaaaaaaaaa';
const KEY = wallKeyFor(AUTHOR, NOTE_ID);
const BASE = 1_763_990_000_000;

function noteWith(overrides: Partial<WallNote> = {}): WallNote {
  return { author: AUTHOR, noteId: NOTE_ID, text: 'Text reminders the day before a visit', colour: 'green', targetId: TARGET, createdAt: 1_764_000_000_123, updatedAt: 1_764_000_004_567, ...overrides };
}

describe('[#15] the compact wall note record', () => {
  it('[#15] round-trips every field, for every colour, edited or not, through a Yjs document', () => {
    for (const colour of NOTE_COLOURS) {
      for (const note of [noteWith({ colour }), noteWith({ colour, updatedAt: 1_764_000_000_123 }), noteWith({ colour, text: '', targetId: 'problem-bbbbbbbbbbbbbbb' })]) {
        expect(decodeWallNote(KEY, encodeWallNote(note, BASE), BASE)).toEqual(note);
        expect(decodeWallNote(KEY, encodeWallNote(note, 0), 0)).toEqual(note);
        const writer = new Y.Doc();
        writeWallChanges(writer, { publish: [{ key: KEY, record: note }], unpublish: [] });
        const reader = new Y.Doc();
        Y.applyUpdate(reader, Y.encodeStateAsUpdate(writer));
        expect(readWallNotes(reader).get(KEY)).toEqual(note);
        // The server set the wall's time base once, with its first note.
        expect(readWallTimeBase(reader)).toBe(note.createdAt);
      }
    }
  });

  it('[#15] has a code for every colour of the palette, and codes never reused', () => {
    for (const colour of NOTE_COLOURS) expect(COLOUR_CODES).toContain(colour);
    expect(new Set(COLOUR_CODES).size).toBe(COLOUR_CODES.length);
  });

  it('[#15] repeats neither the author nor the note id, nor any field name', () => {
    const stored = JSON.stringify(encodeWallNote(noteWith(), BASE));
    expect(stored).not.toContain(AUTHOR);
    expect(stored).not.toContain(NOTE_ID);
    expect(stored).not.toMatch(/text|colour|targetId|createdAt/);
  });

  it('[#15] costs at most 1.5× its text and author reference on the wire, a third less than the object record', () => {
    // As a board publishes: 21-character ids (nanoid), 120-character texts, 20 notes in one broadcast.
    const author = 'A'.repeat(21);
    const text = 'x'.repeat(120);
    const notes = Array.from({ length: 20 }, (_, index) => {
      const noteId = `n${String(index).padStart(20, '0')}`;
      const createdAt = 1_764_000_000_000 + index * 37;
      return { key: wallKeyFor(author, noteId), record: noteWith({ author, noteId, text, targetId: 'T'.repeat(21), createdAt, updatedAt: createdAt }) };
    });
    const bytesPerNote = (write: (doc: Y.Doc) => void): number => {
      const doc = new Y.Doc();
      writeWallChanges(doc, { publish: [notes[0]!], unpublish: [] }); // reason: 20 notes; the wall's first note sets its time base
      const before = Y.encodeStateVector(doc);
      write(doc);
      return Y.encodeStateAsUpdate(doc, before).byteLength / (notes.length - 1);
    };
    const compact = bytesPerNote((doc) => writeWallChanges(doc, { publish: notes.slice(1), unpublish: [] }));
    const object = bytesPerNote((doc) => doc.transact(() => notes.slice(1).forEach(({ key, record }) => doc.getMap<unknown>(WALL_ROOTS.notes).set(key, { ...record }))));
    expect(compact).toBeLessThanOrEqual(1.5 * (text.length + author.length));
    expect(compact).toBeLessThan(object * 0.7);
  });

  it('[#15] reads the object records of older walls beside compact ones, and refuses malformed ones', () => {
    const doc = new Y.Doc();
    const older = noteWith({ noteId: 'note-bbbbbbbbbbbbbbbbb', text: 'Written by version 2' });
    const olderKey = wallKeyFor(AUTHOR, older.noteId);
    doc.getMap<unknown>(WALL_ROOTS.notes).set(olderKey, { ...older, pinned: true });
    writeWallChanges(doc, { publish: [{ key: KEY, record: noteWith() }], unpublish: [] });
    expect(readWallNotes(doc)).toEqual(new Map([[olderKey, older], [KEY, noteWith()]]));
    expect(readWall(doc).notesByTarget.get(TARGET)?.map(({ text }) => text)).toEqual(['Text reminders the day before a visit', 'Written by version 2']);

    const encoded = encodeWallNote(noteWith(), BASE);
    // A newer server's extra trailing entry is ignored.
    expect(decodeWallNote(KEY, [...encoded, 'pinned'], BASE)).toEqual(noteWith());
    for (const bad of [[], [1, 0, TARGET, 1, 0], ['text', 99, TARGET, 1, 0], ['text', 0, TARGET, 1, -5], ['text', 0.5, TARGET, 1, 0], 'text', null]) {
      expect(decodeWallNote(KEY, bad, BASE)).toBeNull();
    }
    // A key that is not `<personId>:<noteId>`, or an object record naming another author than its key.
    expect(decodeWallNote(NOTE_ID, encoded, BASE)).toBeNull();
    expect(decodeWallNote(`${AUTHOR}:${NOTE_ID}:x`, encoded, BASE)).toBeNull();
    expect(decodeWallNote(wallKeyFor('person-bbbbbbbbbbbbbbbb', NOTE_ID), noteWith(), BASE)).toBeNull();
    expect(() => encodeWallNote(noteWith({ colour: 'purple' as never }), BASE)).toThrow(TypeError);
  });
});

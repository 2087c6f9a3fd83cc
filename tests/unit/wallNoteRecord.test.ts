/**
 * Issue 15: the compact wall note record round-trips every field, is far smaller than the object record,
 * and readers take every form (a wall written before version 4, or before version 3, reads the same).
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { NOTE_COLOURS } from '../../shared/schema/colours.js';
import { WALL_ROOTS } from '../../shared/schema/roots.js';
import { readWall, readWallNotes, readWallRecordContext, wallKeyFor, writeWallChanges } from '../../shared/schema/wall.js';
import { COLOUR_CODES, decodeWallNote, encodeWallNote, type WallNote, type WallRecordContext } from '../../shared/schema/wallNoteRecord.js';
import { readWallTargets } from '../../shared/schema/wallTargets.js';
import { readWallTimeBase } from '../../shared/schema/wallTimeBase.js';

const AUTHOR = 'person-aaaaaaaaaaaaaaaa';
const NOTE_ID = 'note-aaaaaaaaaaaaaaaaa';
const TARGET = 'stage-aaaaaaaaaaaaaaaaa';
const KEY = wallKeyFor(AUTHOR, NOTE_ID);
const BASE = 1_763_990_000_000;
/** A wall whose target table has TARGET as ref 0. */
const WALL: WallRecordContext = { timeBase: BASE, targets: new Map([[0, TARGET]]) };
const WALL_AT_ZERO: WallRecordContext = { timeBase: 0, targets: WALL.targets };

function noteWith(overrides: Partial<WallNote> = {}): WallNote {
  return { author: AUTHOR, noteId: NOTE_ID, text: 'Text reminders the day before a visit', colour: 'green', targetId: TARGET, createdAt: 1_764_000_000_123, updatedAt: 1_764_000_004_567, ...overrides };
}

describe('[#15] the compact wall note record', () => {
  it('[#15] round-trips every field, for every colour, edited or not, through a Yjs document', () => {
    for (const colour of NOTE_COLOURS) {
      for (const note of [noteWith({ colour }), noteWith({ colour, updatedAt: 1_764_000_000_123 }), noteWith({ colour, text: '', targetId: 'problem-bbbbbbbbbbbbbbb' })]) {
        const ref = note.targetId === TARGET ? 0 : note.targetId;
        expect(decodeWallNote(KEY, encodeWallNote(note, BASE, ref), WALL)).toEqual(note);
        expect(decodeWallNote(KEY, encodeWallNote(note, 0, ref), WALL_AT_ZERO)).toEqual(note);
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
    const stored = JSON.stringify(encodeWallNote(noteWith(), BASE, 0));
    expect(stored).not.toContain(AUTHOR);
    expect(stored).not.toContain(NOTE_ID);
    expect(stored).not.toContain(TARGET);
    expect(stored).not.toMatch(/text|colour|targetId|createdAt/);
  });

  it('[#15] leaves out the edit delta of a note never edited, and reads a missing one as 0', () => {
    const unedited = noteWith({ updatedAt: noteWith().createdAt });
    expect(encodeWallNote(unedited, BASE, 0)).toEqual([unedited.text, 1, 0, unedited.createdAt - BASE]);
    expect(encodeWallNote(noteWith(), BASE, 0)).toHaveLength(5);
    expect(decodeWallNote(KEY, [unedited.text, 1, 0, unedited.createdAt - BASE], WALL)).toEqual(unedited);
  });

  it('[#15] names each target once in the wall’s table: one ref per target, kept for ever, written with its first note', () => {
    const doc = new Y.Doc();
    const other = 'problem-bbbbbbbbbbbbbbb';
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    writeWallChanges(doc, { publish: [{ key: KEY, record: noteWith() }], unpublish: [] });
    const second = noteWith({ noteId: 'note-bbbbbbbbbbbbbbbbb', targetId: other });
    const third = noteWith({ noteId: 'note-ccccccccccccccccc' });
    writeWallChanges(doc, { publish: [{ key: wallKeyFor(AUTHOR, second.noteId), record: second }, { key: wallKeyFor(AUTHOR, third.noteId), record: third }], unpublish: [] });
    expect(readWallTargets(doc)).toEqual(new Map([[0, TARGET], [1, other]]));
    expect(doc.getMap<unknown>(WALL_ROOTS.notes).get(wallKeyFor(AUTHOR, second.noteId))).toEqual(expect.arrayContaining([1]));
    // Every broadcast carries a note's ref with its table entry: a reader of each update alone reads every note.
    const reader = new Y.Doc();
    for (const update of updates) {
      Y.applyUpdate(reader, update);
      for (const [key, value] of doc.getMap<unknown>(WALL_ROOTS.notes)) {
        if (reader.getMap<unknown>(WALL_ROOTS.notes).has(key)) expect(readWallNotes(reader).get(key as never)).toEqual(decodeWallNote(key, value, readWallRecordContext(doc)));
      }
    }
    expect(readWallNotes(reader).size).toBe(3);
    // Removing every note of a target keeps its ref: a ref is never given to another target.
    writeWallChanges(doc, { publish: [], unpublish: [wallKeyFor(AUTHOR, second.noteId)] });
    const fourth = noteWith({ noteId: 'note-ddddddddddddddddd', targetId: 'stage-ddddddddddddddddd' });
    writeWallChanges(doc, { publish: [{ key: wallKeyFor(AUTHOR, fourth.noteId), record: fourth }], unpublish: [] });
    expect(readWallTargets(doc).get(2)).toBe('stage-ddddddddddddddddd');
    expect(readWallTargets(doc).get(1)).toBe(other);
  });

  it('[#15] ignores malformed table entries, and never reuses their numbers', () => {
    const doc = new Y.Doc();
    const table = doc.getMap<unknown>(WALL_ROOTS.targets);
    table.set('0', 'short'); // not a well-formed id
    table.set('01', TARGET); // not one key per ref
    table.set('x', TARGET);
    table.set('3', 42);
    expect(readWallTargets(doc)).toEqual(new Map());
    writeWallChanges(doc, { publish: [{ key: KEY, record: noteWith() }], unpublish: [] });
    expect(readWallTargets(doc)).toEqual(new Map([[4, TARGET]]));
    expect(readWallNotes(doc).get(KEY)).toEqual(noteWith());
    // A target that is not a well-formed id (the publisher never publishes one) is kept in the record itself.
    const odd = noteWith({ noteId: 'note-eeeeeeeeeeeeeeeee', targetId: 'odd' });
    writeWallChanges(doc, { publish: [{ key: wallKeyFor(AUTHOR, odd.noteId), record: odd }], unpublish: [] });
    expect(readWallNotes(doc).get(wallKeyFor(AUTHOR, odd.noteId))).toEqual(odd);
    expect(readWallTargets(doc).size).toBe(1);
  });

  it('[#15] a lone 120-character note with 21-character ids costs at most 1.5× its text and author id on the wire', () => {
    // A quiet board: the wall has notes (its time base and this target's ref are set), one more is published.
    const author = 'A'.repeat(21);
    const text = 'x'.repeat(120);
    const target = 'T'.repeat(21);
    const publish = (doc: Y.Doc, index: number) => {
      const noteId = `n${String(index).padStart(20, '0')}`;
      const createdAt = 1_764_000_000_000 + index * 60_000;
      writeWallChanges(doc, { publish: [{ key: wallKeyFor(author, noteId), record: noteWith({ author, noteId, text, targetId: target, createdAt, updatedAt: createdAt }) }], unpublish: [] });
    };
    const doc = new Y.Doc();
    doc.clientID = 0xfffffff0; // the largest client ids take 5 bytes, as most random ones do
    for (let index = 0; index < 300; index += 1) publish(doc, index);
    const before = Y.encodeStateVector(doc);
    publish(doc, 300);
    const update = Y.encodeStateAsUpdate(doc, before);
    // As y-websocket sends it: message type (sync), sync type (update), the update with its length.
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarUint8Array(encoder, update);
    const onTheWire = encoding.length(encoder);
    expect(onTheWire).toBeLessThanOrEqual(1.5 * (text.length + author.length));
    // 200 B today (a 2-byte clock after 300 notes); 223 B in version 3, over the bound.
  });

  it('[#15] costs at most 1.5× its text and author reference in a batch, a third less than the object record', () => {
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
    expect(compact).toBeLessThan(object * 0.6);
  });

  it('[#15] reads the object records of older walls beside compact ones, and refuses malformed ones', () => {
    const doc = new Y.Doc();
    const older = noteWith({ noteId: 'note-bbbbbbbbbbbbbbbbb', text: 'Written by version 2' });
    const olderKey = wallKeyFor(AUTHOR, older.noteId);
    doc.getMap<unknown>(WALL_ROOTS.notes).set(olderKey, { ...older, pinned: true });
    writeWallChanges(doc, { publish: [{ key: KEY, record: noteWith() }], unpublish: [] });
    expect(readWallNotes(doc)).toEqual(new Map([[olderKey, older], [KEY, noteWith()]]));
    expect(readWall(doc).notesByTarget.get(TARGET)?.map(({ text }) => text)).toEqual(['Text reminders the day before a visit', 'Written by version 2']);

    const encoded = encodeWallNote(noteWith(), BASE, 0);
    // A newer server's extra trailing entry is ignored.
    expect(decodeWallNote(KEY, [...encoded, 'pinned'], WALL)).toEqual(noteWith());
    const bads = [
      [], [1, 0, 0, 1, 0], ['text', 99, 0, 1, 0], ['text', 0, 0, 1, -5], ['text', 0.5, 0, 1, 0], ['text', 0, 0], ['text', 0, 0, null],
      // A ref the table does not have, or a target that is neither a ref nor an id.
      ['text', 0, 7, 1], ['text', 0, -1, 1], ['text', 0, 0.5, 1], ['text', 0, null, 1], ['text', 0, { id: TARGET }, 1],
      'text', null,
    ];
    for (const bad of bads) expect(decodeWallNote(KEY, bad, WALL)).toBeNull();
    // A key that is not `<personId>:<noteId>`, or an object record naming another author than its key.
    expect(decodeWallNote(NOTE_ID, encoded, WALL)).toBeNull();
    expect(decodeWallNote(`${AUTHOR}:${NOTE_ID}:x`, encoded, WALL)).toBeNull();
    expect(decodeWallNote(wallKeyFor('person-bbbbbbbbbbbbbbbb', NOTE_ID), noteWith(), WALL)).toBeNull();
    expect(() => encodeWallNote(noteWith({ colour: 'purple' as never }), BASE, 0)).toThrow(TypeError);
  });

  it('[#15] reads the compact records of version 3 (target id in the record) beside those of version 4', () => {
    // As a version-3 server stored them: no target table, the id itself, the edit delta always there.
    const doc = new Y.Doc();
    const v3 = noteWith({ noteId: 'note-bbbbbbbbbbbbbbbbb', text: 'Written by version 3', updatedAt: noteWith().createdAt });
    const v3Key = wallKeyFor(AUTHOR, v3.noteId);
    doc.transact(() => {
      doc.getMap<unknown>(WALL_ROOTS.meta).set('timeBase', BASE);
      doc.getMap<unknown>(WALL_ROOTS.notes).set(v3Key, [v3.text, 1, TARGET, v3.createdAt - BASE, 0]);
    });
    writeWallChanges(doc, { publish: [{ key: KEY, record: noteWith() }], unpublish: [] });
    expect(readWallNotes(doc)).toEqual(new Map([[v3Key, v3], [KEY, noteWith()]]));
    // The publisher edits a version-3 note: it is written again in the form of today.
    const edited = { ...v3, text: 'Edited', updatedAt: v3.createdAt + 10 };
    writeWallChanges(doc, { publish: [{ key: v3Key, record: edited }], unpublish: [] });
    expect(doc.getMap<unknown>(WALL_ROOTS.notes).get(v3Key)).toEqual(['Edited', 1, 0, v3.createdAt - BASE, 10]);
    expect(readWallNotes(doc).get(v3Key)).toEqual(edited);
  });
});

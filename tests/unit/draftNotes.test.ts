import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_NOTE_TEXT_CHARS, MAX_NOTES_PER_DRAFT } from '../../shared/limits.js';
import { isNoteColour, NOTE_COLOUR_DETAILS, NOTE_COLOURS } from '../../shared/schema/colours.js';
import {
  addDraftNote,
  deleteDraftNote,
  readDraftNotes,
  readRawDraftNotes,
  updateDraftNote,
  validateDraftNote,
} from '../../shared/schema/draftNotes.js';
import { DRAFT_ROOTS } from '../../shared/schema/roots.js';

const TARGET = 'stage-target-0000001';
const valid = { text: 'Use SMS reminders', colour: 'green', targetId: TARGET, createdAt: 1_700_000_000_000, visibility: 'public' };

function roundTrip(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

describe('draft notes', () => {
  it('[schema:draft] a note added by its author reads back valid after a round trip, with defaults', () => {
    const doc = new Y.Doc();
    const noteId = addDraftNote(doc, { text: 'Idea', targetId: TARGET, createdAt: 5 });
    const notes = readDraftNotes(roundTrip(doc));
    expect(notes.get(noteId)).toEqual({
      ok: true,
      note: { text: 'Idea', colour: 'yellow', targetId: TARGET, createdAt: 5, visibility: 'public' },
    });
  });

  it('[schema:draft] updating changes only the given fields, and deleting removes the note', () => {
    const doc = new Y.Doc();
    const noteId = addDraftNote(doc, { text: 'Idea', targetId: TARGET, colour: 'blue' });
    expect(updateDraftNote(doc, noteId, { text: 'Better idea', visibility: 'confidential' })).toBe(true);
    const check = readDraftNotes(doc).get(noteId);
    expect(check).toMatchObject({ ok: true, note: { text: 'Better idea', colour: 'blue', visibility: 'confidential' } });
    expect(deleteDraftNote(doc, noteId)).toBe(true);
    expect(deleteDraftNote(doc, noteId)).toBe(false);
    expect(updateDraftNote(doc, noteId, { text: 'gone' })).toBe(false);
    expect(readDraftNotes(doc).size).toBe(0);
  });

  it('[schema:draft] writers refuse invalid notes, over-long text and a full draft', () => {
    const doc = new Y.Doc();
    expect(() => addDraftNote(doc, { text: 'x'.repeat(MAX_NOTE_TEXT_CHARS + 1), targetId: TARGET })).toThrow(RangeError);
    expect(() => addDraftNote(doc, { text: 'ok', targetId: 'not an id' })).toThrow(RangeError);
    const noteId = addDraftNote(doc, { text: 'x'.repeat(MAX_NOTE_TEXT_CHARS), targetId: TARGET });
    expect(() => updateDraftNote(doc, noteId, { colour: 'red' as never })).toThrow(RangeError);
    for (let i = 1; i < MAX_NOTES_PER_DRAFT; i++) addDraftNote(doc, { text: `n${i}`, targetId: TARGET });
    expect(() => addDraftNote(doc, { text: 'one too many', targetId: TARGET })).toThrow(RangeError);
  });

  it.each([
    ['an unknown field', { ...valid, author: 'someone-else-000000' }],
    ['a colour outside the palette', { ...valid, colour: 'red;background:url(x)' }],
    ['a creation time that is not a number', { ...valid, createdAt: Number.NaN }],
    ['text with a right-to-left override', { ...valid, text: 'abc\u202Edef' }],
    ['a target that is not an id', { ...valid, targetId: '../brief' }],
    ['an unknown visibility', { ...valid, visibility: 'secret' }],
    ['text that is not a string', { ...valid, text: 42 }],
    ['a record that is not an object', null],
  ])('[schema:draft-validate] a record with %s is refused with a message for the author', (_label, raw) => {
    const check = validateDraftNote(raw);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.problem).toMatch(/^[A-Z].+[a-z’]$/);
  });

  it('[schema:draft-validate] a valid record passes', () => {
    expect(validateDraftNote(valid)).toEqual({ ok: true, note: valid });
  });

  it('[schema:draft-hostile] nested shared types, __proto__ keys, plain objects and bad note ids are refused without recursing', () => {
    const doc = new Y.Doc();
    const notes = doc.getMap<unknown>(DRAFT_ROOTS.notes);
    const nested = new Y.Map<unknown>();
    notes.set('nested-shared-type-01', nested);
    for (const [field, value] of Object.entries(valid)) nested.set(field, value);
    let deep = new Y.Map<unknown>();
    nested.set('text', deep);
    for (let i = 0; i < 200; i++) {
      const next = new Y.Map<unknown>();
      deep.set('x', next);
      deep = next;
    }
    const proto = new Y.Map<unknown>();
    notes.set('proto-key-note-000001', proto);
    for (const [field, value] of Object.entries(valid)) proto.set(field, value);
    proto.set('__proto__', { polluted: true });
    notes.set('plain-object-note-0001', { ...valid });
    const wellFormed = new Y.Map<unknown>();
    notes.set('bad:id', wellFormed);
    for (const [field, value] of Object.entries(valid)) wellFormed.set(field, value);

    const checks = readDraftNotes(doc);
    for (const noteId of ['nested-shared-type-01', 'proto-key-note-000001', 'plain-object-note-0001', 'bad:id']) {
      expect(checks.get(noteId)?.ok, noteId).toBe(false);
    }
    expect(Object.getPrototypeOf(readRawDraftNotes(doc).get('proto-key-note-000001'))).toBe(Object.prototype);
  });
});

describe('note colours', () => {
  const luminance = (hex: string) => {
    const channels = [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16) / 255);
    const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };

  it.each(NOTE_COLOURS)('[schema:colour] %s has a name and text on it has a contrast of at least 7:1', (colour) => {
    const details = NOTE_COLOUR_DETAILS[colour];
    expect(details.name).not.toBe('');
    const [light, dark] = [luminance(details.background), luminance(details.text)].sort((a, b) => b - a) as [number, number];
    expect((light + 0.05) / (dark + 0.05)).toBeGreaterThanOrEqual(7);
  });

  it('[schema:colour] only palette colours are colours', () => {
    expect(NOTE_COLOURS.every(isNoteColour)).toBe(true);
    for (const value of ['red', 'Yellow', 'yellow;background:url(x)', '', null, 3]) expect(isNoteColour(value)).toBe(false);
  });
});

/**
 * "Undo" after deleting a note (issue 14): the note comes back under the same id with the same fields,
 * so the publisher puts it back on the wall under the same key, for everyone.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_NOTE_TEXT_CHARS, MAX_NOTES_PER_MINUTE } from '../../shared/limits.js';
import { decidePublication, type PublicationInput } from '../../shared/publisher.js';
import { addDraftNote, deleteDraftNote, readDraftNotes, readRawDraftNotes, restoreDraftNote, type DraftNote } from '../../shared/schema/draftNotes.js';
import { putWallPerson, readWall, readWallNotesOfAuthor, writeWallChanges } from '../../shared/schema/wall.js';

const ALICE = 'alice-person-id-0001';
const STAGE = 'stage-id-00000000001';
const NOW = 1_800_000_000_000;

function decide(input: Pick<PublicationInput, 'draftNotes' | 'wallNotesOfAuthor'>): ReturnType<typeof decidePublication> {
  return decidePublication({
    author: { personId: ALICE, role: 'participant' },
    rules: { phase: 'open', targetIds: new Set([STAGE]), now: NOW, maxNotesPerMinute: MAX_NOTES_PER_MINUTE, maxNoteTextChars: MAX_NOTE_TEXT_CHARS },
    recentPublishTimes: [],
    ...input,
  });
}

describe('[#14] restoring a deleted note', () => {
  it('[#14] puts the same fields back under the same id', () => {
    const doc = new Y.Doc();
    const noteId = addDraftNote(doc, { text: 'Keep me', targetId: STAGE, colour: 'green', visibility: 'confidential', createdAt: 42 });
    const before = readDraftNotes(doc).get(noteId);
    if (!before?.ok) throw new Error('the note did not read back');
    deleteDraftNote(doc, noteId);
    expect(readDraftNotes(doc).has(noteId)).toBe(false);

    expect(restoreDraftNote(doc, noteId, before.note)).toBe(true);
    expect(readDraftNotes(doc).get(noteId)).toEqual(before);
  });

  it('[#14] refuses an id still in use, and an invalid note (bad input is a RangeError, nothing written)', () => {
    const doc = new Y.Doc();
    const noteId = addDraftNote(doc, { text: 'Still here', targetId: STAGE });
    const note: DraftNote = { text: 'Other', colour: 'yellow', targetId: STAGE, createdAt: 1, visibility: 'public' };
    expect(restoreDraftNote(doc, noteId, note)).toBe(false);
    expect(() => restoreDraftNote(doc, 'another-note-id-0001', { ...note, text: 'Hidden\u200bcharacter' })).toThrow(RangeError);
    expect(() => restoreDraftNote(doc, 'another-note-id-0001', { ...note, colour: 'tartan' as DraftNote['colour'] })).toThrow(RangeError);
    expect(readDraftNotes(doc).size).toBe(1);
  });

  it('[#14] the publisher unpublishes the deleted note and publishes the restored one again under the same wall key', () => {
    const draft = new Y.Doc();
    const wall = new Y.Doc();
    putWallPerson(wall, ALICE, { name: 'Alice', organisation: 'Acme Ltd', role: 'participant' });
    const noteId = addDraftNote(draft, { text: 'Back again', targetId: STAGE, colour: 'pink' });
    const publish = () => writeWallChanges(wall, decide({ draftNotes: readRawDraftNotes(draft), wallNotesOfAuthor: readWallNotesOfAuthor(wall, ALICE) }));
    publish();
    const published = readWall(wall).notesByTarget.get(STAGE)?.[0];
    expect(published).toMatchObject({ text: 'Back again', colour: 'pink' });
    const saved = readDraftNotes(draft).get(noteId);
    if (!saved?.ok) throw new Error('the note did not read back');

    deleteDraftNote(draft, noteId);
    publish();
    expect(readWall(wall).notesByTarget.size).toBe(0);

    restoreDraftNote(draft, noteId, saved.note);
    publish();
    const restored = readWall(wall).notesByTarget.get(STAGE)?.[0];
    expect(restored).toMatchObject({ text: 'Back again', colour: 'pink', authorName: 'Alice' });
    expect(restored?.key).toBe(published?.key);
  });
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createWallReader } from '../../client/board/wallReader.js';
import { laneNotesByTarget } from '../../client/board/laneNotes.js';
import { WALL_ROOTS } from '../../shared/schema/roots.js';
import { putWallPerson, readWall, wallKeyFor, writeWallChanges, type WallNote } from '../../shared/schema/wall.js';

const ALICE = 'alice-person-id-0001';
const BOB = 'bob-person-id-000001';
const STAGE = 'stage-id-00000000001';
const PROBLEM = 'problem-id-000000001';

function note(author: string, index: number, overrides: Partial<WallNote> = {}): WallNote {
  const noteId = `note-id-${String(index).padStart(12, '0')}`;
  return { author, noteId, text: `Idea ${index}`, colour: 'yellow', targetId: index % 2 === 0 ? STAGE : PROBLEM, createdAt: 1_000 + index, updatedAt: 1_000 + index, ...overrides };
}

function publish(doc: Y.Doc, notes: WallNote[]): void {
  writeWallChanges(doc, { publish: notes.map((record) => ({ key: wallKeyFor(record.author, record.noteId), record })), unpublish: [] });
}

function wallWith(count: number): Y.Doc {
  const doc = new Y.Doc();
  putWallPerson(doc, ALICE, { name: 'Alice', organisation: 'Acme Ltd', role: 'participant' });
  putWallPerson(doc, BOB, { name: 'Bob', organisation: 'Council', role: 'officer' });
  publish(doc, Array.from({ length: count }, (_, index) => note(index % 3 === 0 ? BOB : ALICE, index)));
  return doc;
}

describe('reading the wall again after each change', () => {
  it('[phone:reader] reads what readWall reads, after notes are added, changed, moved and removed', () => {
    const doc = wallWith(40);
    const read = createWallReader();
    expect(read(doc)).toEqual(readWall(doc));
    publish(doc, [note(ALICE, 100, { createdAt: 1 }), note(ALICE, 3, { text: 'Changed', updatedAt: 5_000 }), note(BOB, 6, { targetId: PROBLEM })]);
    expect(read(doc)).toEqual(readWall(doc));
    writeWallChanges(doc, { publish: [], unpublish: [wallKeyFor(ALICE, note(ALICE, 1).noteId)] });
    expect(read(doc)).toEqual(readWall(doc));
    putWallPerson(doc, ALICE, { name: 'Alice Smith', organisation: 'Acme Ltd', role: 'participant' });
    const afterRename = read(doc);
    expect(afterRename).toEqual(readWall(doc));
    expect(afterRename.notesByTarget.get(PROBLEM)?.find((view) => view.author === ALICE)?.authorName).toBe('Alice Smith');
  });

  it('[#15] a record whose target ref was not in the wall’s table yet is read again once it is', () => {
    const doc = wallWith(4);
    const read = createWallReader();
    const key = wallKeyFor(ALICE, 'note-id-late-target');
    doc.getMap<unknown>(WALL_ROOTS.notes).set(key, ['Late', 0, 9, 10]); // ref 9: not in the table
    expect(read(doc)).toEqual(readWall(doc));
    expect(read(doc).notesByTarget.get('problem-id-000000009')).toBeUndefined();
    doc.getMap<unknown>(WALL_ROOTS.targets).set('9', 'problem-id-000000009');
    const after = read(doc);
    expect(after).toEqual(readWall(doc));
    expect(after.notesByTarget.get('problem-id-000000009')?.map(({ text }) => text)).toEqual(['Late']);
  });

  it('[phone:reader] a note added to one stage keeps every other note’s object and the other lists’ arrays', () => {
    const doc = wallWith(2_000);
    const read = createWallReader();
    const before = read(doc);
    publish(doc, [note(ALICE, 5_000)]); // an even index: the stage
    const after = read(doc);
    expect(after.notesByTarget.get(PROBLEM)).toBe(before.notesByTarget.get(PROBLEM));
    const stageBefore = before.notesByTarget.get(STAGE)!;
    const stageAfter = after.notesByTarget.get(STAGE)!;
    expect(stageAfter).not.toBe(stageBefore);
    expect(stageAfter).toHaveLength(stageBefore.length + 1);
    expect(stageAfter.slice(0, -1).every((view, index) => view === stageBefore[index])).toBe(true);
  });

  it('[phone:reader] lane notes of an unchanged list are the same objects, so their cards need not render again', () => {
    const doc = wallWith(100);
    const read = createWallReader();
    const me = { personId: ALICE, name: 'Alice', organisation: 'Acme Ltd', role: 'participant' as const };
    const before = laneNotesByTarget(read(doc), null, me);
    publish(doc, [note(BOB, 200)]);
    const after = laneNotesByTarget(read(doc), null, me);
    expect(after.get(PROBLEM)).toBe(before.get(PROBLEM));
    const stageBefore = before.get(STAGE)!;
    expect(after.get(STAGE)!.slice(0, -1).every((laneNote, index) => laneNote === stageBefore[index])).toBe(true);
  });
});

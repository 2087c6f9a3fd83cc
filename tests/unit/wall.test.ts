import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WALL_ROOTS } from '../../shared/schema/roots.js';
import {
  parseWallKey,
  putWallPerson,
  readWall,
  readWallNotesOfAuthor,
  wallKeyFor,
  writeWallChanges,
  type WallNote,
} from '../../shared/schema/wall.js';

const ALICE = 'alice-person-id-0001';
const BOB = 'bob-person-id-000001';
const NOTE = 'note-id-000000000001';
const STAGE = 'stage-id-00000000001';

function note(author: string, noteId: string, overrides: Partial<WallNote> = {}): WallNote {
  return { author, noteId, text: 'Idea', colour: 'yellow', targetId: STAGE, createdAt: 10, updatedAt: 10, ...overrides };
}

describe('wall keys', () => {
  it('[wall:key] a wall key is `<personId>:<noteId>` and parses back', () => {
    const key = wallKeyFor(ALICE, NOTE);
    expect(key).toBe(`${ALICE}:${NOTE}`);
    expect(parseWallKey(key)).toEqual({ personId: ALICE, noteId: NOTE });
  });

  it('[wall:key] ids that are not well formed cannot make a key, so a key splits one way only', () => {
    expect(() => wallKeyFor(ALICE, `${NOTE}:x`)).toThrow(TypeError);
    expect(() => wallKeyFor('alice', NOTE)).toThrow(TypeError);
    expect(parseWallKey(`${ALICE}:${NOTE}:extra-segment-00001`)).toBeNull();
    expect(parseWallKey(NOTE)).toBeNull();
    expect(parseWallKey(42)).toBeNull();
  });
});

describe('reading the wall', () => {
  it('[wall:read] notes are grouped by target, oldest first, with their author’s name and organisation', () => {
    const doc = new Y.Doc();
    putWallPerson(doc, ALICE, { name: 'Alice', organisation: 'Acme Ltd', role: 'participant' });
    putWallPerson(doc, BOB, { name: 'Bob', organisation: 'Council', role: 'officer' });
    writeWallChanges(doc, {
      publish: [
        { key: wallKeyFor(BOB, NOTE), record: note(BOB, NOTE, { createdAt: 5 }) },
        { key: wallKeyFor(ALICE, NOTE), record: note(ALICE, NOTE, { createdAt: 20 }) },
        { key: wallKeyFor(ALICE, 'other-note-00000001'), record: note(ALICE, 'other-note-00000001', { targetId: 'problem-id-000000001' }) },
      ],
      unpublish: [],
    });
    const wall = readWall(doc);
    expect(wall.notesByTarget.get(STAGE)?.map((view) => [view.authorName, view.authorOrganisation, view.createdAt])).toEqual([
      ['Bob', 'Council', 5],
      ['Alice', 'Acme Ltd', 20],
    ]);
    expect(wall.notesByTarget.get('problem-id-000000001')).toHaveLength(1);
    expect(readWallNotesOfAuthor(doc, ALICE).size).toBe(2);
  });

  it('[wall:read] a record whose key does not match its author or note id is ignored', () => {
    const doc = new Y.Doc();
    doc.getMap(WALL_ROOTS.notes).set(wallKeyFor(ALICE, NOTE), note(BOB, NOTE));
    doc.getMap(WALL_ROOTS.notes).set(NOTE, note(ALICE, NOTE));
    expect(readWall(doc).notesByTarget.size).toBe(0);
    // A field this reader does not know is not a reason to drop a note (issue 12: tolerant readers).
    doc.getMap(WALL_ROOTS.notes).set(wallKeyFor(BOB, NOTE), { ...note(BOB, NOTE), extra: true });
    expect(readWall(doc).notesByTarget.size).toBe(1);
  });

  it('[wall:write] unpublishing removes the note, and stamping the same person again writes nothing', () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    putWallPerson(doc, ALICE, { name: 'Alice', organisation: 'Acme', role: 'participant' });
    putWallPerson(doc, ALICE, { name: 'Alice', organisation: 'Acme', role: 'participant' });
    expect(updates).toHaveLength(1);
    writeWallChanges(doc, { publish: [{ key: wallKeyFor(ALICE, NOTE), record: note(ALICE, NOTE) }], unpublish: [] });
    writeWallChanges(doc, { publish: [], unpublish: [wallKeyFor(ALICE, NOTE)] });
    expect(readWallNotesOfAuthor(doc, ALICE).size).toBe(0);
    expect(updates).toHaveLength(3);
  });
});

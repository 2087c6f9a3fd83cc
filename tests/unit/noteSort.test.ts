import { describe, expect, it } from 'vitest';
import type { LaneNote } from '../../client/board/laneNotes.js';
import { DEFAULT_NOTE_SORT, NOTE_SORTS, isNoteSortId, sortNotes } from '../../client/board/noteSort.js';

function note(key: string, createdAt: number): LaneNote {
  return {
    key,
    wallKey: key,
    text: key,
    colour: 'yellow',
    authorName: '',
    authorOrganisation: '',
    authorRole: null,
    createdAt,
    isMine: false,
    draft: null,
  };
}

describe('sorting the notes of a lane', () => {
  const notes = [note('b', 2), note('a', 1), note('c', 3), note('a2', 2)];

  it('[#12.sort] Newest and Oldest order by time, ties the same way on every device, without changing the input', () => {
    expect(sortNotes(notes, 'newest').map((each) => each.key)).toEqual(['c', 'a2', 'b', 'a']);
    expect(sortNotes(notes, 'oldest').map((each) => each.key)).toEqual(['a', 'a2', 'b', 'c']);
    expect(notes.map((each) => each.key)).toEqual(['b', 'a', 'c', 'a2']);
  });

  it('[#12.sort] Group is the default, shows groups, and keeps oldest first inside each', () => {
    expect(DEFAULT_NOTE_SORT).toBe('group');
    expect(NOTE_SORTS.group.isGrouped).toBe(true);
    expect(sortNotes(notes, 'group').map((each) => each.key)).toEqual(['a', 'a2', 'b', 'c']);
  });

  it('[#12.sort] only known sort names are accepted from storage', () => {
    expect(['newest', 'oldest', 'group'].every(isNoteSortId)).toBe(true);
    for (const bad of ['most-votes', '__proto__', 'toString', '', null, 3]) expect(isNoteSortId(bad)).toBe(false);
  });

  it('[#12.sort] Most votes puts the most voted first, oldest first among equals; with no counts it is oldest first', () => {
    const votes = new Map([['b', 3], ['c', 3], ['a', 1]]);
    expect(sortNotes(notes, 'votes', (key) => votes.get(key) ?? 0).map((each) => each.key)).toEqual(['b', 'c', 'a', 'a2']);
    expect(sortNotes(notes, 'votes').map((each) => each.key)).toEqual(['a', 'a2', 'b', 'c']);
    expect(NOTE_SORTS.votes.isGrouped).toBe(false);
  });
});

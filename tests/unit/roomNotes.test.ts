import { describe, expect, it } from 'vitest';
import type { LaneNote } from '../../client/board/laneNotes.js';
import type { MyNote } from '../../client/board/myNotes.js';
import type { NoteStateView } from '../../client/board/noteStates.js';
import { roomColumns, roomDensity, roomNotesByTarget } from '../../client/components/room/roomNotes.js';

function note(key: string, draftId: string | null = null): LaneNote {
  return {
    key,
    wallKey: key,
    text: key,
    colour: 'yellow',
    authorName: '',
    authorOrganisation: '',
    authorRole: null,
    createdAt: 1,
    isMine: draftId !== null,
    draft: draftId === null ? null : ({ noteId: draftId } as MyNote),
  };
}

describe('[#14.room] what the room screen shows of the wall', () => {
  it('[#14.room] shows everyone’s published notes and the viewer’s own only once they are on the wall', () => {
    const states = new Map<string, NoteStateView>([
      ['published', { state: 'published', label: 'On the wall', isUnsent: false }],
      ['waiting', { state: 'waiting', label: 'Waiting to send', isUnsent: true }],
      ['hidden', { state: 'not-published', label: 'Not published: hidden by an officer', isUnsent: false }],
    ]);
    const lanes = new Map([['stage', [note('a'), note('mine:published', 'published'), note('mine:waiting', 'waiting'), note('mine:hidden', 'hidden'), note('mine:unknown', 'unknown')]]]);
    expect(roomNotesByTarget(lanes, states).get('stage')?.map((shown) => shown.key)).toEqual(['a', 'mine:published']);
  });

  it('[#14.room] shrinks the text as the wall fills, and keeps one to six columns a row', () => {
    expect([0, 12, 13, 24, 25, 40, 41, 500].map(roomDensity)).toEqual(['few', 'few', 'some', 'some', 'many', 'many', 'full', 'full']);
    expect([0, 1, 4, 6, 9].map(roomColumns)).toEqual([1, 1, 4, 6, 6]);
  });
});

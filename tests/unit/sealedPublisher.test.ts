/** The publisher's 'sealed' rule (issue 13, docs/adr/0004-sealed-ideas.md), decided purely. */
import { describe, expect, it } from 'vitest';
import { MAX_NOTE_TEXT_CHARS } from '../../shared/limits.js';
import { decidePublication, type PublicationInput } from '../../shared/publisher.js';
import type { WallNote } from '../../shared/schema/wall.js';

const ALICE = 'alice-person-id-0001';
const STAGE = 'stage-id-00000000001';
const NOW = 1_800_000_000_000;

const noteId = (n: number) => `note-${String(n).padStart(15, '0')}`;
const draftNote = (overrides: Record<string, unknown> = {}) => ({ text: 'Use SMS reminders', colour: 'yellow', targetId: STAGE, createdAt: 1, visibility: 'public', ...overrides });

function decide(role: 'officer' | 'participant', rules: Partial<PublicationInput['rules']>, draftNotes: Map<string, unknown>, wall = new Map<string, WallNote>()) {
  return decidePublication({
    author: { personId: ALICE, role },
    rules: { phase: 'open', targetIds: new Set([STAGE]), now: NOW, maxNotesPerMinute: 2, noteBurst: 2, maxNoteTextChars: MAX_NOTE_TEXT_CHARS, ...rules },
    draftNotes,
    wallNotesOfAuthor: wall,
    recentPublishTimes: [],
  });
}

describe('[#13.sealed] the sealed rule', () => {
  it('[#13.sealed] holds a participant’s new notes and edits (the wall keeps the last version), not an officer’s, and never a withdrawal', () => {
    const notes = new Map([[noteId(1), draftNote()], [noteId(2), draftNote({ text: 'Edited while sealed' })]]);
    const onWall = new Map([[noteId(2), { author: ALICE, noteId: noteId(2), text: 'Before', colour: 'yellow', targetId: STAGE, createdAt: 1, updatedAt: 1 } as WallNote], [noteId(3), { author: ALICE, noteId: noteId(3), text: 'Withdrawn', colour: 'yellow', targetId: STAGE, createdAt: 1, updatedAt: 1 } as WallNote]]);
    const sealed = decide('participant', { sealed: true }, notes, onWall);
    expect(sealed.publish).toEqual([]);
    expect(sealed.deferred.map((outcome) => [outcome.noteId, outcome.rule])).toEqual([[noteId(1), 'sealed'], [noteId(2), 'sealed']]);
    expect(sealed.unpublish).toEqual([`${ALICE}:${noteId(3)}`]);
    expect(decide('officer', { sealed: true }, notes).publish).toHaveLength(2);
    // Confidential stays private whether sealed or not.
    expect(decide('participant', { sealed: true }, new Map([[noteId(4), draftNote({ visibility: 'confidential' })]])).keptPrivate[0]?.rule).toBe('confidential');
  });

  it('[#13.sealed] at the reveal every held note goes at once, past the per-minute rate', () => {
    const many = new Map(Array.from({ length: 5 }, (_, index) => [noteId(index + 1), draftNote({ createdAt: index + 1 })] as const));
    expect(decide('participant', {}, many).publish).toHaveLength(2);
    const revealed = decide('participant', { sealed: false, revealing: true }, many);
    expect(revealed.publish).toHaveLength(5);
    expect(revealed.deferred).toEqual([]);
  });
});

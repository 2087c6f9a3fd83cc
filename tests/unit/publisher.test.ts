import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_NOTE_TEXT_CHARS, MAX_NOTES_PER_MINUTE } from '../../shared/limits.js';
import { decidePublication, RATE_WINDOW_MS, type PublicationInput } from '../../shared/publisher.js';
import { addDraftNote, deleteDraftNote, readRawDraftNotes, updateDraftNote } from '../../shared/schema/draftNotes.js';
import { putWallPerson, readWall, readWallNotesOfAuthor, wallKeyFor, writeWallChanges, type WallNote } from '../../shared/schema/wall.js';

const ALICE = 'alice-person-id-0001';
const BOB = 'bob-person-id-000001';
const STAGE = 'stage-id-00000000001';
const PROBLEM = 'problem-id-000000001';
const NOW = 1_800_000_000_000;

function draftNote(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { text: 'Use SMS reminders', colour: 'yellow', targetId: STAGE, createdAt: 1, visibility: 'public', ...overrides };
}

function noteId(n: number): string {
  return `note-${String(n).padStart(15, '0')}`;
}

function wallNote(id: string, overrides: Partial<WallNote> = {}): WallNote {
  return { author: ALICE, noteId: id, text: 'Use SMS reminders', colour: 'yellow', targetId: STAGE, createdAt: NOW - 5000, updatedAt: NOW - 5000, ...overrides };
}

function decide(overrides: Partial<Omit<PublicationInput, 'rules'>> & { rules?: Partial<PublicationInput['rules']> } = {}) {
  return decidePublication({
    author: overrides.author ?? { personId: ALICE, role: 'participant' },
    rules: {
      phase: 'open',
      targetIds: new Set([STAGE, PROBLEM]),
      now: NOW,
      maxNotesPerMinute: MAX_NOTES_PER_MINUTE,
      maxNoteTextChars: MAX_NOTE_TEXT_CHARS,
      ...overrides.rules,
    },
    draftNotes: overrides.draftNotes ?? new Map(),
    wallNotesOfAuthor: overrides.wallNotesOfAuthor ?? new Map(),
    recentPublishTimes: overrides.recentPublishTimes ?? [],
  });
}

describe('the publisher', () => {
  it('[publisher:publish] a new public note is published under `<personId>:<noteId>` with server times', () => {
    const decision = decide({ draftNotes: new Map([[noteId(1), draftNote({ createdAt: 123 })]]) });
    expect(decision.publish).toEqual([
      {
        key: `${ALICE}:${noteId(1)}`,
        record: { author: ALICE, noteId: noteId(1), text: 'Use SMS reminders', colour: 'yellow', targetId: STAGE, createdAt: NOW, updatedAt: NOW },
      },
    ]);
    expect(decision.firstPublished).toEqual([noteId(1)]);
    expect(decision.refusals).toEqual([]);
  });

  it('[publisher:wall-key] two authors with the same note id do not overwrite each other', () => {
    const wall = new Y.Doc();
    for (const personId of [ALICE, BOB]) {
      const decision = decide({ author: { personId, role: 'participant' }, draftNotes: new Map([[noteId(1), draftNote({ text: personId })]]) });
      writeWallChanges(wall, decision);
    }
    expect(readWallNotesOfAuthor(wall, ALICE).get(noteId(1))?.text).toBe(ALICE);
    expect(readWallNotesOfAuthor(wall, BOB).get(noteId(1))?.text).toBe(BOB);
  });

  it('[publisher:edit] an edit replaces the wall record and keeps the first publication time', () => {
    const decision = decide({
      draftNotes: new Map([[noteId(1), draftNote({ text: 'Use SMS and email reminders', colour: 'blue' })]]),
      wallNotesOfAuthor: new Map([[noteId(1), wallNote(noteId(1))]]),
      recentPublishTimes: Array.from({ length: 20 }, () => NOW - 1),
    });
    expect(decision.publish).toEqual([
      { key: wallKeyFor(ALICE, noteId(1)), record: wallNote(noteId(1), { text: 'Use SMS and email reminders', colour: 'blue', updatedAt: NOW }) },
    ]);
    expect(decision.firstPublished).toEqual([]);
    expect(decision.deferred).toEqual([]);
  });

  it('[publisher:delete] a note deleted from the draft is unpublished', () => {
    const decision = decide({ draftNotes: new Map(), wallNotesOfAuthor: new Map([[noteId(1), wallNote(noteId(1))]]) });
    expect(decision.unpublish).toEqual([wallKeyFor(ALICE, noteId(1))]);
    expect(decision.publish).toEqual([]);
  });

  it('[publisher:note-too-long] an over-long edit is refused and the earlier version stays on the wall', () => {
    const decision = decide({
      draftNotes: new Map([[noteId(1), draftNote({ text: 'x'.repeat(MAX_NOTE_TEXT_CHARS + 1) })]]),
      wallNotesOfAuthor: new Map([[noteId(1), wallNote(noteId(1))]]),
    });
    expect(decision.publish).toEqual([]);
    expect(decision.unpublish).toEqual([]);
    expect(decision.refusals).toEqual([{ noteId: noteId(1), rule: 'note-too-long', message: expect.stringContaining(`${MAX_NOTE_TEXT_CHARS} characters`) }]);
    const atLimit = decide({ draftNotes: new Map([[noteId(2), draftNote({ text: 'x'.repeat(MAX_NOTE_TEXT_CHARS) })]]) });
    expect(atLimit.publish).toHaveLength(1);
  });

  it('[publisher:rate-limit] new notes beyond the rate wait, with the time they will be tried again', () => {
    const oldest = NOW - 50_000;
    const recent = [NOW - 70_000, oldest, ...Array.from({ length: MAX_NOTES_PER_MINUTE - 2 }, () => NOW - 1000)];
    const decision = decide({
      draftNotes: new Map([1, 2, 3].map((n) => [noteId(n), draftNote({ createdAt: n })])),
      recentPublishTimes: recent,
    });
    expect(decision.publish.map((entry) => entry.record.noteId)).toEqual([noteId(1)]);
    expect(decision.deferred).toEqual([2, 3].map((n) => ({ noteId: noteId(n), rule: 'rate-limit', message: expect.any(String), retryAt: oldest + RATE_WINDOW_MS })));
  });

  it('[publisher:rate-limit] a burst from a quiet author publishes the oldest notes up to the limit', () => {
    const decision = decide({ draftNotes: new Map(Array.from({ length: 12 }, (_, n) => [noteId(12 - n), draftNote({ createdAt: 12 - n })])) });
    expect(decision.publish.map((entry) => entry.record.noteId)).toEqual(Array.from({ length: 10 }, (_, n) => noteId(n + 1)));
    expect(decision.deferred.map((entry) => [entry.noteId, entry.retryAt])).toEqual([
      [noteId(11), NOW + RATE_WINDOW_MS],
      [noteId(12), NOW + RATE_WINDOW_MS],
    ]);
  });

  it('[publisher:unknown-target] a note for a stage not in the brief waits, then is published once the stage exists', () => {
    const draftNotes = new Map([[noteId(1), draftNote({ targetId: 'future-stage-0000001' })]]);
    const before = decide({ draftNotes });
    expect(before.publish).toEqual([]);
    expect(before.deferred).toEqual([{ noteId: noteId(1), rule: 'unknown-target', message: expect.any(String) }]);
    const after = decide({ draftNotes, rules: { targetIds: new Set([STAGE, 'future-stage-0000001']) } });
    expect(after.publish.map((entry) => entry.record.targetId)).toEqual(['future-stage-0000001']);
  });

  it('[publisher:confidential] a confidential note is never published, and a public one made confidential is unpublished', () => {
    const decision = decide({
      draftNotes: new Map([
        [noteId(1), draftNote({ visibility: 'confidential' })],
        [noteId(2), draftNote({ visibility: 'confidential' })],
      ]),
      wallNotesOfAuthor: new Map([[noteId(2), wallNote(noteId(2))]]),
    });
    expect(decision.publish).toEqual([]);
    expect(decision.unpublish).toEqual([wallKeyFor(ALICE, noteId(2))]);
    expect(decision.keptPrivate.map((entry) => [entry.noteId, entry.rule])).toEqual([
      [noteId(1), 'confidential'],
      [noteId(2), 'confidential'],
    ]);
    expect(decision.refusals).toEqual([]);
  });

  it('[publisher:board-closed] on a closed board new notes wait, edits are refused, unchanged notes and deletions are handled', () => {
    const decision = decide({
      rules: { phase: 'closed' },
      draftNotes: new Map([
        [noteId(1), draftNote()],
        [noteId(2), draftNote({ text: 'changed after closing' })],
        [noteId(3), draftNote()],
      ]),
      wallNotesOfAuthor: new Map([2, 3, 4].map((n) => [noteId(n), wallNote(noteId(n))])),
    });
    expect(decision.publish).toEqual([]);
    expect(decision.deferred.map((entry) => [entry.noteId, entry.rule])).toEqual([[noteId(1), 'board-closed']]);
    expect(decision.refusals.map((entry) => [entry.noteId, entry.rule])).toEqual([[noteId(2), 'board-closed']]);
    expect(decision.unpublish).toEqual([wallKeyFor(ALICE, noteId(4))]);
  });

  it('[publisher:schema] an invalid record is refused with the reason, and unpublished if it was on the wall', () => {
    const decision = decide({
      draftNotes: new Map<string, unknown>([
        [noteId(1), draftNote({ colour: 'red' })],
        [noteId(2), draftNote({ author: BOB })],
        ['bad:id', draftNote()],
      ]),
      wallNotesOfAuthor: new Map([[noteId(1), wallNote(noteId(1))]]),
    });
    expect(decision.publish).toEqual([]);
    expect(decision.unpublish).toEqual([wallKeyFor(ALICE, noteId(1))]);
    expect(decision.refusals.map((entry) => entry.rule)).toEqual(['schema', 'schema', 'schema']);
    expect(decision.refusals.find((entry) => entry.noteId === noteId(1))?.message).toMatch(/colour/);
    expect(decision.refusals.find((entry) => entry.noteId === 'bad:id')?.message).toMatch(/id is not valid/);
  });

  it('[publisher:empty-note] an empty note is kept off the wall without an error', () => {
    const decision = decide({ draftNotes: new Map([[noteId(1), draftNote({ text: '  \n ' })]]) });
    expect(decision.publish).toEqual([]);
    expect(decision.keptPrivate.map((entry) => entry.rule)).toEqual(['empty-note']);
    expect(decision.refusals).toEqual([]);
  });

  it('[publisher:idempotent] deciding again after applying the result publishes nothing', () => {
    const draft = new Y.Doc();
    const wall = new Y.Doc();
    addDraftNote(draft, { text: 'One', targetId: STAGE });
    const edited = addDraftNote(draft, { text: 'Two', targetId: PROBLEM });
    const run = (now: number) => {
      const decision = decide({ draftNotes: readRawDraftNotes(draft), wallNotesOfAuthor: readWallNotesOfAuthor(wall, ALICE), rules: { now } });
      writeWallChanges(wall, decision);
      return decision;
    };
    expect(run(NOW).publish).toHaveLength(2);
    const again = run(NOW + 1000);
    expect([again.publish, again.unpublish, again.refusals, again.deferred]).toEqual([[], [], [], []]);
    updateDraftNote(draft, edited, { text: 'Two, edited' });
    expect(run(NOW + 2000).publish).toHaveLength(1);
    expect(run(NOW + 3000).publish).toHaveLength(0);
  });

  it('[publisher:end-to-end] a draft note reaches the wall with its author’s name, and leaves it when deleted', () => {
    const draft = new Y.Doc();
    const wall = new Y.Doc();
    putWallPerson(wall, ALICE, { name: 'Alice', organisation: 'Acme Ltd', role: 'participant' });
    const id = addDraftNote(draft, { text: 'Idea', targetId: STAGE, colour: 'pink' });
    writeWallChanges(wall, decide({ draftNotes: readRawDraftNotes(draft) }));
    expect(readWall(wall).notesByTarget.get(STAGE)?.[0]).toMatchObject({ text: 'Idea', colour: 'pink', authorName: 'Alice', authorOrganisation: 'Acme Ltd' });
    deleteDraftNote(draft, id);
    writeWallChanges(wall, decide({ draftNotes: readRawDraftNotes(draft), wallNotesOfAuthor: readWallNotesOfAuthor(wall, ALICE) }));
    expect(readWall(wall).notesByTarget.size).toBe(0);
  });
});

describe('[publisher:too-many-notes] a draft’s record count is bounded', () => {
  it('publishes up to the bound and refuses the notes past it, oldest first', () => {
    const draftNotes = new Map<string, unknown>();
    for (let index = 0; index < 4; index += 1) {
      draftNotes.set(`noteNumber00000000${index}`, {
        text: `Idea ${index}`,
        colour: 'yellow',
        targetId: 'problemNumber000000001',
        createdAt: 1_000 + index,
        visibility: 'public',
      });
    }
    const decision = decidePublication({
      author: { personId: 'personNumber000000001', role: 'participant' },
      rules: {
        phase: 'open',
        targetIds: new Set(['problemNumber000000001']),
        now: 10_000,
        maxNotesPerMinute: 100,
        maxNoteTextChars: 500,
        maxNotesPerDraft: 3,
      },
      draftNotes,
      wallNotesOfAuthor: new Map(),
      recentPublishTimes: [],
    });
    expect(decision.publish.map(({ record }) => record.text)).toEqual(['Idea 0', 'Idea 1', 'Idea 2']);
    expect(decision.refusals).toEqual([expect.objectContaining({ noteId: 'noteNumber000000003', rule: 'too-many-notes' })]);
  });
});

describe('[#12.phases] the publisher decides notes with mayWrite', () => {
  const notes = () => new Map([[noteId(1), draftNote({ text: 'A new idea' })], [noteId(2), draftNote({ text: 'An edit' })]]);
  const onWall = () => new Map([[noteId(2), wallNote(noteId(2), { text: 'Before' })]]);
  const outcome = (phase: PublicationInput['rules']['phase'], role: 'officer' | 'participant' = 'participant') => {
    const decision = decide({ author: { personId: ALICE, role }, rules: { phase }, draftNotes: notes(), wallNotesOfAuthor: onWall() });
    return {
      published: decision.publish.map((entry) => entry.record.noteId),
      deferred: decision.deferred.map((entry) => [entry.noteId, entry.rule]),
      refused: decision.refusals.map((entry) => [entry.noteId, entry.rule]),
    };
  };

  it('[#12.phases] draft: a participant’s notes wait for the board to open; an officer’s are published', () => {
    expect(outcome('draft')).toEqual({ published: [], deferred: [[noteId(1), 'not-open-yet'], [noteId(2), 'not-open-yet']], refused: [] });
    expect(outcome('draft', 'officer').published.sort()).toEqual([noteId(1), noteId(2)]);
  });

  it('[#12.phases] voting: new ideas wait, edits are refused and the wall keeps the earlier version', () => {
    expect(outcome('voting')).toEqual({ published: [], deferred: [[noteId(1), 'not-accepting-ideas']], refused: [[noteId(2), 'not-accepting-ideas']] });
  });

  it('[#12.phases] closed and published: new ideas wait, edits are refused; withdrawing is still allowed', () => {
    for (const phase of ['closed', 'published'] as const) {
      expect(outcome(phase)).toEqual({ published: [], deferred: [[noteId(1), 'board-closed']], refused: [[noteId(2), 'board-closed']] });
      const decision = decide({ rules: { phase }, draftNotes: new Map(), wallNotesOfAuthor: onWall() });
      expect(decision.unpublish).toEqual([wallKeyFor(ALICE, noteId(2))]);
    }
  });

  it('[#12.phases] a burst of 10 from a quiet author publishes at once; the 11th waits for the oldest to leave the minute', () => {
    const burst = new Map(Array.from({ length: 11 }, (_, index) => [noteId(index + 1), draftNote({ createdAt: index + 1 })] as const));
    const decision = decide({ draftNotes: burst, rules: { noteBurst: 10, maxNotesPerMinute: 10 } });
    expect(decision.publish).toHaveLength(10);
    expect(decision.deferred).toEqual([{ noteId: noteId(11), rule: 'rate-limit', message: expect.any(String), retryAt: NOW + RATE_WINDOW_MS }]);
  });
});

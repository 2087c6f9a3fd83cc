import { describe, expect, it } from 'vitest';
import { MAX_NOTE_TEXT_CHARS, MAX_NOTES_PER_MINUTE } from '../../shared/limits.js';
import { decidePublication, type PublicationInput } from '../../shared/publisher.js';
import { hiddenItemMessage, hideItemPayload, hidePersonPayload, MODERATION_REASONS, restoreItemPayload } from '../../shared/schema/moderation.js';
import type { WallNote } from '../../shared/schema/wall.js';

const ALICE = 'alice-person-id-0001';
const STAGE = 'stage-id-00000000001';
const NOTE = 'note-000000000000001';
const NOW = 1_800_000_000_000;
const HIDDEN = new Map([[NOTE, hiddenItemMessage('note', 'offensive', 'Keep it civil.')]]);

function decide(input: Partial<PublicationInput>) {
  return decidePublication({
    author: { personId: ALICE, role: 'participant' },
    rules: { phase: 'open', targetIds: new Set([STAGE]), now: NOW, maxNotesPerMinute: MAX_NOTES_PER_MINUTE, maxNoteTextChars: MAX_NOTE_TEXT_CHARS },
    draftNotes: new Map(),
    wallNotesOfAuthor: new Map(),
    recentPublishTimes: [],
    ...input,
  });
}

const draftNote = { text: 'Use SMS reminders', colour: 'yellow', targetId: STAGE, createdAt: 1, visibility: 'public' };
const onWall: WallNote = { author: ALICE, noteId: NOTE, text: 'Use SMS reminders', colour: 'yellow', targetId: STAGE, createdAt: NOW - 1, updatedAt: NOW - 1 };

describe('[#12.moderation] the publisher and hidden notes', () => {
  it('[#12.moderation] a hidden note on the wall is unpublished and its author told why', () => {
    const decision = decide({ draftNotes: new Map([[NOTE, draftNote]]), wallNotesOfAuthor: new Map([[NOTE, onWall]]), hiddenNotes: HIDDEN });
    expect(decision.unpublish).toEqual([`${ALICE}:${NOTE}`]);
    expect(decision.publish).toEqual([]);
    expect(decision.refusals).toEqual([{ noteId: NOTE, rule: 'hidden-by-officer', message: 'An officer hid this note: it is offensive. Keep it civil.' }]);
  });

  it('[#12.moderation] a hidden note is not published again whatever its author changes, and uses no rate', () => {
    const decision = decide({ draftNotes: new Map([[NOTE, { ...draftNote, text: 'Edited' }]]), hiddenNotes: HIDDEN });
    expect(decision.publish).toEqual([]);
    expect(decision.firstPublished).toEqual([]);
    expect(decision.refusals.map((refusal) => refusal.rule)).toEqual(['hidden-by-officer']);
  });

  it('[#12.moderation] without the hide the same note publishes (restore)', () => {
    expect(decide({ draftNotes: new Map([[NOTE, draftNote]]) }).publish).toHaveLength(1);
  });

  it('[#12.moderation] a hidden note its author deleted is just unpublished', () => {
    const decision = decide({ wallNotesOfAuthor: new Map([[NOTE, onWall]]), hiddenNotes: HIDDEN });
    expect(decision.unpublish).toEqual([`${ALICE}:${NOTE}`]);
    expect(decision.refusals).toEqual([]);
  });
});

describe('[#12.moderation] command payloads', () => {
  const key = `${ALICE}:${NOTE}`;

  it('[#12.moderation] accepts each of the five reasons, with or without detail', () => {
    for (const reason of MODERATION_REASONS) expect(hideItemPayload.safeParse({ key, reason }).success).toBe(true);
    expect(hideItemPayload.parse({ key, reason: 'duplicate', detail: 'Same as the note above\non stage 2' }).detail).toContain('stage 2');
    expect(hideItemPayload.parse({ key, reason: 'duplicate' }).detail).toBe('');
  });

  it('[#12.moderation] refuses unknown reasons, long or hidden-character detail, bad keys and unknown fields', () => {
    for (const bad of [
      { key, reason: 'boring' },
      { key, reason: 'offensive', detail: 'x'.repeat(501) },
      { key, reason: 'offensive', detail: 'a\u202eb' },
      { key: ALICE, reason: 'offensive' },
      { key: `${ALICE}:${NOTE}:x`, reason: 'offensive' },
      { key, reason: 'offensive', __proto__: { admin: true }, extra: 1 },
    ]) {
      expect(hideItemPayload.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(hideItemPayload.safeParse({ key, reason: 'offensive', detail: 'x'.repeat(500) }).success).toBe(true);
    expect(restoreItemPayload.safeParse({ key, reason: 'offensive' }).success).toBe(false);
    expect(hidePersonPayload.safeParse({ personId: '../etc', reason: 'offensive' }).success).toBe(false);
  });

  it('[#12.moderation] the author’s message names the reason in words and adds the detail', () => {
    expect(hiddenItemMessage('note', 'personal-data', '  ')).toBe('An officer hid this note: it contains personal data.');
    expect(hiddenItemMessage('comment', 'duplicate', 'See above.')).toBe('An officer hid this comment: it repeats another note. See above.');
  });
});

import { describe, expect, it } from 'vitest';
import { MAX_NOTE_TEXT_CHARS, MAX_NOTES_PER_MINUTE } from '../../shared/limits.js';
import { joinBoardBody, createBoardBody } from '../../shared/protocol/api.js';
import { decidePublication, RULE_IDS } from '../../shared/publisher.js';
import { addDraftNote } from '../../shared/schema/draftNotes.js';
import { findHiddenCharacter, hasNoHiddenCharacters } from '../../shared/text/hiddenCharacters.js';
import * as Y from 'yjs';

/** Every code point issue 10 item 9 lists, and the rest of the families the rule names. */
const LISTED: Array<[number, string]> = [
  [0x200b, 'zero-width space'],
  [0x200c, 'zero-width non-joiner'],
  [0x200d, 'zero-width joiner'],
  [0x2060, 'word joiner'],
  [0x200e, 'left-to-right mark'],
  [0x200f, 'right-to-left mark'],
  [0x061c, 'Arabic letter mark'],
  [0xfeff, 'byte-order mark'],
  [0x2028, 'line separator'],
  [0x2029, 'paragraph separator'],
  [0x202a, 'LRE'],
  [0x202b, 'RLE'],
  [0x202c, 'PDF'],
  [0x202d, 'LRO'],
  [0x202e, 'RLO'],
  [0x2066, 'LRI'],
  [0x2067, 'RLI'],
  [0x2068, 'FSI'],
  [0x2069, 'PDI'],
  [0x00ad, 'soft hyphen (Cf)'],
  [0x2061, 'function application (Cf)'],
  [0x0000, 'NUL'],
  [0x0009, 'tab'],
  [0x000d, 'carriage return'],
  [0x001b, 'escape'],
  [0x007f, 'delete'],
  [0x0085, 'next line (C1)'],
  [0xe000, 'private use'],
];

const STAGE = 'stage-id-00000000001';
const NOTE = 'note-000000000000001';

function decideOne(text: string) {
  return decidePublication({
    author: { personId: 'alice-person-id-0001', role: 'participant' },
    rules: { phase: 'open', targetIds: new Set([STAGE]), now: 1_800_000_000_000, maxNotesPerMinute: MAX_NOTES_PER_MINUTE, maxNoteTextChars: MAX_NOTE_TEXT_CHARS },
    draftNotes: new Map([[NOTE, { text, colour: 'yellow', targetId: STAGE, createdAt: 1, visibility: 'public' }]]),
    wallNotesOfAuthor: new Map(),
    recentPublishTimes: [],
  });
}

const hex = (codePoint: number) => `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;

describe('[#10.9] one rule for hidden characters, in shared/text/hiddenCharacters.ts', () => {
  it.each(LISTED)('[#10.9] U+%s (%s) is refused on one line and over several lines', (codePoint) => {
    const text = `Use SMS${String.fromCodePoint(codePoint)} reminders`;
    expect(findHiddenCharacter(text, 'one-line')?.codePoint).toBe(hex(codePoint));
    expect(findHiddenCharacter(text, 'multi-line')?.codePoint).toBe(hex(codePoint));
    expect(findHiddenCharacter(text, 'multi-line')?.index).toBe(7);
  });

  it.each(LISTED)('[#10.9] a note with U+%s (%s) is not published; the author is told why', (codePoint) => {
    const decision = decideOne(`Use SMS${String.fromCodePoint(codePoint)} reminders`);
    expect(decision.publish).toEqual([]);
    expect(decision.refusals).toHaveLength(1);
    expect(decision.refusals[0]).toMatchObject({ noteId: NOTE, rule: RULE_IDS.hiddenCharacters });
    expect(decision.refusals[0]?.message).toContain(hex(codePoint));
  });

  it.each(LISTED)('[#10.9] a name or organisation with U+%s (%s) is refused at join', (codePoint) => {
    const hidden = String.fromCodePoint(codePoint);
    const byName = joinBoardBody.safeParse({ name: `Ali${hidden}ce`, organisation: 'Acme', acceptNotice: true });
    const byOrganisation = joinBoardBody.safeParse({ name: 'Alice', organisation: `Ac${hidden}me`, acceptNotice: true });
    expect(byName.success).toBe(false);
    expect(byOrganisation.success).toBe(false);
  });

  it.each(LISTED)('[#10.9] the note form’s own check refuses U+%s (%s) before sending', (codePoint) => {
    const doc = new Y.Doc();
    expect(() => addDraftNote(doc, { text: `a${String.fromCodePoint(codePoint)}b`, targetId: STAGE })).toThrow(RangeError);
  });

  it('[#10.9] a newline is fine in a note and a summary, but not in a name', () => {
    expect(hasNoHiddenCharacters('first line\nsecond line', 'multi-line')).toBe(true);
    expect(hasNoHiddenCharacters('first\nsecond', 'one-line')).toBe(false);
    expect(decideOne('first line\nsecond line').publish).toHaveLength(1);
    expect(createBoardBody.safeParse({ title: 'T', summary: 'a\nb', notice: 'n' }).success).toBe(true);
    expect(createBoardBody.safeParse({ title: 'T', summary: 'a\u2028b', notice: 'n' }).success).toBe(false);
  });

  it('[#10.9] ordinary text in many scripts, accents and emoji passes', () => {
    for (const text of ['Café Ōtautahi', 'Łódź — “quotes” ‘and’ dashes', 'مرحبا', 'नमस्ते', '你好', 'Use SMS 📱 reminders', 'e\u0301']) {
      expect(hasNoHiddenCharacters(text, 'one-line')).toBe(true);
      expect(decideOne(text).publish).toHaveLength(1);
    }
  });

  it('[#10.9] the message names the character and is written for the author', () => {
    const refusal = decideOne('abc\u200Bdef').refusals[0];
    expect(refusal?.message).toBe(
      'This note contains a hidden character (zero-width space, U+200B). Remove it, or type the text again instead of pasting it.',
    );
    const joined = joinBoardBody.safeParse({ name: 'Ali\u200Dce', organisation: 'Acme', acceptNotice: true });
    expect(joined.error?.issues[0]?.message).toContain('zero-width joiner, U+200D');
  });
});

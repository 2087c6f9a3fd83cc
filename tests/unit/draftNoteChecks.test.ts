/**
 * [#15.n50] Each draft note's schema check is remembered until its fields change: a decision reads all of
 * an author's notes, and re-validating every unchanged one was a share of a quiet note's path. The answer
 * must always be the one a fresh check gives.
 */
import { describe, expect, it } from 'vitest';
import { DraftNoteChecks, checkOne } from '../../shared/publisher/draftNoteChecks.js';

const TARGET = 'problem-id-00000001';

function record(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return { text: 'Use the library buses', colour: 'yellow', targetId: TARGET, createdAt: 1_700_000_000_000, visibility: 'public', ...fields };
}

describe('[#15.n50] remembered draft note checks', () => {
  it('gives the same answers as fresh checks, for good and bad records', () => {
    const checks = new DraftNoteChecks();
    const notes = new Map<string, unknown>([
      ['note-id-0000000001', record()],
      ['note-id-0000000002', record({ colour: 'purple' })],
      ['note-id-0000000003', record({ extra: true })],
      ['note-id-0000000004', null],
      ['note-id-0000000005', record({ text: 'Zero\u200bwidth' })],
      ['bad id', record()],
    ]);
    for (let round = 0; round < 2; round += 1) {
      const found = checks.checkAll('person-1', new Map([...notes].map(([id, raw]) => [id, raw && typeof raw === 'object' ? { ...raw } : raw])));
      for (const [noteId, raw] of notes) expect(found.get(noteId), `${noteId}, round ${round}`).toEqual(checkOne(noteId, raw));
    }
  });

  it('reuses the check of a note whose fields are the same values, in a new object', () => {
    const checks = new DraftNoteChecks();
    const first = checks.checkAll('person-1', new Map([['note-id-0000000001', record()]])).get('note-id-0000000001');
    const second = checks.checkAll('person-1', new Map([['note-id-0000000001', record()]])).get('note-id-0000000001');
    expect(first?.schema.ok).toBe(true);
    expect(second).toBe(first);
  });

  it('checks again when any field changes, is added or is removed', () => {
    const checks = new DraftNoteChecks();
    const id = 'note-id-0000000001';
    const good = checks.checkAll('person-1', new Map([[id, record()]])).get(id);
    const changed = checks.checkAll('person-1', new Map([[id, record({ colour: 'purple' })]])).get(id);
    expect(changed?.schema.ok).toBe(false);
    const back = checks.checkAll('person-1', new Map([[id, record()]])).get(id);
    expect(back?.schema.ok).toBe(true);
    expect(back).not.toBe(good);
    const added = checks.checkAll('person-1', new Map([[id, record({ sneaky: 'x' })]])).get(id);
    expect(added?.schema.ok).toBe(false);
    const { visibility: _dropped, ...withoutVisibility } = record();
    expect(checks.checkAll('person-1', new Map([[id, withoutVisibility]])).get(id)?.schema.ok).toBe(false);
    // Same number of keys, one renamed.
    const { text, ...rest } = record();
    expect(checks.checkAll('person-1', new Map([[id, { ...rest, txet: text }]])).get(id)?.schema.ok).toBe(false);
  });

  it('remembers the hidden character found, and looks again when the text changes', () => {
    const checks = new DraftNoteChecks();
    const id = 'note-id-0000000001';
    const hidden = checks.checkAll('person-1', new Map([[id, record({ text: 'Zero\u200bwidth' })]])).get(id);
    expect(hidden?.hidden).not.toBeNull();
    expect(checks.checkAll('person-1', new Map([[id, record({ text: 'Zero\u200bwidth' })]])).get(id)).toBe(hidden);
    expect(checks.checkAll('person-1', new Map([[id, record({ text: 'Zero width' })]])).get(id)?.hidden).toBeNull();
  });

  it('keeps each author apart, and forgets notes that left the draft', () => {
    const checks = new DraftNoteChecks();
    const id = 'note-id-0000000001';
    const mine = checks.checkAll('person-1', new Map([[id, record()]])).get(id);
    const theirs = checks.checkAll('person-2', new Map([[id, record()]])).get(id);
    expect(theirs).not.toBe(mine);
    checks.checkAll('person-1', new Map());
    expect(checks.checkAll('person-1', new Map([[id, record()]])).get(id)).not.toBe(mine);
  });
});

import { describe, expect, it } from 'vitest';
import { mayWrite, type WriteAction, type WriteContext } from '../../shared/rules/mayWrite.js';
import { BOARD_PHASE_ORDER, type BoardPhase } from '../../shared/schema/briefMeta.js';

const NOW = 1_800_000_000_000;

function context(phase: BoardPhase, role: WriteContext['role'] = 'participant', rate?: WriteContext['rate']): WriteContext {
  return { role, phase, now: NOW, ...(rate ? { rate } : {}) };
}

/** ok, or `rule/defer` (e.g. 'not-open-yet/defer', 'board-closed/refuse'), for a compact table. */
function verdictOf(action: WriteAction, writeContext: WriteContext): string {
  const verdict = mayWrite(action, writeContext);
  return verdict.ok ? 'ok' : `${verdict.rule}/${verdict.defer ? 'defer' : 'refuse'}`;
}

describe('[#12.phases] mayWrite: phase and role', () => {
  it('[#12.phases] a participant adds and edits notes only while open; new notes wait, edits are refused', () => {
    const table = Object.fromEntries(
      BOARD_PHASE_ORDER.map((phase) => [phase, [verdictOf({ kind: 'add-note' }, context(phase)), verdictOf({ kind: 'edit-note' }, context(phase))]]),
    );
    expect(table).toEqual({
      draft: ['not-open-yet/defer', 'not-open-yet/defer'],
      open: ['ok', 'ok'],
      voting: ['not-accepting-ideas/defer', 'not-accepting-ideas/refuse'],
      closed: ['board-closed/defer', 'board-closed/refuse'],
      published: ['board-closed/defer', 'board-closed/refuse'],
    });
  });

  it('[#12.phases] officers prepare in draft and may still add while voting, but not once closed', () => {
    const table = Object.fromEntries(BOARD_PHASE_ORDER.map((phase) => [phase, verdictOf({ kind: 'add-note' }, context(phase, 'officer'))]));
    expect(table).toEqual({ draft: 'ok', open: 'ok', voting: 'ok', closed: 'board-closed/defer', published: 'board-closed/defer' });
  });

  it('[#12.phases] observers write nothing, in any phase', () => {
    for (const phase of BOARD_PHASE_ORDER) {
      for (const action of [{ kind: 'add-note' }, { kind: 'edit-note' }, { kind: 'react' }, { kind: 'comment' }] as WriteAction[]) {
        expect(verdictOf(action, context(phase, 'observer'))).toBe('observer/refuse');
      }
    }
  });

  it('[#12.phases] votes only while voting, within the allowance', () => {
    const vote = (wanted: number): WriteAction => ({ kind: 'vote', wanted, allowed: 5, budgetScope: 'person' });
    expect(BOARD_PHASE_ORDER.map((phase) => verdictOf(vote(1), context(phase)))).toEqual([
      'not-voting/refuse',
      'not-voting/refuse',
      'ok',
      'not-voting/refuse',
      'not-voting/refuse',
    ]);
    expect(verdictOf(vote(5), context('voting'))).toBe('ok');
    expect(verdictOf(vote(6), context('voting'))).toBe('vote-budget/refuse');
  });

  it('[#12.phases] every refusal carries a plain-English message', () => {
    for (const phase of BOARD_PHASE_ORDER) {
      const verdict = mayWrite({ kind: 'add-note' }, context(phase));
      if (!verdict.ok) expect(verdict.message).toMatch(/^[A-Z].+\.$/);
    }
  });
});

describe('[#12.phases] mayWrite: burst-friendly rate for new notes', () => {
  const rate = (recentPublishTimes: number[]) => ({ recentPublishTimes, burst: 10, perMinute: 10 });

  it('[#12.phases] a quiet author may publish a burst of 10 at once', () => {
    const times: number[] = [];
    for (let index = 0; index < 10; index += 1) {
      expect(mayWrite({ kind: 'add-note' }, context('open', 'participant', rate(times)))).toEqual({ ok: true });
      times.push(NOW);
    }
    const eleventh = mayWrite({ kind: 'add-note' }, context('open', 'participant', rate(times)));
    expect(eleventh).toMatchObject({ ok: false, rule: 'rate-limit', defer: true, retryAt: NOW + 60_000 });
  });

  it('[#12.phases] after a burst the sustained rate applies: allowed again once the oldest leaves the minute', () => {
    const times = Array.from({ length: 10 }, (_, index) => NOW - 59_000 + index * 1_000);
    expect(mayWrite({ kind: 'add-note' }, context('open', 'participant', rate(times)))).toMatchObject({ ok: false, retryAt: NOW + 1_000 });
    const later = { ...context('open', 'participant', rate(times)), now: NOW + 1_000 };
    expect(mayWrite({ kind: 'add-note' }, later)).toEqual({ ok: true });
  });

  it('[#12.phases] the rate does not apply to edits, and publish times from the future are ignored', () => {
    const full = rate(Array.from({ length: 10 }, () => NOW));
    expect(mayWrite({ kind: 'edit-note' }, context('open', 'participant', full))).toEqual({ ok: true });
    const future = rate(Array.from({ length: 10 }, () => NOW + 5_000));
    expect(mayWrite({ kind: 'add-note' }, context('open', 'participant', future))).toEqual({ ok: true });
  });
});

/**
 * Issue 15: the publisher's pace. A quiet board decides at once; under load decisions are spaced so a
 * board's wall changes merge into a few broadcasts a second. Simulated on the pace's own clock: a
 * decision runs when the pace allows, as `WallPublisher.schedule` does (at once, or after the delay).
 */
import { describe, expect, it } from 'vitest';
import { MAX_GAP_MS, PublishPace, QUIET_CHANGES_PER_SECOND } from '../../server/rooms/publishPace.js';

/**
 * Drafts change `perSecond` times a second for `seconds`, evenly or (with `inPairs`) two at a time 2 ms
 * apart, as notes written at random moments sometimes come; returns when each change was decided.
 */
function simulate(perSecond: number, seconds: number, inPairs = false): { waits: number[]; decisionsPerSecond: number; steadyDecisionsPerSecond: number } {
  let now = 0;
  const pace = new PublishPace(() => now);
  const pending: number[] = [];
  const waits: number[] = [];
  let decisions = 0;
  /** Decisions after the first two seconds, once the rate is known. */
  let steadyDecisions = 0;
  let timerAt: number | null = null;
  const decide = () => {
    pace.noteDecision();
    decisions += 1;
    if (now >= 2_000) steadyDecisions += 1;
    for (const changedAt of pending.splice(0)) waits.push(now - changedAt);
  };
  const step = 1000 / perSecond;
  for (let index = 0; index < perSecond * seconds; index += 1) {
    const at = inPairs ? Math.floor(index / 2) * 2 * step + (index % 2) * 2 : index * step;
    // A timer due before this change fires first.
    if (timerAt !== null && timerAt <= at) {
      now = timerAt;
      timerAt = null;
      decide();
    }
    now = at;
    pace.noteChange();
    pending.push(now);
    if (timerAt !== null) continue;
    const delay = pace.delayMs();
    if (delay === 0) decide();
    else timerAt = now + delay;
  }
  if (timerAt !== null) {
    now = timerAt;
    decide();
  }
  return { waits, decisionsPerSecond: decisions / seconds, steadyDecisionsPerSecond: steadyDecisions / (seconds - 2) };
}

describe('[#15] the publisher’s pace', () => {
  it('[#15] decides at once on a quiet board and at a workshop of 50 (10 notes a second)', () => {
    for (const perSecond of [0.2, 1, 10]) {
      const { waits } = simulate(perSecond, 10);
      expect(Math.max(...waits), `${perSecond} a second`).toBe(0);
    }
  });

  it('[#15] never holds back a note that comes right after another while the board is quiet', () => {
    // (A window of one second holds one change more than the rate at its edges: stay just under it.)
    for (const perSecond of [2, 10, QUIET_CHANGES_PER_SECOND - 2]) {
      const { waits } = simulate(perSecond, 10, true);
      expect(Math.max(...waits), `${perSecond} a second, in pairs`).toBe(0);
    }
    // Above the quiet rate the second of a pair waits for the spacing.
    const busy = simulate(QUIET_CHANGES_PER_SECOND * 3, 10, true);
    expect(Math.max(...busy.waits)).toBeGreaterThan(0);
  });

  it('[#15] merges a busy board’s changes into a few decisions (so broadcasts) a second', () => {
    for (const perSecond of [100, 200, 400]) {
      const { waits, decisionsPerSecond, steadyDecisionsPerSecond } = simulate(perSecond, 10);
      // About 3 a second once the rate is known; the first second, while it builds up, allows the quiet rate more.
      expect(steadyDecisionsPerSecond, `${perSecond} a second`).toBeLessThanOrEqual(1000 / MAX_GAP_MS + 0.5);
      expect(decisionsPerSecond, `${perSecond} a second`).toBeLessThanOrEqual(1000 / MAX_GAP_MS + (QUIET_CHANGES_PER_SECOND + 10) / 10);
      expect(Math.max(...waits)).toBeLessThanOrEqual(MAX_GAP_MS);
    }
  });

  it('[#15] the first change after a burst goes at once again once the board is quiet', () => {
    let now = 0;
    const pace = new PublishPace(() => now);
    for (let index = 0; index < 200; index += 1) {
      now = index * 5;
      pace.noteChange();
    }
    pace.noteDecision();
    expect(pace.delayMs()).toBeGreaterThan(0);
    now += 1_500;
    pace.noteChange();
    expect(pace.delayMs()).toBe(0);
  });
});

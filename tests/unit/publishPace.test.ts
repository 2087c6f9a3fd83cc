/**
 * Issue 15: the publisher's pace. A quiet board decides at once; under load decisions are spaced so a
 * board's wall changes merge into a few broadcasts a second. Simulated on the pace's own clock: a
 * decision runs when the pace allows, as `WallPublisher.schedule` does (at once, or after the delay).
 */
import { describe, expect, it } from 'vitest';
import { MAX_GAP_MS, PublishPace } from '../../server/rooms/publishPace.js';

/** Drafts change `perSecond` times a second, evenly, for `seconds`; returns when each change was decided. */
function simulate(perSecond: number, seconds: number): { waits: number[]; decisionsPerSecond: number } {
  let now = 0;
  const pace = new PublishPace(() => now);
  const pending: number[] = [];
  const waits: number[] = [];
  let decisions = 0;
  let timerAt: number | null = null;
  const decide = () => {
    pace.noteDecision();
    decisions += 1;
    for (const changedAt of pending.splice(0)) waits.push(now - changedAt);
  };
  const step = 1000 / perSecond;
  for (let index = 0; index < perSecond * seconds; index += 1) {
    const at = index * step;
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
  return { waits, decisionsPerSecond: decisions / seconds };
}

describe('[#15] the publisher’s pace', () => {
  it('[#15] decides at once on a quiet board and at a workshop of 50 (10 notes a second)', () => {
    for (const perSecond of [0.2, 1, 10]) {
      const { waits } = simulate(perSecond, 10);
      expect(Math.max(...waits), `${perSecond} a second`).toBe(0);
    }
  });

  it('[#15] merges a busy board’s changes into a few decisions (so broadcasts) a second', () => {
    for (const perSecond of [100, 200, 400]) {
      const { waits, decisionsPerSecond } = simulate(perSecond, 10);
      // 4 a second once the rate is known; the first second, while it builds up, allows a few more.
      expect(decisionsPerSecond, `${perSecond} a second`).toBeLessThanOrEqual(1000 / MAX_GAP_MS + 2);
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

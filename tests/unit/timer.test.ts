/**
 * Issue 12, timer: the pure transitions the `timer-set` command applies to `meta.timer`, the reader that
 * refuses malformed stored values, the command's payload bounds, and the client's clock-offset estimate.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { estimateClockOffset } from '../../client/board/serverClockOffset.js';
import { BRIEF_ROOTS } from '../../shared/schema/roots.js';
import {
  MAX_TIMER_DURATION_MS,
  extendTimer,
  parseTimer,
  pauseTimer,
  readTimer,
  remainingMs,
  resumeTimer,
  startTimer,
  timerSetPayload,
} from '../../shared/schema/timer.js';

const T0 = 1_800_000_000_000;
const MINUTE = 60_000;

describe('[#12.timer] remaining time', () => {
  it('[#12.timer] a running timer counts down from its end instant and stops at zero', () => {
    const timer = startTimer('Stage 2', 5 * MINUTE, T0);
    expect(timer).toEqual({ label: 'Stage 2', durationMs: 5 * MINUTE, endsAt: T0 + 5 * MINUTE, remainingMs: null });
    expect(remainingMs(timer, T0)).toBe(5 * MINUTE);
    expect(remainingMs(timer, T0 + 90_000)).toBe(5 * MINUTE - 90_000);
    expect(remainingMs(timer, T0 + 5 * MINUTE)).toBe(0);
    expect(remainingMs(timer, T0 + 60 * MINUTE)).toBe(0);
  });

  it('[#12.timer] pause freezes what is left; resume continues from it, whatever time passed while paused', () => {
    const paused = pauseTimer(startTimer('Stage 2', 5 * MINUTE, T0), T0 + 2 * MINUTE);
    expect(paused).toMatchObject({ endsAt: null, remainingMs: 3 * MINUTE });
    expect(remainingMs(paused, T0 + 2 * MINUTE)).toBe(3 * MINUTE);
    expect(remainingMs(paused, T0 + 50 * MINUTE)).toBe(3 * MINUTE);
    const resumed = resumeTimer(paused, T0 + 50 * MINUTE);
    expect(resumed).toMatchObject({ endsAt: T0 + 53 * MINUTE, remainingMs: null, durationMs: 5 * MINUTE });
    expect(remainingMs(resumed, T0 + 52 * MINUTE)).toBe(MINUTE);
  });

  it('[#12.timer] pausing a paused timer and resuming a running one change nothing', () => {
    const running = startTimer('', MINUTE, T0);
    expect(resumeTimer(running, T0 + 1_000)).toBe(running);
    const paused = pauseTimer(running, T0 + 1_000);
    expect(pauseTimer(paused, T0 + 30_000)).toBe(paused);
  });

  it('[#12.timer] extend adds to a running timer, to a paused one, and restarts one whose time is up', () => {
    const running = startTimer('Stage 2', 5 * MINUTE, T0);
    const later = extendTimer(running, MINUTE, T0 + MINUTE);
    expect(later).toMatchObject({ endsAt: T0 + 6 * MINUTE, durationMs: 6 * MINUTE });
    const paused = extendTimer(pauseTimer(running, T0 + MINUTE), MINUTE, T0 + 2 * MINUTE);
    expect(paused).toMatchObject({ endsAt: null, remainingMs: 5 * MINUTE, durationMs: 6 * MINUTE });
    // Time was up 10 minutes ago: "+1 min" means one more minute from now, not still zero.
    const restarted = extendTimer(running, MINUTE, T0 + 15 * MINUTE);
    expect(remainingMs(restarted, T0 + 15 * MINUTE)).toBe(MINUTE);
  });

  it('[#12.timer] extending never leaves more than 8 hours on the clock', () => {
    const long = startTimer('All day', MAX_TIMER_DURATION_MS - 1_000, T0);
    const extended = extendTimer(long, 60 * MINUTE, T0);
    expect(remainingMs(extended, T0)).toBe(MAX_TIMER_DURATION_MS);
    expect(extended.durationMs).toBe(MAX_TIMER_DURATION_MS);
  });
});

describe('[#12.timer] stored timer', () => {
  it('[#12.timer] reads a running and a paused timer; anything malformed reads as no timer', () => {
    expect(parseTimer(startTimer('x', MINUTE, T0))).not.toBeNull();
    expect(parseTimer(pauseTimer(startTimer('x', MINUTE, T0), T0))).not.toBeNull();
    for (const bad of [
      null,
      'running',
      { label: 'x', durationMs: MINUTE, endsAt: T0, remainingMs: 5 },
      { label: 'x', durationMs: MINUTE, endsAt: null, remainingMs: null },
      { label: 'x', durationMs: -1, endsAt: T0, remainingMs: null },
      { label: 'x'.repeat(81), durationMs: MINUTE, endsAt: T0, remainingMs: null },
      { label: 'x', durationMs: MINUTE, endsAt: Number.NaN, remainingMs: null },
    ]) {
      expect(parseTimer(bad), JSON.stringify(bad)).toBeNull();
    }
  });

  it('[#12.timer] readTimer reads meta.timer of a brief', () => {
    const doc = new Y.Doc();
    expect(readTimer(doc)).toBeNull();
    doc.getMap(BRIEF_ROOTS.meta).set('timer', startTimer('Stage 2', MINUTE, T0));
    expect(readTimer(doc)?.label).toBe('Stage 2');
  });
});

describe('[#12.timer] timer-set payload', () => {
  const accepts = (payload: unknown) => timerSetPayload.safeParse(payload).success;

  it('[#12.timer] accepts each action within bounds', () => {
    expect(accepts({ action: 'start', durationMs: 10_000, label: '' })).toBe(true);
    expect(accepts({ action: 'start', durationMs: MAX_TIMER_DURATION_MS, label: 'x'.repeat(80) })).toBe(true);
    expect(accepts({ action: 'pause' })).toBe(true);
    expect(accepts({ action: 'resume' })).toBe(true);
    expect(accepts({ action: 'extend', byMs: MINUTE })).toBe(true);
    expect(accepts({ action: 'clear' })).toBe(true);
  });

  it('[#12.timer] refuses negative, tiny, huge and fractional durations, long labels, hidden characters and extra keys', () => {
    expect(accepts({ action: 'start', durationMs: -MINUTE, label: '' })).toBe(false);
    expect(accepts({ action: 'start', durationMs: 9_999, label: '' })).toBe(false);
    expect(accepts({ action: 'start', durationMs: MAX_TIMER_DURATION_MS + 1, label: '' })).toBe(false);
    expect(accepts({ action: 'start', durationMs: 60_000.5, label: '' })).toBe(false);
    expect(accepts({ action: 'start', durationMs: Number.NaN, label: '' })).toBe(false);
    expect(accepts({ action: 'start', durationMs: MINUTE, label: 'x'.repeat(81) })).toBe(false);
    expect(accepts({ action: 'start', durationMs: MINUTE, label: 'Stage\u202E 2' })).toBe(false);
    expect(accepts({ action: 'start', durationMs: MINUTE, label: 'Stage\n2' })).toBe(false);
    expect(accepts({ action: 'pause', endsAt: 0 })).toBe(false);
    expect(accepts({ action: 'extend', byMs: -MINUTE })).toBe(false);
    expect(accepts({ action: 'explode' })).toBe(false);
    expect(accepts(null)).toBe(false);
  });
});

describe('[#12.timer] clock offset', () => {
  it('[#12.timer] takes the sample with the shortest round trip and half its round trip', () => {
    const offset = estimateClockOffset([
      { localNow: 1_000_500, serverNow: 1_420_000, roundTripMs: 900 },
      { localNow: 1_002_000, serverNow: 1_421_450, roundTripMs: 100 },
      { localNow: 1_003_000, serverNow: 1_422_000, roundTripMs: 400 },
    ]);
    expect(offset).toBe(1_421_450 + 50 - 1_002_000);
  });

  it('[#12.timer] no usable sample gives no estimate', () => {
    expect(estimateClockOffset([])).toBeNull();
    expect(estimateClockOffset([{ localNow: 1, serverNow: 2, roundTripMs: Number.NaN }])).toBeNull();
  });
});

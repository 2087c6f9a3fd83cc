/**
 * Issue 12, timer: how the countdown reads on screen and what screen reader users are told when an
 * officer changes it (the client's pure helpers).
 */
import { describe, expect, it } from 'vitest';
import { describeTimerChange } from '../../client/board/useTimerAnnouncements.js';
import { formatCountdown, formatDurationWords } from '../../client/format/countdown.js';
import { extendTimer, pauseTimer, resumeTimer, startTimer } from '../../shared/schema/timer.js';

const T0 = 1_800_000_000_000;
const MINUTE = 60_000;

describe('[#12.timer] countdown text', () => {
  it('[#12.timer] m:ss rounding up, hours only when there are any', () => {
    expect(formatCountdown(5 * MINUTE)).toBe('5:00');
    expect(formatCountdown(5 * MINUTE - 1)).toBe('5:00');
    expect(formatCountdown(5 * MINUTE - 1_000)).toBe('4:59');
    expect(formatCountdown(1)).toBe('0:01');
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(-5_000)).toBe('0:00');
    expect(formatCountdown(65 * MINUTE)).toBe('1:05:00');
    expect(formatCountdown(8 * 60 * MINUTE)).toBe('8:00:00');
  });

  it('[#12.timer] durations in words', () => {
    expect(formatDurationWords(5 * MINUTE)).toBe('5 minutes');
    expect(formatDurationWords(MINUTE + 30_000)).toBe('1 minute 30 seconds');
    expect(formatDurationWords(1_000)).toBe('1 second');
    expect(formatDurationWords(0)).toBe('0 seconds');
    expect(formatDurationWords(65 * MINUTE)).toBe('1 hour 5 minutes');
  });
});

describe('[#12.timer] what an officer’s change sounds like', () => {
  const running = startTimer('Stage 2', 5 * MINUTE, T0);

  it('[#12.timer] start, pause, resume, extend and stop each get their own sentence', () => {
    expect(describeTimerChange(null, running, T0)).toBe('Timer started: 5 minutes for: Stage 2.');
    const paused = pauseTimer(running, T0 + MINUTE);
    expect(describeTimerChange(running, paused, T0 + MINUTE)).toBe('Timer paused with 4 minutes left.');
    const resumed = resumeTimer(paused, T0 + 2 * MINUTE);
    expect(describeTimerChange(paused, resumed, T0 + 2 * MINUTE)).toBe('Timer resumed: 4 minutes left.');
    const extended = extendTimer(resumed, MINUTE, T0 + 2 * MINUTE);
    expect(describeTimerChange(resumed, extended, T0 + 2 * MINUTE)).toBe('Time added: 5 minutes left for: Stage 2.');
    expect(describeTimerChange(extended, null, T0 + 3 * MINUTE)).toBe('The timer has been stopped.');
  });

  it('[#12.timer] a new timer with the same label and a longer duration is a start, not an extension', () => {
    const restarted = startTimer('Stage 2', 10 * MINUTE, T0 + MINUTE);
    expect(describeTimerChange(running, restarted, T0 + MINUTE)).toBe('Timer started: 10 minutes for: Stage 2.');
  });

  it('[#12.timer] +1 minute after time is up is an extension', () => {
    const later = T0 + 20 * MINUTE;
    expect(describeTimerChange(running, extendTimer(running, MINUTE, later), later)).toBe('Time added: 1 minute left for: Stage 2.');
  });

  it('[#12.timer] nothing changed, nothing said', () => {
    expect(describeTimerChange(null, null, T0)).toBeNull();
    expect(describeTimerChange(running, { ...running }, T0)).toBeNull();
  });
});

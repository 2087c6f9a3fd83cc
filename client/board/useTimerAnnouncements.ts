/**
 * What screen reader users hear about the workshop timer, through a polite live region: when it is
 * started, paused, resumed, given more time or stopped, at one minute left, and "Time is up for: Stage 2"
 * at zero. Never every second. Nothing is said for the state a page finds when it opens (a late joiner
 * sees the timer; hearing "Timer started" would be wrong).
 */
import { useEffect, useRef } from 'react';
import { remainingMs, type WorkshopTimer } from '../../shared/schema/timer.js';
import { formatDurationWords, secondsShown } from '../format/countdown.js';

/** "for: Stage 2", or nothing when the timer has no label. */
function forLabel(timer: WorkshopTimer): string {
  return timer.label === '' ? '' : ` for: ${timer.label}`;
}

/** True when `after` is `before` with time added (`extendTimer`), not a new timer. */
function isExtension(before: WorkshopTimer, after: WorkshopTimer, serverNow: number): boolean {
  const added = after.durationMs - before.durationMs;
  if (added <= 0 || before.label !== after.label) return false;
  if (before.remainingMs !== null && after.remainingMs !== null) return after.remainingMs - before.remainingMs === added;
  if (before.endsAt === null || after.endsAt === null) return false;
  // Extending a timer whose time was up restarts it from now.
  return after.endsAt - before.endsAt === added || remainingMs(before, serverNow) === 0;
}

/** A sentence for an officer's change from `before` to `after`, or null when nothing worth saying changed. */
export function describeTimerChange(before: WorkshopTimer | null, after: WorkshopTimer | null, serverNow: number): string | null {
  if (after === null) return before === null ? null : 'The timer has been stopped.';
  const left = formatDurationWords(remainingMs(after, serverNow));
  if (before !== null && isExtension(before, after, serverNow)) return `Time added: ${left} left${forLabel(after)}.`;
  if (before !== null && before.label === after.label && before.durationMs === after.durationMs) {
    if (before.endsAt !== null && after.endsAt === null) return `Timer paused with ${left} left.`;
    if (before.endsAt === null && after.endsAt !== null) return `Timer resumed: ${left} left.`;
    if (before.endsAt === after.endsAt) return null;
  }
  return `Timer started: ${formatDurationWords(after.durationMs)}${forLabel(after)}.`;
}

export function useTimerAnnouncements(
  timer: WorkshopTimer | null,
  leftMs: number | null,
  serverNow: () => number,
  isLoaded: boolean,
  announce: (text: string) => void,
): void {
  const previousTimer = useRef<WorkshopTimer | null | undefined>(undefined);
  const previousSeconds = useRef<number | null>(null);

  // Changes an officer made.
  useEffect(() => {
    if (!isLoaded) return;
    const before = previousTimer.current;
    previousTimer.current = timer;
    if (before === undefined) return; // the state the page found when it opened
    const text = describeTimerChange(before, timer, serverNow());
    if (text !== null) announce(text);
    // reason: the clock is read at the moment of the change only; a new clock estimate is not a change
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [timer, isLoaded, announce]);

  // One minute left, and time up: only when the countdown crosses them here, not on arrival.
  useEffect(() => {
    const seconds = leftMs === null ? null : secondsShown(leftMs);
    const before = previousSeconds.current;
    previousSeconds.current = seconds;
    if (timer === null || timer.endsAt === null || seconds === null || before === null) return;
    if (before > 0 && seconds === 0) announce(timer.label === '' ? 'Time is up.' : `Time is up for: ${timer.label}`);
    else if (before > 60 && seconds <= 60 && seconds > 0) announce(`1 minute left${forLabel(timer)}.`);
  }, [timer, leftMs, announce]);
}

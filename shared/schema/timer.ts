/**
 * The workshop timer in the brief's `meta.timer` (issue 12): a countdown an officer runs for an activity
 * ("5 minutes on stage 2"). It is stored as an END INSTANT on the server's clock (running) or a paused
 * REMAINDER, never as a ticking counter: every screen computes what is left from the same instant and its
 * estimate of the server's clock, so late joiners and skewed clocks agree. Only the server writes it (the
 * `timer-set` command); the pure transitions below are what that command applies.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { hasNoHiddenCharacters } from '../text/hiddenCharacters.js';
import { BRIEF_ROOTS } from './roots.js';

/** Field of the brief's meta map holding the timer. */
export const TIMER_FIELD = 'timer';

/** Shortest countdown an officer may start, in ms (10 s). */
export const MIN_TIMER_DURATION_MS = 10_000;
/** Longest countdown, and the most a timer may have left after an extension, in ms (8 h: a long workshop day). */
export const MAX_TIMER_DURATION_MS = 8 * 60 * 60 * 1_000;
/** Most one extension may add, in ms (1 h). */
export const MAX_TIMER_EXTENSION_MS = 60 * 60 * 1_000;
/** Longest label ("Stage 2: ideas"), in characters. */
export const MAX_TIMER_LABEL_CHARS = 80;

/**
 * The timer as stored. Running: `endsAt` set (ms epoch, server clock), `remainingMs` null. Paused:
 * `remainingMs` set, `endsAt` null. `durationMs` is the whole countdown including extensions (for
 * "of 5 minutes"); `label` says what it is for ('' when none).
 */
export interface WorkshopTimer {
  label: string;
  durationMs: number;
  endsAt: number | null;
  remainingMs: number | null;
}

const timeMs = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** A timer label: one line, trimmed, at most MAX_TIMER_LABEL_CHARS, no hidden characters. */
export const timerLabel = z
  .string()
  .trim()
  .max(MAX_TIMER_LABEL_CHARS, `The label must be ${MAX_TIMER_LABEL_CHARS} characters or fewer.`)
  .refine((text) => hasNoHiddenCharacters(text, 'one-line'), 'The label contains a hidden or control character.');

/** What `meta.timer` must look like to be shown; anything else reads as "no timer". */
const storedTimer = z
  .object({
    label: z.string().max(MAX_TIMER_LABEL_CHARS),
    durationMs: timeMs,
    endsAt: timeMs.nullable(),
    remainingMs: timeMs.nullable(),
  })
  .refine((timer) => (timer.endsAt === null) !== (timer.remainingMs === null), 'A timer is either running or paused.');

/** The timer from a stored value, or null when there is none or it is malformed (an old officer page wrote it). */
export function parseTimer(value: unknown): WorkshopTimer | null {
  const parsed = storedTimer.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The brief's timer, or null. */
export function readTimer(doc: Y.Doc): WorkshopTimer | null {
  return parseTimer(doc.getMap<unknown>(BRIEF_ROOTS.meta).get(TIMER_FIELD));
}

/** Whether the timer is counting down (not paused); a running timer at zero is still "running" and shows "Time is up". */
export function isTimerRunning(timer: WorkshopTimer): boolean {
  return timer.endsAt !== null;
}

/** Milliseconds left at `serverNow` (server clock, ms epoch): never negative; frozen while paused. */
export function remainingMs(timer: WorkshopTimer, serverNow: number): number {
  if (timer.endsAt !== null) return Math.max(0, timer.endsAt - serverNow);
  return Math.max(0, timer.remainingMs ?? 0);
}

/** A new running timer of `durationMs` from `now`. */
export function startTimer(label: string, durationMs: number, now: number): WorkshopTimer {
  return { label, durationMs, endsAt: now + durationMs, remainingMs: null };
}

/** The timer paused at `now`, keeping what is left; a paused timer is returned unchanged. */
export function pauseTimer(timer: WorkshopTimer, now: number): WorkshopTimer {
  if (timer.endsAt === null) return timer;
  return { ...timer, endsAt: null, remainingMs: remainingMs(timer, now) };
}

/** The timer running again from `now` with what it had left; a running timer is returned unchanged. */
export function resumeTimer(timer: WorkshopTimer, now: number): WorkshopTimer {
  if (timer.remainingMs === null) return timer;
  return { ...timer, endsAt: now + timer.remainingMs, remainingMs: null };
}

/**
 * `byMs` more: a running timer ends later (one that already reached zero restarts from `now`, as "+1 min"
 * after "Time is up" means one more minute), a paused one keeps more in hand. What is left never exceeds
 * MAX_TIMER_DURATION_MS.
 */
export function extendTimer(timer: WorkshopTimer, byMs: number, now: number): WorkshopTimer {
  const left = Math.min(remainingMs(timer, now) + byMs, MAX_TIMER_DURATION_MS);
  const added = left - remainingMs(timer, now);
  const durationMs = Math.min(timer.durationMs + added, Number.MAX_SAFE_INTEGER);
  if (timer.endsAt === null) return { ...timer, durationMs, remainingMs: left };
  return { ...timer, durationMs, endsAt: now + left };
}

/** The `timer-set` command's payload: one action per message. */
export const timerSetPayload = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('start'),
    durationMs: z
      .number()
      .int('The duration must be a whole number of milliseconds.')
      .min(MIN_TIMER_DURATION_MS, 'A timer must run for at least 10 seconds.')
      .max(MAX_TIMER_DURATION_MS, 'A timer can run for at most 8 hours.'),
    label: timerLabel,
  }),
  z.strictObject({ action: z.literal('pause') }),
  z.strictObject({ action: z.literal('resume') }),
  z.strictObject({
    action: z.literal('extend'),
    byMs: z
      .number()
      .int('The extension must be a whole number of milliseconds.')
      .min(1_000, 'Add at least 1 second.')
      .max(MAX_TIMER_EXTENSION_MS, 'Add at most 1 hour at a time.'),
  }),
  z.strictObject({ action: z.literal('clear') }),
]);
export type TimerSetPayload = z.infer<typeof timerSetPayload>;

/** Event names of the timer and clock commands. */
export const TIMER_EVENTS = { timerSet: 'timer-set', serverTime: 'server-time' } as const;

/**
 * The board's schedule: when the server opens it (draft → open) and closes it (open or voting → closed)
 * by itself. Lives in the brief's `meta.schedule` (everyone sees the times) and in the store's
 * `board_phases` table (the scheduler reads it at start, without loading every board). Written only by the
 * server: the `schedule-set` command, and the scheduler clearing the part that fired.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import type { BoardPhase } from './briefMeta.js';
import { BRIEF_ROOTS } from './roots.js';

/** Field of the brief's meta map holding the schedule. */
export const SCHEDULE_FIELD = 'schedule';

/** Both times are ms since the epoch; null means "not scheduled". */
export interface BoardSchedule {
  opensAt: number | null;
  closesAt: number | null;
}

export const NO_SCHEDULE: BoardSchedule = { opensAt: null, closesAt: null };

/** Furthest ahead a time may be scheduled: a board open for a season, not for ever. */
export const MAX_SCHEDULE_AHEAD_MS = 366 * 24 * 60 * 60 * 1000;

const instant = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).nullable();

/** The stored shape (a brief written by an older or misbehaving page reads as no schedule). */
export const boardScheduleSchema = z.strictObject({ opensAt: instant, closesAt: instant });

/** The `schedule-set` command's payload: the same shape; `checkNewSchedule` then checks the times. */
export const scheduleSetPayload = boardScheduleSchema;

/** The schedule in a brief; absent or malformed reads as nothing scheduled. */
export function readSchedule(doc: Y.Doc): BoardSchedule {
  const parsed = boardScheduleSchema.safeParse(doc.getMap<unknown>(BRIEF_ROOTS.meta).get(SCHEDULE_FIELD));
  return parsed.success ? parsed.data : NO_SCHEDULE;
}

/** True when neither time is set. */
export function isEmptySchedule(schedule: BoardSchedule): boolean {
  return schedule.opensAt === null && schedule.closesAt === null;
}

/**
 * Why an officer's new schedule cannot be used, in plain English, or null when it can: times are in the
 * future (a minute's grace for a slow form), within MAX_SCHEDULE_AHEAD_MS, and closing comes after opening.
 */
export function checkNewSchedule(schedule: BoardSchedule, now: number): { field: 'opensAt' | 'closesAt'; message: string } | null {
  const graceMs = 60_000;
  for (const field of ['opensAt', 'closesAt'] as const) {
    const at = schedule[field];
    const what = field === 'opensAt' ? 'opening' : 'closing';
    if (at === null) continue;
    if (at < now - graceMs) return { field, message: `The ${what} time must be in the future.` };
    if (at > now + MAX_SCHEDULE_AHEAD_MS) return { field, message: `The ${what} time must be within a year from now.` };
  }
  if (schedule.opensAt !== null && schedule.closesAt !== null && schedule.closesAt <= schedule.opensAt) {
    return { field: 'closesAt', message: 'The closing time must be after the opening time.' };
  }
  return null;
}

/**
 * What is left of a schedule once an officer moves the board to `to` by hand: leaving draft makes the
 * opening time moot (a board opened early must not "open" again later after going back to draft), and
 * closing makes the closing time moot. The same object when nothing changes.
 */
export function scheduleAfterManualPhase(schedule: BoardSchedule, to: BoardPhase): BoardSchedule {
  const opensAt = to !== 'draft' ? null : schedule.opensAt;
  const closesAt = to === 'closed' || to === 'published' ? null : schedule.closesAt;
  return opensAt === schedule.opensAt && closesAt === schedule.closesAt ? schedule : { opensAt, closesAt };
}

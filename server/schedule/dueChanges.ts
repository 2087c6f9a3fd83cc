/**
 * What a board's schedule does at a given time, pure: opening moves a board in draft to 'open'; closing
 * moves a board that is open or voting to 'closed'. A time that has come is cleared whether or not it
 * changed the phase (an officer may have opened the board early by hand), so it fires once.
 */
import type { BoardPhase } from '../../shared/schema/briefMeta.js';
import type { BoardSchedule } from '../../shared/schema/schedule.js';

export interface DueChanges {
  /** The phase to set, or null to leave it. */
  phase: BoardPhase | null;
  /** The schedule with the parts that fired cleared (the same object when nothing fired). */
  schedule: BoardSchedule;
  /** True when any part fired (so the schedule must be written). */
  fired: boolean;
}

export function dueChanges(phase: BoardPhase, schedule: BoardSchedule, now: number): DueChanges {
  let next = phase;
  let { opensAt, closesAt } = schedule;
  let fired = false;
  if (opensAt !== null && opensAt <= now) {
    if (next === 'draft') next = 'open';
    opensAt = null;
    fired = true;
  }
  // Only once opening has fired: a board scheduled to open later does not close first.
  if (closesAt !== null && closesAt <= now && opensAt === null) {
    if (next === 'open' || next === 'voting') next = 'closed';
    closesAt = null;
    fired = true;
  }
  return { phase: next === phase ? null : next, schedule: fired ? { opensAt, closesAt } : schedule, fired };
}

/** The next time any part of the schedule fires, or null. */
export function nextDueTime(schedule: BoardSchedule): number | null {
  if (schedule.opensAt !== null) return schedule.opensAt;
  return schedule.closesAt;
}

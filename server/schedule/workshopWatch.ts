/**
 * Watches a loaded board's brief for changes of its phase and schedule, whoever made them: an officer's
 * `phase-set` or `schedule-set` (server-origin), the scheduler (server-origin), or an older officer page
 * writing `meta.phase` itself (a connection's update). The server mirrors them into the store, tells
 * every page on the board, closes documents of people who may no longer open them, and re-arms the scheduler.
 */
import type * as Y from 'yjs';
import { readPhase, PHASE_FIELD, type BoardPhase } from '../../shared/schema/briefMeta.js';
import { BRIEF_ROOTS } from '../../shared/schema/roots.js';
import { readSchedule, SCHEDULE_FIELD, type BoardSchedule } from '../../shared/schema/schedule.js';
import type { UpdateOrigin } from '../rooms/SharedDocument.js';

/** What the server does when a board's workshop state is seen or changes (wired in `server.ts`). */
export interface WorkshopEvents {
  /** The board was loaded with this phase and schedule: mirror them (they may predate the mirror). */
  loaded(boardId: string, phase: BoardPhase, schedule: BoardSchedule): void;
  /** The phase changed from `from` to `to`; `byPage` when a connection (an officer's page) wrote it itself. */
  phaseChanged(boardId: string, change: { from: BoardPhase; to: BoardPhase; byPage: boolean; opensAt: number | null }): void;
  /** The schedule changed; `phase` is the board's phase now. */
  scheduleChanged(boardId: string, schedule: BoardSchedule, phase: BoardPhase): void;
}

/** Starts watching; returns the function that stops. */
export function watchWorkshop(boardId: string, brief: Y.Doc, events: WorkshopEvents): () => void {
  let phase = readPhase(brief);
  let scheduleText = JSON.stringify(readSchedule(brief));
  events.loaded(boardId, phase, readSchedule(brief));
  const meta = brief.getMap<unknown>(BRIEF_ROOTS.meta);
  const observer = (event: Y.YMapEvent<unknown>, transaction: Y.Transaction) => {
    if (event.keysChanged.has(PHASE_FIELD)) {
      const next = readPhase(brief);
      if (next !== phase) {
        const from = phase;
        phase = next;
        const origin = transaction.origin as UpdateOrigin | null;
        events.phaseChanged(boardId, { from, to: next, byPage: origin?.source === 'connection', opensAt: readSchedule(brief).opensAt });
      }
    }
    if (event.keysChanged.has(SCHEDULE_FIELD)) {
      const schedule = readSchedule(brief);
      const text = JSON.stringify(schedule);
      if (text !== scheduleText) {
        scheduleText = text;
        events.scheduleChanged(boardId, schedule, readPhase(brief));
      }
    }
  };
  meta.observe(observer);
  return () => meta.unobserve(observer);
}

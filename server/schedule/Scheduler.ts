/**
 * Changes boards' phases on time, with nobody connected and across restarts. It knows every board's
 * schedule (read from the store's `board_phases` mirror at start, then kept up to date by `update`), and
 * keeps ONE timer, set to the earliest time due. When it fires, each due board is loaded (`withRoom`),
 * its phase set and the fired part of its schedule cleared, as one server-origin brief change; the brief
 * watcher then mirrors both into the store and tells the pages. Times already past at start fire at once.
 */
import { readPhase } from '../../shared/schema/briefMeta.js';
import { isEmptySchedule, readSchedule, SCHEDULE_FIELD, type BoardSchedule } from '../../shared/schema/schedule.js';
import type { Logger } from '../log.js';
import type { Rooms } from '../rooms/Rooms.js';
import type { AuditPort, BoardsPort } from '../store/store.js';
import { dueChanges, nextDueTime } from './dueChanges.js';

/** Longest a Node timer may wait (about 24.8 days); later times are reached by waking up and re-arming. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** After a board could not be loaded, try it again this much later, in ms. */
const RETRY_AFTER_FAILURE_MS = 30_000;

/** Who the phase-change audit names for the scheduler's changes. */
export const SCHEDULE_ACTOR = 'schedule';

export interface SchedulerDeps {
  rooms: Rooms;
  store: AuditPort & Pick<BoardsPort, 'findBoard'>;
  log: Logger;
  now?: () => number;
}

export class Scheduler {
  /** Every board with something scheduled, and when it is next due. */
  private readonly due = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Number.POSITIVE_INFINITY;
  private isStopped = false;
  private running: Promise<void> = Promise.resolve();
  private readonly now: () => number;

  constructor(private readonly deps: SchedulerDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Reads every scheduled board from the store and arms the timer (past times fire at once). */
  async start(): Promise<void> {
    for (const record of await this.deps.store.listScheduledBoards()) {
      this.update(record.boardId, { opensAt: record.opensAt, closesAt: record.closesAt });
    }
  }

  /** A board's schedule is now this (called by the brief watcher whenever it changes, or at load). */
  update(boardId: string, schedule: BoardSchedule): void {
    const at = isEmptySchedule(schedule) ? null : nextDueTime(schedule);
    if (at === null) this.due.delete(boardId);
    else this.due.set(boardId, at);
    this.arm();
  }

  /** Resolves when the boards being changed now are done (tests, shutdown). */
  async idle(): Promise<void> {
    await this.running;
  }

  stop(): void {
    this.isStopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(): void {
    if (this.isStopped) return;
    const earliest = Math.min(...this.due.values());
    if (earliest === this.timerAt && this.timer) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = earliest;
    if (!Number.isFinite(earliest)) return;
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, earliest - this.now()));
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerAt = Number.POSITIVE_INFINITY;
      this.running = this.running.then(() => this.fire());
    }, delay);
  }

  /** Applies every board's schedule that is due now, one board at a time, then re-arms. */
  private async fire(): Promise<void> {
    const now = this.now();
    const dueBoards = [...this.due].filter(([, at]) => at <= now).map(([boardId]) => boardId);
    for (const boardId of dueBoards) {
      if (this.isStopped) return;
      // Forgotten until the board's watcher reports its schedule again (after the change, or at load).
      this.due.delete(boardId);
      try {
        // An archived board is read-only: its schedule waits (it is reported again when the board next loads).
        if ((await this.deps.store.findBoard(boardId))?.status !== 'open') continue;
        await this.deps.rooms.withRoom(boardId, (room) => {
          const from = readPhase(room.brief.doc);
          const changes = dueChanges(from, readSchedule(room.brief.doc), this.now());
          if (!changes.fired) {
            // The brief has a later time than the store said (or none): keep to the brief.
            this.update(boardId, readSchedule(room.brief.doc));
            return;
          }
          room.writeBriefMeta({ ...(changes.phase ? { phase: changes.phase } : {}), [SCHEDULE_FIELD]: changes.schedule });
          if (changes.phase) {
            this.deps.log.info({ boardId, phase: changes.phase }, 'the schedule changed the board’s phase');
            void this.deps.store
              .recordPhaseChange({ boardId, actor: SCHEDULE_ACTOR, from, to: changes.phase, at: now })
              .catch((error: unknown) => this.deps.log.error({ err: error, boardId }, 'could not audit a scheduled phase change'));
          }
          return room.settle();
        });
      } catch (error) {
        this.deps.log.error({ err: error, boardId }, 'could not apply the board’s schedule; will try again');
        this.due.set(boardId, this.now() + RETRY_AFTER_FAILURE_MS);
      }
    }
    this.arm();
  }
}

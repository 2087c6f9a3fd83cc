/**
 * What the server does when a board's phase or schedule is seen or changes (see `workshopWatch.ts`):
 * mirror it into the store (REST, admission and the scheduler read the mirror), audit a change an
 * officer's page wrote itself (commands and the scheduler audit their own, naming who), tell every page
 * on the board ('phase-changed', also when a draft board's opening time changes), close the documents of participants and observers when the board goes
 * back to draft, and give the scheduler the new schedule.
 */
import { CLOSE_CODES } from '../../shared/protocol/closeCodes.js';
import type { PhaseChangedPayload } from '../../shared/protocol/socketEvents.js';
import type { Logger } from '../log.js';
import type { ConnectionRegistry } from '../rooms/ConnectionRegistry.js';
import type { AuditPort } from '../store/store.js';
import type { Scheduler } from './Scheduler.js';
import type { WorkshopEvents } from './workshopWatch.js';

export interface WorkshopEventDeps {
  store: AuditPort;
  log: Logger;
  now: () => number;
  registry: ConnectionRegistry;
  /** Sends 'phase-changed' to every socket.io connection of the board. */
  tellBoard(boardId: string, payload: PhaseChangedPayload): void;
  /** The scheduler, once it exists (it needs the rooms, which need these events). */
  scheduler(): Scheduler | null;
  /** The board was published (phase 'published'): make its public record (issue 13). */
  published?(boardId: string): void;
}

export function createWorkshopEvents(deps: WorkshopEventDeps): WorkshopEvents {
  const { store, log, now } = deps;
  const failed = (boardId: string, what: string) => (error: unknown) => log.error({ err: error, boardId }, `could not store ${what}`);
  return {
    loaded(boardId, phase, schedule) {
      store.recordBoardPhase(boardId, phase, now()).catch(failed(boardId, 'the board’s phase'));
      store.recordBoardSchedule(boardId, schedule, now()).catch(failed(boardId, 'the board’s schedule'));
      deps.scheduler()?.update(boardId, schedule);
    },
    phaseChanged(boardId, { from, to, byPage, opensAt }) {
      log.info({ boardId, from, to, byPage }, 'board phase changed');
      store.recordBoardPhase(boardId, to, now()).catch(failed(boardId, 'the board’s phase'));
      if (byPage) store.recordPhaseChange({ boardId, actor: null, from, to, at: now() }).catch(failed(boardId, 'a phase change'));
      if (to === 'draft') {
        // Officers only, in draft: participants' and observers' documents close (officers have no invite link).
        deps.registry.endWhere(
          boardId,
          (connection) => connection.kind === 'yjs' && connection.inviteLinkId !== null,
          CLOSE_CODES.notOpenYet.code,
          CLOSE_CODES.notOpenYet.reason,
        );
      }
      deps.tellBoard(boardId, { phase: to, opensAt });
      // After this change's own handlers (the command audits it): the record then ends with the publication.
      if (to === 'published' && deps.published) setImmediate(() => deps.published?.(boardId));
    },
    scheduleChanged(boardId, schedule, phase) {
      store.recordBoardSchedule(boardId, schedule, now()).catch(failed(boardId, 'the board’s schedule'));
      deps.scheduler()?.update(boardId, schedule);
      // Pages waiting on "not open yet" cannot read the brief: tell them the new opening time.
      if (phase === 'draft') deps.tellBoard(boardId, { phase, opensAt: schedule.opensAt });
    },
  };
}

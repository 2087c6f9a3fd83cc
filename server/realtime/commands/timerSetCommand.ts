/**
 * `timer-set` (officers only): start, pause, resume, extend or clear the board's workshop timer. The
 * server computes every instant from ITS clock (never the officer's) and writes `meta.timer` in the brief
 * through `room.writeBriefMeta`, so every screen counts down to the same end. The transitions are the pure
 * functions of `shared/schema/timer.ts`.
 */
import { ERROR_CODES } from '../../../shared/protocol/api.js';
import {
  TIMER_EVENTS,
  TIMER_FIELD,
  extendTimer,
  pauseTimer,
  readTimer,
  remainingMs,
  resumeTimer,
  startTimer,
  timerSetPayload,
  type TimerSetPayload,
  type WorkshopTimer,
} from '../../../shared/schema/timer.js';
import { refuse, type BoardCommand, type CommandResult } from './officerCommand.js';

type TimerAck = { timer: WorkshopTimer | null };

/** The timer after `payload`, or a refusal message when the action makes no sense now. */
function nextTimer(current: WorkshopTimer | null, payload: TimerSetPayload, now: number): WorkshopTimer | null | { refusal: string } {
  switch (payload.action) {
    case 'start':
      return startTimer(payload.label, payload.durationMs, now);
    case 'clear':
      return null;
    case 'pause':
      if (current === null) return { refusal: 'There is no timer to pause.' };
      if (current.endsAt !== null && remainingMs(current, now) === 0) return { refusal: 'The time is already up: start a new timer or add time.' };
      return pauseTimer(current, now);
    case 'resume':
      return current === null ? { refusal: 'There is no timer to resume.' } : resumeTimer(current, now);
    case 'extend':
      return current === null ? { refusal: 'There is no timer to add time to.' } : extendTimer(current, payload.byMs, now);
  }
}

export const timerSetCommand: BoardCommand<TimerSetPayload, TimerAck> = {
  event: TIMER_EVENTS.timerSet,
  payload: timerSetPayload,
  officersOnly: true,
  run({ sender, room, log, now }, payload): CommandResult<TimerAck> {
    const current = readTimer(room.brief.doc);
    const next = nextTimer(current, payload, now);
    if (next !== null && 'refusal' in next) return refuse(ERROR_CODES.conflict, next.refusal);
    // Unchanged (pause while paused, clear with no timer): nothing to write, the same answer.
    if (JSON.stringify(next) !== JSON.stringify(current)) room.writeBriefMeta({ [TIMER_FIELD]: next ?? undefined });
    log.info({ boardId: sender.boardId, personId: sender.personId, action: payload.action, at: now }, 'timer changed by an officer');
    return { ok: true, timer: next };
  },
};

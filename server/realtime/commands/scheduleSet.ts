/**
 * `schedule-set { opensAt, closesAt }`: an officer schedules the board's opening (draft → open) and closing
 * (open or voting → closed), ms epoch, either null for "not scheduled". Times must be in the future, within a
 * year, and closing after opening (`checkNewSchedule`). Written to the brief's `meta.schedule`; the brief
 * watcher mirrors it into the store and re-arms the scheduler.
 */
import { ERROR_CODES } from '../../../shared/protocol/api.js';
import { checkNewSchedule, SCHEDULE_FIELD, scheduleSetPayload, type BoardSchedule } from '../../../shared/schema/schedule.js';
import { refuse, type BoardCommand } from './officerCommand.js';

export const scheduleSetCommand: BoardCommand<BoardSchedule, { schedule: BoardSchedule }> = {
  event: 'schedule-set',
  payload: scheduleSetPayload,
  officersOnly: true,
  run({ sender, room, log, now }, schedule) {
    const problem = checkNewSchedule(schedule, now);
    if (problem) return refuse(ERROR_CODES.invalidInput, problem.message);
    room.writeBriefMeta({ [SCHEDULE_FIELD]: { opensAt: schedule.opensAt, closesAt: schedule.closesAt } });
    log.info({ boardId: sender.boardId, accountId: sender.personId, ...schedule }, 'officer set the schedule');
    return { ok: true, schedule };
  },
};

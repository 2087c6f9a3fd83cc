/**
 * `phase-set { phase }`: an officer moves the board to any phase (the next step, or back). Written to the
 * brief's `meta.phase` by the server; the brief watcher mirrors it, tells every page ('phase-changed') and,
 * in draft, closes participants' documents. Audited with who, when, from and to.
 */
import { z } from 'zod';
import { BOARD_PHASE_ORDER, PHASE_FIELD, readPhase, type BoardPhase } from '../../../shared/schema/briefMeta.js';
import { readSchedule, scheduleAfterManualPhase, SCHEDULE_FIELD } from '../../../shared/schema/schedule.js';
import type { BoardCommand } from './officerCommand.js';
import { refuseIfArchived } from './refuseArchived.js';

export const phaseSetPayload = z.strictObject({
  phase: z.enum(BOARD_PHASE_ORDER as [BoardPhase, ...BoardPhase[]], { error: 'Choose one of the board’s phases.' }),
});

export const phaseSetCommand: BoardCommand<z.infer<typeof phaseSetPayload>, { phase: BoardPhase }> = {
  event: 'phase-set',
  payload: phaseSetPayload,
  officersOnly: true,
  async run({ sender, room, store, log, now }, { phase }) {
    const archived = await refuseIfArchived(store, sender.boardId);
    if (archived) return archived;
    const from = readPhase(room.brief.doc);
    if (from === phase) return { ok: true, phase };
    const schedule = readSchedule(room.brief.doc);
    const left = scheduleAfterManualPhase(schedule, phase);
    // One transaction: the phase and what is left of the schedule (an opening time passed by hand is dropped).
    room.writeBriefMeta(left === schedule ? { [PHASE_FIELD]: phase } : { [PHASE_FIELD]: phase, [SCHEDULE_FIELD]: left });
    await store.recordPhaseChange({ boardId: sender.boardId, actor: sender.personId, from, to: phase, at: now });
    log.info({ boardId: sender.boardId, accountId: sender.personId, from, to: phase }, 'officer changed the phase');
    return { ok: true, phase };
  },
};

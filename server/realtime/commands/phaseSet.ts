/**
 * `phase-set { phase }`: an officer moves the board to any phase (the next step, or back). Written to the
 * brief's `meta.phase` by the server; the brief watcher mirrors it, tells every page ('phase-changed') and,
 * in draft, closes participants' documents. Audited with who, when, from and to.
 */
import { z } from 'zod';
import { BOARD_PHASE_ORDER, PHASE_FIELD, readPhase, type BoardPhase } from '../../../shared/schema/briefMeta.js';
import type { BoardCommand } from './officerCommand.js';

export const phaseSetPayload = z.strictObject({
  phase: z.enum(BOARD_PHASE_ORDER as [BoardPhase, ...BoardPhase[]], { error: 'Choose one of the board’s phases.' }),
});

export const phaseSetCommand: BoardCommand<z.infer<typeof phaseSetPayload>, { phase: BoardPhase }> = {
  event: 'phase-set',
  payload: phaseSetPayload,
  officersOnly: true,
  async run({ sender, room, store, log, now }, { phase }) {
    const from = readPhase(room.brief.doc);
    if (from === phase) return { ok: true, phase };
    room.writeBriefMeta({ [PHASE_FIELD]: phase });
    await store.recordPhaseChange({ boardId: sender.boardId, actor: sender.personId, from, to: phase, at: now });
    log.info({ boardId: sender.boardId, accountId: sender.personId, from, to: phase }, 'officer changed the phase');
    return { ok: true, phase };
  },
};

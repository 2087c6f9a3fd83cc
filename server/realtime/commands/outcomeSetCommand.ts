/**
 * `outcome-set { kind, key, outcome, reason }` (officers): the council's answer to an idea (by wall key) or a
 * cluster, after the event only (closed or published phase). Stored first (who, when), then shown to
 * everyone on the wall's `outcomes` root; `outcome: null` clears it. The idea must be on the wall (a hidden
 * or sealed idea has no public answer) and the cluster in the brief.
 */
import { ERROR_CODES } from '../../../shared/protocol/api.js';
import { isFinished, readPhase } from '../../../shared/schema/briefMeta.js';
import { readClusterState } from '../../../shared/schema/clusters.js';
import { OUTCOME_SET_EVENT, outcomeSetPayload, putWallOutcome, type OutcomeSetPayload } from '../../../shared/schema/councilOutcomes.js';
import { WALL_ROOTS } from '../../../shared/schema/roots.js';
import { refuse, type BoardCommand } from './officerCommand.js';
import { refuseIfArchived } from './refuseArchived.js';

export const outcomeSetCommand: BoardCommand<OutcomeSetPayload, { changed: boolean }> = {
  event: OUTCOME_SET_EVENT,
  payload: outcomeSetPayload,
  officersOnly: true,
  async run({ sender, room, store, log, now }, { kind, key, outcome, reason }) {
    const archived = await refuseIfArchived(store, sender.boardId);
    if (archived) return archived;
    if (!isFinished(readPhase(room.brief.doc))) {
      return refuse(ERROR_CODES.conflict, 'Close the board before recording the council’s answer to ideas.');
    }
    const exists = kind === 'note' ? room.wall.doc.getMap(WALL_ROOTS.notes).has(key) : readClusterState(room.brief.doc).clustersById.has(key);
    if (!exists) return refuse(ERROR_CODES.notFound, kind === 'note' ? 'That idea is not on the wall.' : 'That group is not on the board.');
    if (outcome === null) await store.clearCouncilOutcome(sender.boardId, kind, key);
    else await store.setCouncilOutcome({ boardId: sender.boardId, kind, key, outcome, reason, officerId: sender.personId, at: now });
    putWallOutcome(room.wall.doc, kind, key, outcome === null ? null : { outcome, reason, at: now }, { source: 'server' });
    log.info({ boardId: sender.boardId, accountId: sender.personId, kind, outcome }, 'the council recorded its answer to an idea');
    return { ok: true, changed: true };
  },
};

/**
 * `spotlight-set` (officers only): put a problem, a stage or a cluster of the board in the spotlight, or
 * end the spotlight (`targetId: null`). Writes `meta.spotlight` through `room.writeBriefMeta`; every
 * participant's view follows it until they choose to stop following. An id the brief does not hold is
 * refused as invalid input and nothing is written.
 */
import { ERROR_CODES } from '../../../shared/protocol/api.js';
import {
  SPOTLIGHT_EVENTS,
  SPOTLIGHT_FIELD,
  isSpotlightTargetId,
  spotlightSetPayload,
  type Spotlight,
  type SpotlightSetPayload,
} from '../../../shared/schema/spotlight.js';
import { refuse, type BoardCommand, type CommandResult } from './officerCommand.js';

type SpotlightAck = { spotlight: Spotlight | null };

export const spotlightSetCommand: BoardCommand<SpotlightSetPayload, SpotlightAck> = {
  event: SPOTLIGHT_EVENTS.spotlightSet,
  payload: spotlightSetPayload,
  officersOnly: true,
  run({ sender, room, log, now }, { targetId }): CommandResult<SpotlightAck> {
    if (targetId !== null && !isSpotlightTargetId(room.brief.doc, targetId)) {
      return refuse(ERROR_CODES.invalidInput, 'That problem, stage or group is not on this board (it may have just been deleted).');
    }
    const spotlight = targetId === null ? null : { targetId, at: now };
    room.writeBriefMeta({ [SPOTLIGHT_FIELD]: spotlight ?? undefined });
    log.info({ boardId: sender.boardId, personId: sender.personId, targetId, at: now }, 'spotlight changed by an officer');
    return { ok: true, spotlight };
  },
};

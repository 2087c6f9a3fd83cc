/**
 * `anonymity-set { anonymous }`: an officer switches the board's anonymous mode (shared/schema/anonymity.ts).
 * Audited first (who, when, the new value), then written to the brief's `meta.anonymous` by the server; the
 * wall and presence follow the brief (the publisher removes or writes back participants' names, presence
 * re-sends participants without identity). Setting the value it already has changes and audits nothing.
 */
import { ANONYMITY_SET_EVENT, ANONYMOUS_FIELD, anonymitySetPayload, readAnonymous, type AnonymitySetPayload } from '../../../shared/schema/anonymity.js';
import type { BoardCommand } from './officerCommand.js';

export const anonymitySet: BoardCommand<AnonymitySetPayload, { anonymous: boolean; changed: boolean }> = {
  event: ANONYMITY_SET_EVENT,
  payload: anonymitySetPayload,
  officersOnly: true,
  async run({ sender, room, store, log, now }, { anonymous }) {
    if (readAnonymous(room.brief.doc) === anonymous) return { ok: true, anonymous, changed: false };
    await store.recordBoardSettingChange({
      boardId: sender.boardId,
      actorPersonId: sender.personId,
      setting: ANONYMOUS_FIELD,
      valueJson: JSON.stringify(anonymous),
      at: now,
    });
    room.writeBriefMeta({ [ANONYMOUS_FIELD]: anonymous });
    log.info({ boardId: sender.boardId, personId: sender.personId, anonymous }, 'anonymous mode set');
    return { ok: true, anonymous, changed: true };
  },
};

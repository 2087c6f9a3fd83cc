/**
 * `sealed-set { sealed }`: an officer switches "hide ideas until reveal" (shared/schema/sealed.ts).
 * Audited first (who, when, the new value) in board_setting_changes, then written to the brief's
 * `meta.sealed` by the server. `sealed: false` is "Reveal ideas": the room publishes every held idea in
 * one wall transaction and the acknowledgement comes once that is written. Setting the value it already
 * has changes and audits nothing.
 */
import { readSealed, SEALED_FIELD, SEALED_SET_EVENT, sealedSetPayload, type SealedSetPayload } from '../../../shared/schema/sealed.js';
import type { BoardCommand } from './officerCommand.js';

export const sealedSetCommand: BoardCommand<SealedSetPayload, { sealed: boolean; changed: boolean }> = {
  event: SEALED_SET_EVENT,
  payload: sealedSetPayload,
  officersOnly: true,
  async run({ sender, room, store, log, now }, { sealed }) {
    if (readSealed(room.brief.doc) === sealed) return { ok: true, sealed, changed: false };
    await store.recordBoardSettingChange({
      boardId: sender.boardId,
      actorPersonId: sender.personId,
      setting: SEALED_FIELD,
      valueJson: JSON.stringify(sealed),
      at: now,
    });
    if (sealed) room.writeBriefMeta({ [SEALED_FIELD]: true });
    else await room.revealSealedIdeas({ [SEALED_FIELD]: false });
    log.info({ boardId: sender.boardId, personId: sender.personId, sealed }, sealed ? 'ideas sealed until reveal' : 'sealed ideas revealed');
    return { ok: true, sealed, changed: true };
  },
};

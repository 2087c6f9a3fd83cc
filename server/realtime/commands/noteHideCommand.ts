/**
 * `note-hide` (officers only): hides a note from the wall with a reason; its author is told why. Stored in the moderation log (officer, time, reason)
 * before the wall changes; see `server/moderation/moderateItems.ts`.
 */
import type { z } from 'zod';
import { hideItemPayload } from '../../../shared/schema/moderation.js';
import { hideItem } from '../../moderation/moderateItems.js';
import { refuse, type BoardCommand } from './officerCommand.js';

export const noteHideCommand: BoardCommand<z.output<typeof hideItemPayload>, { changed: number }> = {
  event: 'note-hide',
  payload: hideItemPayload,
  officersOnly: true,
  async run({ sender, room, store, log, now }, payload) {
    const outcome = await hideItem(room, store, { boardId: sender.boardId, officerId: sender.personId, now }, { kind: 'note', key: payload.key }, { reason: payload.reason, detail: payload.detail });
    if (!outcome.ok) return refuse(outcome.code, outcome.message);
    log.info({ boardId: sender.boardId, accountId: sender.personId, key: payload.key, reason: payload.reason }, 'an officer hid a note');
    return { ok: true, changed: outcome.changed };
  },
};

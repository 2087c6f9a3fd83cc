/**
 * `person-hide-all` (officers only): hides everything one person posted (every note and comment in their
 * draft or on the wall now), with one reason. Each item is a row of the moderation log (officer, time,
 * reason) stored before the wall changes; see `server/moderation/moderateItems.ts`.
 */
import type { z } from 'zod';
import { hidePersonPayload } from '../../../shared/schema/moderation.js';
import { hideEverythingOf } from '../../moderation/moderateItems.js';
import { refuse, type BoardCommand } from './officerCommand.js';

export const personHideAllCommand: BoardCommand<z.output<typeof hidePersonPayload>, { changed: number }> = {
  event: 'person-hide-all',
  payload: hidePersonPayload,
  officersOnly: true,
  async run({ sender, room, store, log, now }, payload) {
    const by = { boardId: sender.boardId, officerId: sender.personId, now };
    const outcome = await hideEverythingOf(room, store, by, payload.personId, { reason: payload.reason, detail: payload.detail });
    if (!outcome.ok) return refuse(outcome.code, outcome.message);
    log.info({ boardId: sender.boardId, accountId: sender.personId, personId: payload.personId, hidden: outcome.changed }, 'an officer hid everything a person posted');
    return { ok: true, changed: outcome.changed };
  },
};

/**
 * `note-restore` (officers only): shows a hidden note again (published again if its draft allows). Stored in the moderation log (officer, time)
 * before the wall changes; see `server/moderation/moderateItems.ts`.
 */
import type { z } from 'zod';
import { restoreItemPayload } from '../../../shared/schema/moderation.js';
import { restoreItem } from '../../moderation/moderateItems.js';
import { refuse, type BoardCommand } from './officerCommand.js';

export const noteRestoreCommand: BoardCommand<z.output<typeof restoreItemPayload>, { changed: number }> = {
  event: 'note-restore',
  payload: restoreItemPayload,
  officersOnly: true,
  async run({ sender, room, store, log, now }, payload) {
    const outcome = await restoreItem(room, store, { boardId: sender.boardId, officerId: sender.personId, now }, { kind: 'note', key: payload.key });
    if (!outcome.ok) return refuse(outcome.code, outcome.message);
    log.info({ boardId: sender.boardId, accountId: sender.personId, key: payload.key }, 'an officer restored a note');
    return { ok: true, changed: outcome.changed };
  },
};

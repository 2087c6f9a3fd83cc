/**
 * `voting-settings-set` (officers only): sets how the board's dot vote works, in the brief's `meta.voting`
 * (budget 1–20 dots, budget per person or per organisation, hide counts until voting closes). The
 * publisher reads it on the brief change and decides everyone's votes again. Recorded in the officers'
 * change log like other officer changes to the board.
 */
import { VOTING_FIELD, votingSettingsSchema, type VotingSettings } from '../../../shared/schema/votingSettings.js';
import type { BoardCommand } from './officerCommand.js';

export const votingSettingsSetCommand: BoardCommand<VotingSettings, { voting: VotingSettings }> = {
  event: 'voting-settings-set',
  payload: votingSettingsSchema,
  officersOnly: true,
  async run({ sender, room, store, log, now }, settings) {
    // Audited (and so in the board's record log, issue 13) before it applies: the vote's rules are part of the record.
    await store.recordBoardSettingChange({ boardId: sender.boardId, actorPersonId: sender.personId, setting: VOTING_FIELD, valueJson: JSON.stringify(settings), at: now });
    room.writeBriefMeta({ [VOTING_FIELD]: { ...settings } });
    log.info({ boardId: sender.boardId, personId: sender.personId, at: now, voting: settings }, 'voting settings changed');
    return { ok: true, voting: settings };
  },
};

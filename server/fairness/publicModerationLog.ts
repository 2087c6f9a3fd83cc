import type { PublicModerationEntry } from '../../shared/schema/publicModerationLog.js';
import type { ModerationPort, ParticipantsPort } from '../store/store.js';

/**
 * The board's moderation log as everyone may see it (shared/schema/publicModerationLog.ts), oldest first:
 * hides and restores from the moderation log, removals from the participants list. Built from the store
 * only; drops every field that could name a person or quote content.
 */
export async function publicModerationLog(store: ModerationPort & ParticipantsPort, boardId: string): Promise<PublicModerationEntry[]> {
  const [actions, participants] = await Promise.all([store.listModerationActions(boardId), store.listParticipants(boardId)]);
  const entries: PublicModerationEntry[] = actions.map((action) => ({
    kind: action.kind,
    action: action.action,
    at: action.at,
    reason: action.action === 'hide' ? action.reason : null,
  }));
  for (const participant of participants) {
    if (participant.removedAt !== null) entries.push({ kind: 'person', action: 'remove', at: participant.removedAt, reason: null });
  }
  return entries.sort((a, b) => a.at - b.at);
}

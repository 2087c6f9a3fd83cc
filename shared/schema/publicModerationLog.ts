/**
 * Moderation in the open (issue 13): every hide, restore and removal of a person, as everyone on the board
 * sees it: what kind of item, what was done, when, which reason. Never the content, the item's key, the
 * officer's free text or anyone's identity.
 */
import { MODERATION_REASON_WORDS, type ModerationReason } from './moderation.js';

export interface PublicModerationEntry {
  /** What was acted on. */
  kind: 'note' | 'comment' | 'person';
  action: 'hide' | 'restore' | 'remove';
  /** Server time, ms epoch. */
  at: number;
  /** The reason chosen from the fixed list (null when none: restores and removals). */
  reason: ModerationReason | null;
}

export interface PublicModerationLogResponse {
  entries: PublicModerationEntry[];
}

const KIND_WORDS = { note: 'An idea', comment: 'A comment', person: 'A participant' } as const;
const ACTION_WORDS = { hide: 'was hidden', restore: 'was restored', remove: 'was removed from the board' } as const;

/** One entry in plain words: "An idea was hidden: Off-topic". */
export function describeModerationEntry(entry: PublicModerationEntry): string {
  const reason = entry.reason ? `: ${MODERATION_REASON_WORDS[entry.reason].label}` : '';
  return `${KIND_WORDS[entry.kind]} ${ACTION_WORDS[entry.action]}${reason}`;
}

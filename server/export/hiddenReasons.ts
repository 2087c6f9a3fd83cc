/**
 * Moderation's reason ids in plain words for exports (moderation owns the words: `MODERATION_REASON_WORDS`).
 * An id it does not know is shown as it is, so a new reason never disappears from a report.
 */
import { MODERATION_REASON_WORDS, type ModerationReason } from '../../shared/schema/moderation.js';

/** The reason in plain English ('' for none). */
export function hiddenReasonLabel(reason: string | null): string {
  if (reason === null) return '';
  return Object.hasOwn(MODERATION_REASON_WORDS, reason) ? MODERATION_REASON_WORDS[reason as ModerationReason].label : reason;
}

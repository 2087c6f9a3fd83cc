/** A stored moderation action as a record, for both stores (their columns are named alike). */
import { MODERATED_KINDS, MODERATION_ACTIONS, MODERATION_REASONS, type ModerationReason } from '../../shared/schema/moderation.js';
import type { ModerationActionRecord } from './store.js';
import type { Row } from './storeRows.js';

export function toModerationAction(row: Row): ModerationActionRecord {
  const reason = row.reason === null ? null : oneOf(MODERATION_REASONS, row.reason, 'reason');
  return {
    boardId: String(row.board_id),
    kind: oneOf(MODERATED_KINDS, row.item_kind, 'item_kind'),
    key: String(row.item_key),
    action: oneOf(MODERATION_ACTIONS, row.action, 'action'),
    reason: reason as ModerationReason | null,
    detail: String(row.detail),
    officerId: String(row.officer_id),
    at: Number(row.at),
  };
}

/** A stored value of a closed set; anything else is a corrupted row, and says so instead of guessing. */
function oneOf<T extends string>(values: readonly T[], value: unknown, column: string): T {
  if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as T;
  throw new Error(`moderation_actions.${column} holds an unknown value`);
}

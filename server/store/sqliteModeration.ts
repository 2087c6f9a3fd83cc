/**
 * The SQLite side of moderation (issue 12): an append-only log of hide and restore actions per board,
 * kept in its own file so the store's main file only delegates. See `ModerationActionRecord` in store.ts.
 */
import type Database from 'better-sqlite3';
import { MODERATED_KINDS, MODERATION_ACTIONS, MODERATION_REASONS, type ModerationReason } from '../../shared/schema/moderation.js';
import type { ModerationActionRecord } from './store.js';

type Row = Record<string, unknown>;

/** Appends the actions in one transaction, in order. */
export function appendModerationActions(db: Database.Database, actions: readonly ModerationActionRecord[]): void {
  if (actions.length === 0) return;
  const insert = db.prepare(
    `INSERT INTO moderation_actions (board_id, item_kind, item_key, action, reason, detail, officer_id, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (const action of actions) {
      insert.run(action.boardId, action.kind, action.key, action.action, action.reason, action.detail, action.officerId, action.at);
    }
  })();
}

/** The board's log, oldest first. */
export function listModerationActions(db: Database.Database, boardId: string): ModerationActionRecord[] {
  const rows = db.prepare('SELECT * FROM moderation_actions WHERE board_id = ? ORDER BY seq').all(boardId) as Row[];
  return rows.map(toAction);
}

/** For each item of the board whose latest action is a hide: that action (oldest first). */
export function listHiddenItems(db: Database.Database, boardId: string): ModerationActionRecord[] {
  const rows = db
    .prepare(
      `SELECT m.* FROM moderation_actions m
       WHERE m.board_id = ? AND m.action = 'hide'
         AND m.seq = (SELECT MAX(seq) FROM moderation_actions l
                      WHERE l.board_id = m.board_id AND l.item_kind = m.item_kind AND l.item_key = m.item_key)
       ORDER BY m.seq`,
    )
    .all(boardId) as Row[];
  return rows.map(toAction);
}

function toAction(row: Row): ModerationActionRecord {
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

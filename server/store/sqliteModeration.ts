/**
 * The SQLite side of moderation (issue 12): an append-only log of hide and restore actions per board,
 * kept in its own file so the store's main file only delegates. See `ModerationActionRecord` in store.ts.
 */
import type Database from 'better-sqlite3';
import type { ModerationActionRecord } from './store.js';
import { toModerationAction as toAction } from './moderationRows.js';

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

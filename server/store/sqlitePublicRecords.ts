/** The SQLite side of published records and the pipeline (see publicRecordsPort.ts). */
import type Database from 'better-sqlite3';
import { isBoardPhase } from '../../shared/schema/briefMeta.js';
import type { PipelineBoard, StoredPublishedRecord } from './ports/publicRecordsPort.js';
import { toBoard } from './storeRows.js';

type Row = Record<string, unknown>;

export function savePublishedRecord(db: Database.Database, record: StoredPublishedRecord): void {
  db.prepare(
    `INSERT INTO published_records (board_id, published_at, record_json) VALUES (?, ?, ?)
     ON CONFLICT (board_id) DO UPDATE SET published_at = excluded.published_at, record_json = excluded.record_json`,
  ).run(record.boardId, record.publishedAt, record.recordJson);
}

export function findPublishedRecord(db: Database.Database, boardId: string): StoredPublishedRecord | null {
  const row = db.prepare('SELECT * FROM published_records WHERE board_id = ?').get(boardId) as Row | undefined;
  return row ? { boardId: String(row.board_id), publishedAt: Number(row.published_at), recordJson: String(row.record_json) } : null;
}

export function listPipelineBoards(db: Database.Database): PipelineBoard[] {
  const rows = db
    .prepare(
      `SELECT b.*, p.phase AS pipeline_phase, p.opens_at, p.closes_at, r.published_at
       FROM boards b
       LEFT JOIN board_phases p ON p.board_id = b.id
       LEFT JOIN published_records r ON r.board_id = b.id
       WHERE json_extract(b.pipeline_json, '$.listed') = 1
       ORDER BY b.created_at DESC`,
    )
    .all() as Row[];
  return rows.map((row) => ({
    board: toBoard(row)!, // reason: the row is a board's
    phase: isBoardPhase(row.pipeline_phase) ? row.pipeline_phase : null,
    opensAt: row.opens_at === null || row.opens_at === undefined ? null : Number(row.opens_at),
    closesAt: row.closes_at === null || row.closes_at === undefined ? null : Number(row.closes_at),
    publishedAt: row.published_at === null || row.published_at === undefined ? null : Number(row.published_at),
  }));
}

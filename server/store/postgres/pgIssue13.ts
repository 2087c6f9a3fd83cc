/**
 * The PostgreSQL side of issue 13's ports: clarification questions, council outcomes and participant profiles
 * (`FairnessPort`), the hash-chained record log (`RecordLogPort`) and published records with the pipeline
 * (`PublicRecordsPort`). Same tables and row mappers as SQLite (sqliteFairness.ts, sqliteRecordLog.ts,
 * sqlitePublicRecords.ts).
 */
import type pg from 'pg';
import { isBoardPhase } from '../../../shared/schema/briefMeta.js';
import type { RecordEntry, RecordEntryInput, RecordHead } from '../../record/recordEntry.js';
import { chainEntries, entryLine } from '../../record/recordHash.js';
import type { CouncilOutcomeRecord, ParticipantProfileRecord, QuestionRecord } from '../ports/fairnessPort.js';
import { toCouncilOutcome, toParticipantProfile, toQuestion } from '../fairnessRows.js';
import type { PipelineBoard, StoredPublishedRecord } from '../ports/publicRecordsPort.js';
import { nullableNumber, toBoard, type Row } from '../storeRows.js';
import { lockName, type Queryable } from './pgDatabase.js';

async function rows(on: Queryable, sql: string, values: unknown[] = []): Promise<Row[]> {
  return (await on.query(sql, values)).rows as Row[];
}

// Questions, outcomes, profiles

export async function addQuestion(on: Queryable, q: QuestionRecord): Promise<void> {
  await on.query(
    `INSERT INTO clarification_questions (id, board_id, person_id, target_id, question, asked_at, answer, answered_by, answered_at, published_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [q.id, q.boardId, q.personId, q.targetId, q.question, q.askedAt, q.answer, q.answeredBy, q.answeredAt, q.publishedId],
  );
}

export async function countQuestionsSince(on: Queryable, boardId: string, personId: string, since: number): Promise<number> {
  const [row] = await rows(on, 'SELECT COUNT(*) AS n FROM clarification_questions WHERE board_id = $1 AND person_id = $2 AND asked_at >= $3', [boardId, personId, since]);
  return Number(row?.n ?? 0);
}

export async function listQuestions(on: Queryable, boardId: string): Promise<QuestionRecord[]> {
  return (await rows(on, 'SELECT * FROM clarification_questions WHERE board_id = $1 ORDER BY asked_at, id', [boardId])).map(toQuestion);
}

export async function answerQuestion(
  on: Queryable,
  a: { boardId: string; id: string; answer: string; answeredBy: string; answeredAt: number; publishedId: string },
): Promise<boolean> {
  // "AND answer IS NULL" under PostgreSQL's row lock: of two officers answering at once, one wins.
  const result = await on.query(
    `UPDATE clarification_questions SET answer = $1, answered_by = $2, answered_at = $3, published_id = $4
     WHERE board_id = $5 AND id = $6 AND answer IS NULL`,
    [a.answer, a.answeredBy, a.answeredAt, a.publishedId, a.boardId, a.id],
  );
  return result.rowCount === 1;
}

export async function setCouncilOutcome(on: Queryable, r: CouncilOutcomeRecord): Promise<void> {
  await on.query(
    `INSERT INTO council_outcomes (board_id, item_kind, item_key, outcome, reason, officer_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (board_id, item_kind, item_key) DO UPDATE SET outcome = excluded.outcome, reason = excluded.reason,
       officer_id = excluded.officer_id, at = excluded.at`,
    [r.boardId, r.kind, r.key, r.outcome, r.reason, r.officerId, r.at],
  );
}

export async function clearCouncilOutcome(on: Queryable, boardId: string, kind: string, key: string): Promise<void> {
  await on.query('DELETE FROM council_outcomes WHERE board_id = $1 AND item_kind = $2 AND item_key = $3', [boardId, kind, key]);
}

export async function listCouncilOutcomes(on: Queryable, boardId: string): Promise<CouncilOutcomeRecord[]> {
  return (await rows(on, 'SELECT * FROM council_outcomes WHERE board_id = $1 ORDER BY at, item_key', [boardId])).map(toCouncilOutcome);
}

export async function saveParticipantProfile(on: Queryable, p: ParticipantProfileRecord): Promise<void> {
  await on.query(
    `INSERT INTO participant_profiles (participant_id, board_id, organisation_size, worked_before) VALUES ($1, $2, $3, $4)
     ON CONFLICT (participant_id) DO UPDATE SET organisation_size = excluded.organisation_size, worked_before = excluded.worked_before`,
    [p.participantId, p.boardId, p.organisationSize, p.workedBefore],
  );
}

export async function listParticipantProfiles(on: Queryable, boardId: string): Promise<ParticipantProfileRecord[]> {
  return (await rows(on, 'SELECT * FROM participant_profiles WHERE board_id = $1 ORDER BY participant_id', [boardId])).map(toParticipantProfile);
}

// The record log

/**
 * Chains and inserts the entries after the board's head. Call inside a transaction: the board's record lock
 * is held to the commit, so two instances appending to one board take turns and the chain never forks.
 */
export async function appendRecordEntriesIn(client: pg.PoolClient, boardId: string, inputs: readonly RecordEntryInput[]): Promise<RecordEntry[]> {
  if (inputs.length === 0) return [];
  await lockName(client, `record:${boardId}`);
  const entries = chainEntries(boardId, await findRecordHead(client, boardId), inputs);
  for (const entry of entries) {
    await client.query('INSERT INTO record_log (board_id, seq, hash, at, line) VALUES ($1, $2, $3, $4, $5)', [boardId, entry.seq, entry.hash, entry.at, entryLine(entry)]);
  }
  return entries;
}

export async function listRecordEntries(on: Queryable, boardId: string): Promise<RecordEntry[]> {
  return (await rows(on, 'SELECT line FROM record_log WHERE board_id = $1 ORDER BY seq', [boardId])).map((row) => JSON.parse(String(row.line)) as RecordEntry);
}

export async function findRecordHead(on: Queryable, boardId: string): Promise<RecordHead | null> {
  const [row] = await rows(on, 'SELECT seq, hash, at FROM record_log WHERE board_id = $1 ORDER BY seq DESC LIMIT 1', [boardId]);
  return row ? { seq: Number(row.seq), hash: String(row.hash), at: String(row.at) } : null;
}

// Published records and the pipeline

export async function savePublishedRecord(on: Queryable, record: StoredPublishedRecord): Promise<void> {
  await on.query(
    `INSERT INTO published_records (board_id, published_at, record_json) VALUES ($1, $2, $3)
     ON CONFLICT (board_id) DO UPDATE SET published_at = excluded.published_at, record_json = excluded.record_json`,
    [record.boardId, record.publishedAt, record.recordJson],
  );
}

export async function findPublishedRecord(on: Queryable, boardId: string): Promise<StoredPublishedRecord | null> {
  const [row] = await rows(on, 'SELECT * FROM published_records WHERE board_id = $1', [boardId]);
  return row ? { boardId: String(row.board_id), publishedAt: Number(row.published_at), recordJson: String(row.record_json) } : null;
}

export async function listPipelineBoards(on: Queryable): Promise<PipelineBoard[]> {
  const listed = await rows(
    on,
    `SELECT b.*, p.phase AS pipeline_phase, p.opens_at, p.closes_at, r.published_at
     FROM boards b
     LEFT JOIN board_phases p ON p.board_id = b.id
     LEFT JOIN published_records r ON r.board_id = b.id
     WHERE b.pipeline_json IS NOT NULL AND (b.pipeline_json::jsonb ->> 'listed') = 'true'
     ORDER BY b.created_at DESC`,
  );
  return listed.map((row) => ({
    board: toBoard(row)!,
    phase: isBoardPhase(row.pipeline_phase) ? row.pipeline_phase : null,
    opensAt: nullableNumber(row.opens_at),
    closesAt: nullableNumber(row.closes_at),
    publishedAt: nullableNumber(row.published_at),
  }));
}

/**
 * The SQLite side of `FairnessPort` (ports/fairnessPort.ts): questions, council outcomes, participant profiles.
 * Kept apart so the store's main file only delegates.
 */
import type Database from 'better-sqlite3';
import type { CouncilOutcomeRecord, ParticipantProfileRecord, QuestionRecord } from './ports/fairnessPort.js';

import { toCouncilOutcome, toParticipantProfile, toQuestion } from './fairnessRows.js';
import type { Row } from './storeRows.js';

export function addQuestion(db: Database.Database, q: QuestionRecord): void {
  db.prepare(
    `INSERT INTO clarification_questions (id, board_id, person_id, target_id, question, asked_at, answer, answered_by, answered_at, published_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(q.id, q.boardId, q.personId, q.targetId, q.question, q.askedAt, q.answer, q.answeredBy, q.answeredAt, q.publishedId);
}

export function countQuestionsSince(db: Database.Database, boardId: string, personId: string, since: number): number {
  const row = db
    .prepare('SELECT COUNT(*) AS n FROM clarification_questions WHERE board_id = ? AND person_id = ? AND asked_at >= ?')
    .get(boardId, personId, since) as Row;
  return Number(row.n);
}

export function listQuestions(db: Database.Database, boardId: string): QuestionRecord[] {
  const rows = db.prepare('SELECT * FROM clarification_questions WHERE board_id = ? ORDER BY asked_at, id').all(boardId) as Row[];
  return rows.map(toQuestion);
}

export function answerQuestion(
  db: Database.Database,
  a: { boardId: string; id: string; answer: string; answeredBy: string; answeredAt: number; publishedId: string },
): boolean {
  const result = db
    .prepare(
      `UPDATE clarification_questions SET answer = ?, answered_by = ?, answered_at = ?, published_id = ?
       WHERE board_id = ? AND id = ? AND answer IS NULL`,
    )
    .run(a.answer, a.answeredBy, a.answeredAt, a.publishedId, a.boardId, a.id);
  return result.changes === 1;
}

export function setCouncilOutcome(db: Database.Database, r: CouncilOutcomeRecord): void {
  db.prepare(
    `INSERT INTO council_outcomes (board_id, item_kind, item_key, outcome, reason, officer_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (board_id, item_kind, item_key) DO UPDATE SET outcome = excluded.outcome, reason = excluded.reason,
       officer_id = excluded.officer_id, at = excluded.at`,
  ).run(r.boardId, r.kind, r.key, r.outcome, r.reason, r.officerId, r.at);
}

export function clearCouncilOutcome(db: Database.Database, boardId: string, kind: string, key: string): void {
  db.prepare('DELETE FROM council_outcomes WHERE board_id = ? AND item_kind = ? AND item_key = ?').run(boardId, kind, key);
}

export function listCouncilOutcomes(db: Database.Database, boardId: string): CouncilOutcomeRecord[] {
  const rows = db.prepare('SELECT * FROM council_outcomes WHERE board_id = ? ORDER BY at, item_key').all(boardId) as Row[];
  return rows.map(toCouncilOutcome);
}

export function saveParticipantProfile(db: Database.Database, p: ParticipantProfileRecord): void {
  db.prepare(
    `INSERT INTO participant_profiles (participant_id, board_id, organisation_size, worked_before) VALUES (?, ?, ?, ?)
     ON CONFLICT (participant_id) DO UPDATE SET organisation_size = excluded.organisation_size, worked_before = excluded.worked_before`,
  ).run(p.participantId, p.boardId, p.organisationSize, p.workedBefore);
}

export function listParticipantProfiles(db: Database.Database, boardId: string): ParticipantProfileRecord[] {
  const rows = db.prepare('SELECT * FROM participant_profiles WHERE board_id = ?').all(boardId) as Row[];
  return rows.map(toParticipantProfile);
}

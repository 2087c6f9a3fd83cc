/** Stored fairness rows (questions, council outcomes, participant profiles) as records, for both stores. */
import { COUNCIL_OUTCOMES, OUTCOME_ITEM_KINDS } from '../../shared/schema/councilOutcomes.js';
import { ORGANISATION_SIZES, WORKED_BEFORE_ANSWERS } from '../../shared/schema/reach.js';
import type { CouncilOutcomeRecord, ParticipantProfileRecord, QuestionRecord } from './ports/fairnessPort.js';
import { nullableNumber, nullableString, type Row } from './storeRows.js';

export function toQuestion(row: Row): QuestionRecord {
  return {
    id: String(row.id),
    boardId: String(row.board_id),
    personId: String(row.person_id),
    targetId: nullableString(row.target_id),
    question: String(row.question),
    askedAt: Number(row.asked_at),
    answer: nullableString(row.answer),
    answeredBy: nullableString(row.answered_by),
    answeredAt: nullableNumber(row.answered_at),
    publishedId: nullableString(row.published_id),
  };
}

export function toCouncilOutcome(row: Row): CouncilOutcomeRecord {
  return {
    boardId: String(row.board_id),
    kind: oneOf(OUTCOME_ITEM_KINDS, row.item_kind, 'council_outcomes.item_kind'),
    key: String(row.item_key),
    outcome: oneOf(COUNCIL_OUTCOMES, row.outcome, 'council_outcomes.outcome'),
    reason: String(row.reason),
    officerId: String(row.officer_id),
    at: Number(row.at),
  };
}

export function toParticipantProfile(row: Row): ParticipantProfileRecord {
  return {
    participantId: String(row.participant_id),
    boardId: String(row.board_id),
    organisationSize: row.organisation_size === null ? null : oneOf(ORGANISATION_SIZES, row.organisation_size, 'participant_profiles.organisation_size'),
    workedBefore: row.worked_before === null ? null : oneOf(WORKED_BEFORE_ANSWERS, row.worked_before, 'participant_profiles.worked_before'),
  };
}

/** A stored value of a closed set; anything else is a corrupted row, and says so instead of guessing. */
function oneOf<T extends string>(values: readonly T[], value: unknown, column: string): T {
  if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as T;
  throw new Error(`${column} holds an unknown value`);
}

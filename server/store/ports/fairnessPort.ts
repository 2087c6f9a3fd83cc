/**
 * The store's port for issue 13's fairness records, one of the ports the Store joins (../store.ts):
 * clarification questions, the council's answers to ideas, and what participants said about their
 * organisation at join (reach). SQLite side: `../sqliteFairness.ts`.
 */
import type { CouncilOutcome, OutcomeItemKind } from '../../../shared/schema/councilOutcomes.js';
import type { OrganisationSize, WorkedBefore } from '../../../shared/schema/reach.js';

/** A supplier's question to the council; private to them and the board's officers until answered. */
export interface QuestionRecord {
  id: string;
  boardId: string;
  /** Who asked (never published). */
  personId: string;
  targetId: string | null;
  question: string;
  askedAt: number;
  answer: string | null;
  /** The officer account that answered. */
  answeredBy: string | null;
  answeredAt: number | null;
  /** The random id the question and answer were published under on the wall (not linkable to the asker). */
  publishedId: string | null;
}

/** The council's answer to one idea or cluster; one per item (the latest replaces the earlier). */
export interface CouncilOutcomeRecord {
  boardId: string;
  kind: OutcomeItemKind;
  key: string;
  outcome: CouncilOutcome;
  reason: string;
  officerId: string;
  at: number;
}

/** What a participant said at join about their organisation (both optional: null when not said). */
export interface ParticipantProfileRecord {
  participantId: string;
  boardId: string;
  organisationSize: OrganisationSize | null;
  workedBefore: WorkedBefore | null;
}

export interface FairnessPort {
  addQuestion(question: QuestionRecord): Promise<void>;
  /** How many questions `personId` asked on the board at or after `since` (ms epoch; 0 for all). */
  countQuestionsSince(boardId: string, personId: string, since: number): Promise<number>;
  /** The board's questions, oldest first. */
  listQuestions(boardId: string): Promise<QuestionRecord[]>;
  /** Records the answer if the question exists on the board and has none yet; false otherwise (answer once). */
  answerQuestion(answer: { boardId: string; id: string; answer: string; answeredBy: string; answeredAt: number; publishedId: string }): Promise<boolean>;
  /** Sets (or with `outcome: null`, clears) the council's answer to an item. */
  setCouncilOutcome(record: CouncilOutcomeRecord): Promise<void>;
  clearCouncilOutcome(boardId: string, kind: OutcomeItemKind, key: string): Promise<void>;
  listCouncilOutcomes(boardId: string): Promise<CouncilOutcomeRecord[]>;
  saveParticipantProfile(profile: ParticipantProfileRecord): Promise<void>;
  listParticipantProfiles(boardId: string): Promise<ParticipantProfileRecord[]>;
}

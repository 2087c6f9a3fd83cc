/**
 * Issue 13's parts of the board record ("fair and open"): published questions and answers, the council's
 * answers to ideas and clusters, the moderation log in the open and the reach. Pure: `readBoardRecord.ts`
 * gathers the input, `buildBoardRecord` places the result. What is never here: an unanswered question, the
 * asker of any question, a hidden or sealed or confidential idea (answers only to ideas in the record's
 * visible notes), moderated content or identities, and who took part (counts only).
 */
import { COUNCIL_OUTCOME_LABELS, type CouncilOutcome, type WallOutcome } from '../../shared/schema/councilOutcomes.js';
import { describeModerationEntry, type PublicModerationEntry } from '../../shared/schema/publicModerationLog.js';
import type { PublishedAnswer } from '../../shared/schema/questions.js';
import type { BoardReach } from '../../shared/schema/reach.js';

export interface FairnessInput {
  answers: ReadonlyArray<PublishedAnswer & { id: string }>;
  outcomes: readonly WallOutcome[];
  moderationLog: readonly PublicModerationEntry[];
  reach: BoardReach;
}

export interface ExportQuestionAndAnswer {
  /** The random id it was published under (not linkable to who asked). */
  id: string;
  question: string;
  answer: string;
  /** The problem or stage it is about (null: the board as a whole). */
  targetId: string | null;
  targetTitle: string | null;
  answeredAt: string;
}

export interface ExportCouncilAnswer {
  kind: 'note' | 'cluster';
  /** The note's key or the cluster's id. */
  key: string;
  /** The idea's text or the cluster's title. */
  item: string;
  outcome: CouncilOutcome;
  outcomeLabel: string;
  reason: string;
  at: string;
}

export interface ExportModerationEntry extends PublicModerationEntry {
  /** The entry in words, e.g. "An idea was hidden: Off-topic". */
  description: string;
  atIso: string;
}

export interface FairnessRecord {
  questionsAndAnswers: ExportQuestionAndAnswer[];
  councilAnswers: ExportCouncilAnswer[];
  moderationLog: ExportModerationEntry[];
  reach: BoardReach | null;
}

function iso(time: number): string {
  return new Date(Number.isFinite(time) ? time : 0).toISOString();
}

export function buildFairnessRecord(
  input: FairnessInput | undefined,
  lookups: { targetTitle(id: string): string | null; visibleNoteText(key: string): string | null; clusterTitle(id: string): string | null },
): FairnessRecord {
  if (!input) return { questionsAndAnswers: [], councilAnswers: [], moderationLog: [], reach: null };
  const councilAnswers: ExportCouncilAnswer[] = [];
  for (const outcome of input.outcomes) {
    const item = outcome.kind === 'note' ? lookups.visibleNoteText(outcome.key) : lookups.clusterTitle(outcome.key);
    if (item === null) continue;
    councilAnswers.push({
      kind: outcome.kind,
      key: outcome.key,
      item,
      outcome: outcome.outcome,
      outcomeLabel: COUNCIL_OUTCOME_LABELS[outcome.outcome],
      reason: outcome.reason,
      at: iso(outcome.at),
    });
  }
  councilAnswers.sort((a, b) => a.at.localeCompare(b.at) || (a.key < b.key ? -1 : 1));
  return {
    questionsAndAnswers: input.answers.map((entry) => ({
      id: entry.id,
      question: entry.question,
      answer: entry.answer,
      targetId: entry.targetId,
      targetTitle: entry.targetId === null ? null : lookups.targetTitle(entry.targetId),
      answeredAt: iso(entry.answeredAt),
    })),
    councilAnswers,
    moderationLog: input.moderationLog.map((entry) => ({ ...entry, description: describeModerationEntry(entry), atIso: iso(entry.at) })),
    reach: input.reach,
  };
}

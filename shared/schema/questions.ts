/**
 * Clarification questions (issue 13). A supplier asks the council a question about a problem or a stage,
 * privately: the question is stored server-side (never in a document others read). An officer answers it
 * once; that publishes question and answer to the wall's `answers` root in one wall change, under a random
 * published id: no person id, name or organisation of the asker is ever in it.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { isWellFormedId } from '../ids.js';
import { WALL_ROOTS } from './roots.js';

/** Longest question, in characters. */
export const MAX_QUESTION_CHARS = 1_000;
/** Longest answer, in characters. */
export const MAX_ANSWER_CHARS = 2_000;
/** Questions one person may ask per QUESTION_WINDOW_MS, and in all on one board. */
export const QUESTIONS_PER_WINDOW = 5;
export const QUESTION_WINDOW_MS = 10 * 60 * 1000;
export const MAX_QUESTIONS_PER_PERSON = 50;

export const QUESTION_EVENTS = {
  ask: 'question-ask',
  answer: 'question-answer',
  list: 'questions-list',
} as const;

const trimmedText = (what: string, max: number) =>
  z
    .string({ error: `Enter the ${what}` })
    .transform((text) => text.trim())
    .pipe(z.string().min(1, { error: `Enter the ${what}` }).max(max, { error: `The ${what} must be ${max.toLocaleString('en-GB')} characters or fewer` }));

/** `question-ask { question, targetId? }`: `targetId` is a problem or stage of the brief (checked by the server). */
export const questionAskPayload = z.strictObject({
  question: trimmedText('question', MAX_QUESTION_CHARS),
  targetId: z.string().refine(isWellFormedId, { error: 'Choose a problem or stage on this board' }).optional(),
});
export type QuestionAskPayload = z.output<typeof questionAskPayload>;

/** `question-answer { questionId, answer }` (officers): answers once and publishes to everyone. */
export const questionAnswerPayload = z.strictObject({
  questionId: z.string().refine(isWellFormedId, { error: 'That question is not on this board' }),
  answer: trimmedText('answer', MAX_ANSWER_CHARS),
});
export type QuestionAnswerPayload = z.output<typeof questionAnswerPayload>;

export const questionsListPayload = z.strictObject({});

/** A question as its asker or an officer sees it in `questions-list`. */
export interface QuestionView {
  id: string;
  question: string;
  targetId: string | null;
  askedAt: number;
  answer: string | null;
  answeredAt: number | null;
  /** Officers only: who asked (officers may know; other suppliers never do). */
  askedBy?: { name: string; organisation: string };
  /** True for the asker's own questions. */
  isMine: boolean;
}

/** A published question and answer on the wall (`answers` root), keyed by a random published id. */
export interface PublishedAnswer {
  question: string;
  answer: string;
  targetId: string | null;
  /** Server time the answer was published, ms epoch. */
  answeredAt: number;
}

const publishedAnswerSchema = z.object({
  question: z.string().max(MAX_QUESTION_CHARS),
  answer: z.string().max(MAX_ANSWER_CHARS),
  targetId: z.string().nullable(),
  answeredAt: z.number().finite(),
});

/** Published answers on a wall, oldest first. Tolerant: records it cannot read are skipped, unknown fields ignored. */
export function readPublishedAnswers(wall: Y.Doc): Array<PublishedAnswer & { id: string }> {
  const found: Array<PublishedAnswer & { id: string }> = [];
  wall.getMap<unknown>(WALL_ROOTS.answers).forEach((value, id) => {
    const parsed = publishedAnswerSchema.safeParse(value);
    if (parsed.success) found.push({ id, ...parsed.data });
  });
  return found.sort((a, b) => a.answeredAt - b.answeredAt || (a.id < b.id ? -1 : 1));
}

/** Writes one published question and answer to the wall in one transaction (the server only). */
export function putPublishedAnswer(wall: Y.Doc, publishedId: string, answer: PublishedAnswer, origin: unknown): void {
  wall.transact(() => {
    wall.getMap<unknown>(WALL_ROOTS.answers).set(publishedId, { ...answer });
  }, origin);
}

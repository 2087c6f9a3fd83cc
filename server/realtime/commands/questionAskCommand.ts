/**
 * `question-ask { question, targetId? }`: a supplier asks the council a clarification question, privately.
 * Stored server-side only (never in a document anyone else reads): the board's officers see it in their
 * queue (`questions-list`), the asker sees it with its status. Participants only (observers read, officers
 * answer). Rate-limited per person (shared/schema/questions.ts) from the store, so it holds across restarts.
 */
import { ERROR_CODES } from '../../../shared/protocol/api.js';
import { isNoteTargetId } from '../../../shared/schema/brief.js';
import {
  MAX_QUESTIONS_PER_PERSON,
  QUESTION_EVENTS,
  QUESTION_WINDOW_MS,
  QUESTIONS_PER_WINDOW,
  questionAskPayload,
  type QuestionAskPayload,
} from '../../../shared/schema/questions.js';
import { newId } from '../../auth/tokens.js';
import { refuse, type BoardCommand } from './officerCommand.js';
import { refuseIfArchived } from './refuseArchived.js';

export const questionAskCommand: BoardCommand<QuestionAskPayload, { questionId: string }> = {
  event: QUESTION_EVENTS.ask,
  payload: questionAskPayload,
  officersOnly: false,
  async run({ sender, room, store, log, now }, { question, targetId }) {
    if (sender.viewer.kind !== 'participant') {
      return refuse(ERROR_CODES.forbidden, 'Only suppliers taking part can ask the council a question.');
    }
    const archived = await refuseIfArchived(store, sender.boardId);
    if (archived) return archived;
    if (targetId !== undefined && !isNoteTargetId(room.brief.doc, targetId)) {
      return refuse(ERROR_CODES.invalidInput, 'Choose a problem or stage on this board.');
    }
    const recent = await store.countQuestionsSince(sender.boardId, sender.personId, now - QUESTION_WINDOW_MS);
    if (recent >= QUESTIONS_PER_WINDOW) {
      return refuse(ERROR_CODES.rateLimited, `You can ask up to ${QUESTIONS_PER_WINDOW} questions in 10 minutes. Try again in a few minutes.`);
    }
    if ((await store.countQuestionsSince(sender.boardId, sender.personId, 0)) >= MAX_QUESTIONS_PER_PERSON) {
      return refuse(ERROR_CODES.rateLimited, `You can ask up to ${MAX_QUESTIONS_PER_PERSON} questions on this board.`);
    }
    const questionId = newId();
    await store.addQuestion({
      id: questionId,
      boardId: sender.boardId,
      personId: sender.personId,
      targetId: targetId ?? null,
      question,
      askedAt: now,
      answer: null,
      answeredBy: null,
      answeredAt: null,
      publishedId: null,
    });
    log.info({ boardId: sender.boardId, personId: sender.personId, questionId }, 'a clarification question was asked');
    return { ok: true, questionId };
  },
};

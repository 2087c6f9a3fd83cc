/**
 * `question-answer { questionId, answer }` (officers): answers a clarification question once and publishes
 * question and answer to everyone on the board in ONE wall change (one broadcast, the same moment for
 * all), under a new random id: the published record holds no person id, name or organisation of the asker.
 * Stored first (the answer-once check is the store's), then written to the wall.
 */
import { ERROR_CODES } from '../../../shared/protocol/api.js';
import { putPublishedAnswer, QUESTION_EVENTS, questionAnswerPayload, type QuestionAnswerPayload } from '../../../shared/schema/questions.js';
import { WALL_ROOTS } from '../../../shared/schema/roots.js';
import { newId } from '../../auth/tokens.js';
import { refuse, type BoardCommand } from './officerCommand.js';

export const questionAnswerCommand: BoardCommand<QuestionAnswerPayload, { publishedId: string }> = {
  event: QUESTION_EVENTS.answer,
  payload: questionAnswerPayload,
  officersOnly: true,
  async run({ sender, room, store, log, now }, { questionId, answer }) {
    const question = (await store.listQuestions(sender.boardId)).find((entry) => entry.id === questionId);
    if (!question) return refuse(ERROR_CODES.notFound, 'That question is not on this board.');
    if (question.answer !== null) {
      // Answered, but not on the wall (the server stopped between storing and publishing): publish it now.
      if (question.publishedId !== null && question.answeredAt !== null && !room.wall.doc.getMap(WALL_ROOTS.answers).has(question.publishedId)) {
        putPublishedAnswer(room.wall.doc, question.publishedId, { question: question.question, answer: question.answer, targetId: question.targetId, answeredAt: question.answeredAt }, { source: 'server' });
        log.warn({ boardId: sender.boardId, questionId }, 'an answered question was missing from the wall and was published again');
      }
      return refuse(ERROR_CODES.conflict, 'This question has already been answered.');
    }
    const publishedId = newId();
    const recorded = await store.answerQuestion({ boardId: sender.boardId, id: questionId, answer, answeredBy: sender.personId, answeredAt: now, publishedId });
    if (!recorded) return refuse(ERROR_CODES.conflict, 'This question has already been answered.');
    putPublishedAnswer(room.wall.doc, publishedId, { question: question.question, answer, targetId: question.targetId, answeredAt: now }, { source: 'server' });
    log.info({ boardId: sender.boardId, accountId: sender.personId, questionId, publishedId }, 'a clarification question was answered and published');
    return { ok: true, publishedId };
  },
};

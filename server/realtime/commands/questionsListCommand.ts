/**
 * `questions-list {}`: officers get every question of the board (the queue: unanswered first, each with
 * who asked); a supplier gets only their own, with their status. Nobody else's question, ever.
 */
import { ERROR_CODES } from '../../../shared/protocol/api.js';
import { QUESTION_EVENTS, questionsListPayload, type QuestionView } from '../../../shared/schema/questions.js';
import { refuse, type BoardCommand } from './officerCommand.js';

export const questionsListCommand: BoardCommand<Record<string, never>, { questions: QuestionView[] }> = {
  event: QUESTION_EVENTS.list,
  payload: questionsListPayload,
  officersOnly: false,
  async run({ sender, store }) {
    if (sender.viewer.kind === 'observer') return refuse(ERROR_CODES.forbidden, 'Observers cannot ask questions.');
    const all = await store.listQuestions(sender.boardId);
    const mine = all.filter((question) => question.personId === sender.personId);
    const visible = sender.isOfficer ? all : mine;
    const people = sender.isOfficer ? new Map((await store.listParticipants(sender.boardId)).map((person) => [person.id, person])) : new Map();
    const questions: QuestionView[] = visible.map((question) => {
      const view: QuestionView = {
        id: question.id,
        question: question.question,
        targetId: question.targetId,
        askedAt: question.askedAt,
        answer: question.answer,
        answeredAt: question.answeredAt,
        isMine: question.personId === sender.personId,
      };
      const asker = people.get(question.personId);
      if (sender.isOfficer && asker) view.askedBy = { name: asker.name, organisation: asker.organisation };
      return view;
    });
    // The queue: unanswered first (oldest first), then answered (newest first).
    questions.sort((a, b) => (a.answer === null) !== (b.answer === null) ? (a.answer === null ? -1 : 1) : a.answer === null ? a.askedAt - b.askedAt : (b.answeredAt ?? 0) - (a.answeredAt ?? 0));
    return { ok: true, questions };
  },
};

import { useState } from 'react';
import type * as Y from 'yjs';
import { readPublishedAnswers } from '../../../shared/schema/questions.js';
import type { NoteTarget } from '../../board/noteTargets.js';
import { useDocSnapshot } from '../../board/useDocSnapshot.js';
import { formatDateTime } from '../../format/dates.js';
import type { SendCommand } from '../../net/socket.js';
import { AskQuestionForm } from './AskQuestionForm.js';
import { QuestionQueue } from './QuestionQueue.js';
import { useQuestions } from './useQuestions.js';

interface QuestionsSectionProps {
  wallDoc: Y.Doc | null;
  targets: NoteTarget[];
  role: 'officer' | 'participant' | 'observer';
  sendCommand: SendCommand;
  isConnected: boolean;
}

const NO_ANSWERS: ReturnType<typeof readPublishedAnswers> = [];

/**
 * Clarification questions (issue 13): the answers published to everyone (from the wall, the same moment
 * for all, never who asked); a supplier's form to ask the council privately and their own questions with
 * their status; the officers' queue of questions waiting for an answer.
 */
export function QuestionsSection({ wallDoc, targets, role, sendCommand, isConnected }: QuestionsSectionProps) {
  const answers = useDocSnapshot(wallDoc, readPublishedAnswers, NO_ANSWERS);
  const isOfficer = role === 'officer';
  const { questions, reload } = useQuestions(sendCommand, isOfficer, isConnected && role !== 'observer', answers.length);
  const [askedCount, setAskedCount] = useState(0);
  const labelOf = (targetId: string | null) => (targetId === null ? null : (targets.find((target) => target.id === targetId)?.label ?? 'a problem or stage that was removed'));
  const mine = (questions ?? []).filter((question) => question.isMine);

  return (
    <section className="wall-section questions-section" aria-labelledby="questions-heading" data-testid="questions">
      <h2 className="heading-l" id="questions-heading">
        Questions and answers
      </h2>
      <p className="body">
        Suppliers can ask the council a question in private. The council answers it once, to everyone at the same time, without saying who
        asked.
      </p>
      {answers.length === 0 ? (
        <p className="body" data-testid="no-answers">
          No questions have been answered yet.
        </p>
      ) : (
        <ul className="list questions-section__answers">
          {answers.map((entry) => (
            <li key={entry.id} className="questions-section__answer" data-testid="published-answer">
              <h3 className="heading-s">{labelOf(entry.targetId) ? `Question about ${labelOf(entry.targetId)}` : 'Question'}</h3>
              <p className="body multiline break-words">{entry.question}</p>
              <p className="body multiline break-words">
                <strong>The council’s answer:</strong> {entry.answer}
              </p>
              <p className="body-s secondary-text">Answered {formatDateTime(new Date(entry.answeredAt).toISOString())}</p>
            </li>
          ))}
        </ul>
      )}
      {role === 'participant' && (
        <>
          <AskQuestionForm
            targets={targets}
            sendCommand={sendCommand}
            isConnected={isConnected}
            onAsked={() => {
              setAskedCount(askedCount + 1);
              reload();
            }}
          />
          {mine.length > 0 && (
            <>
              <h3 className="heading-m">Your questions</h3>
              <ul className="list" data-testid="my-questions">
                {mine.map((question) => (
                  <li key={question.id} className="questions-section__mine">
                    <p className="body multiline break-words">{question.question}</p>
                    <p className="body-s">
                      <strong className={question.answer === null ? 'tag tag--grey' : 'tag tag--green'}>{question.answer === null ? 'Waiting for an answer' : 'Answered to everyone'}</strong>
                    </p>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      {isOfficer && <QuestionQueue questions={questions ?? []} labelOf={labelOf} sendCommand={sendCommand} isConnected={isConnected} onAnswered={reload} />}
    </section>
  );
}

import { useState } from 'react';
import { MAX_ANSWER_CHARS, QUESTION_EVENTS, type QuestionView } from '../../../shared/schema/questions.js';
import { useWallContext } from '../../board/WallContext.js';
import type { SendCommand } from '../../net/socket.js';
import { TextArea } from '../TextArea.js';

interface QuestionQueueProps {
  questions: QuestionView[];
  labelOf(targetId: string | null): string | null;
  sendCommand: SendCommand;
  isConnected: boolean;
  onAnswered(): void;
}

/** Officers: questions waiting for an answer, oldest first; answering publishes question and answer to everyone. */
export function QuestionQueue({ questions, labelOf, sendCommand, isConnected, onAnswered }: QuestionQueueProps) {
  const waiting = questions.filter((question) => question.answer === null);
  return (
    <div className="question-queue" data-testid="question-queue">
      <h3 className="heading-m">Questions waiting for an answer ({waiting.length})</h3>
      {waiting.length === 0 ? (
        <p className="body">No questions are waiting.</p>
      ) : (
        <ul className="list">
          {waiting.map((question) => (
            <QueuedQuestion key={question.id} question={question} about={labelOf(question.targetId)} sendCommand={sendCommand} isConnected={isConnected} onAnswered={onAnswered} />
          ))}
        </ul>
      )}
    </div>
  );
}

function QueuedQuestion({
  question,
  about,
  sendCommand,
  isConnected,
  onAnswered,
}: { question: QuestionView; about: string | null } & Omit<QuestionQueueProps, 'questions' | 'labelOf'>) {
  const { announce } = useWallContext();
  const [answer, setAnswer] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [isSending, setSending] = useState(false);

  async function publish(): Promise<void> {
    if (isSending) return;
    if (answer.trim() === '') return setError('Enter the answer');
    if (answer.length > MAX_ANSWER_CHARS) return setError(`The answer must be ${MAX_ANSWER_CHARS.toLocaleString('en-GB')} characters or fewer`);
    setSending(true);
    const result = await sendCommand(QUESTION_EVENTS.answer, { questionId: question.id, answer });
    setSending(false);
    if (!result.ok) return setError(result.error.message);
    announce('Answer published to everyone on the board');
    onAnswered();
  }

  return (
    <li className="question-queue__item" data-testid="queued-question">
      <p className="body multiline break-words">{question.question}</p>
      <p className="body-s secondary-text">
        {about ? `About ${about}. ` : ''}
        {question.askedBy ? `Asked by ${question.askedBy.name}, ${question.askedBy.organisation} (not shown to suppliers).` : ''}
      </p>
      <TextArea
        id={`answer-${question.id}`}
        label="Answer"
        hint="The question and your answer go to everyone at the same time, without the asker’s name. You can answer once."
        value={answer}
        onChange={setAnswer}
        error={error}
        rows={3}
      />
      <button type="button" className="button wall-button" disabled={!isConnected} aria-busy={isSending || undefined} onClick={() => void publish()}>
        Publish answer to everyone
      </button>
    </li>
  );
}

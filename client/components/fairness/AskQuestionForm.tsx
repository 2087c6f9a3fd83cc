import { useState, type FormEvent } from 'react';
import { MAX_QUESTION_CHARS, QUESTION_EVENTS } from '../../../shared/schema/questions.js';
import type { NoteTarget } from '../../board/noteTargets.js';
import { useWallContext } from '../../board/WallContext.js';
import type { SendCommand } from '../../net/socket.js';
import { TextArea } from '../TextArea.js';

interface AskQuestionFormProps {
  targets: NoteTarget[];
  sendCommand: SendCommand;
  isConnected: boolean;
  onAsked(): void;
}

/** A supplier asks the council a question, privately: only officers see it until it is answered to all. */
export function AskQuestionForm({ targets, sendCommand, isConnected, onAsked }: AskQuestionFormProps) {
  const { announce } = useWallContext();
  const [question, setQuestion] = useState('');
  const [targetId, setTargetId] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [isSending, setSending] = useState(false);

  async function handleSubmit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (isSending) return;
    if (question.trim() === '') return setError('Enter your question');
    if (question.length > MAX_QUESTION_CHARS) return setError(`Your question must be ${MAX_QUESTION_CHARS.toLocaleString('en-GB')} characters or fewer`);
    setSending(true);
    const answer = await sendCommand(QUESTION_EVENTS.ask, targetId === '' ? { question } : { question, targetId });
    setSending(false);
    if (!answer.ok) return setError(answer.error.message);
    setError(undefined);
    setQuestion('');
    announce('Your question was sent to the council. Everyone will see the answer.');
    onAsked();
  }

  return (
    <form className="ask-question" noValidate onSubmit={(event) => void handleSubmit(event)} data-testid="ask-question">
      <h3 className="heading-m">Ask the council a question</h3>
      <div className="form-group">
        <label className="label" htmlFor="question-target">
          What is it about? (optional)
        </label>
        <select className="select" id="question-target" value={targetId} onChange={(event) => setTargetId(event.target.value)}>
          <option value="">The board as a whole</option>
          {targets.map((target) => (
            <option key={target.id} value={target.id}>
              {target.group}: {target.label}
            </option>
          ))}
        </select>
      </div>
      <TextArea
        id="question-text"
        label="Your question"
        hint={`Only the council’s officers see who asked. Up to ${MAX_QUESTION_CHARS.toLocaleString('en-GB')} characters.`}
        value={question}
        onChange={setQuestion}
        error={error}
        rows={3}
      />
      <button type="submit" className="button wall-button" disabled={!isConnected} aria-busy={isSending || undefined}>
        Send question to the council
      </button>
    </form>
  );
}

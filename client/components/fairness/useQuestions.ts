import { useCallback, useEffect, useState } from 'react';
import { QUESTION_EVENTS, type QuestionView } from '../../../shared/schema/questions.js';
import type { SendCommand } from '../../net/socket.js';

/** How often officers' queue asks again for new questions (a question is not broadcast to anyone). */
const QUEUE_REFRESH_MS = 10_000;

/**
 * The questions this viewer may see, over socket.io (`questions-list`): all of them for officers (the
 * queue), their own for a supplier. Asked again on `reloadKey` changes (an answer published), after
 * asking or answering, and for officers every QUEUE_REFRESH_MS.
 */
export function useQuestions(sendCommand: SendCommand, isOfficer: boolean, isConnected: boolean, reloadKey: number) {
  const [questions, setQuestions] = useState<QuestionView[] | null>(null);
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);

  useEffect(() => {
    if (!isConnected) return;
    let isCurrent = true;
    void sendCommand(QUESTION_EVENTS.list, {}).then((answer) => {
      if (isCurrent && answer.ok) setQuestions(answer.questions as QuestionView[]);
    });
    return () => {
      isCurrent = false;
    };
  }, [sendCommand, isConnected, reloadKey, generation]);

  useEffect(() => {
    if (!isOfficer || !isConnected) return;
    const timer = setInterval(reload, QUEUE_REFRESH_MS);
    return () => clearInterval(timer);
  }, [isOfficer, isConnected, reload]);

  return { questions, reload };
}

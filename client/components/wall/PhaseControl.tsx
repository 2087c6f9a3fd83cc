import { useId, useState } from 'react';
import { BOARD_PHASE_ORDER, type BoardPhase } from '../../../shared/schema/briefMeta.js';
import { NEXT_STEP_LABELS, PHASE_LABELS } from '../../board/phaseMessages.js';
import type { SendCommand } from '../../net/socket.js';

interface PhaseControlProps {
  phase: BoardPhase;
  sendCommand: SendCommand;
  /** Says the outcome to screen reader users (the phase change itself is announced to everyone). */
  announce(text: string): void;
}

/**
 * The officer's phase control: a button for the usual next step, and a select to move to any phase
 * (back to draft, straight to closed). The server decides (`phase-set`); a refusal is shown here.
 */
export function PhaseControl({ phase, sendCommand, announce }: PhaseControlProps) {
  const selectId = useId();
  const errorId = useId();
  const [chosen, setChosen] = useState<BoardPhase>(phase);
  const [error, setError] = useState<string | null>(null);
  const [isSending, setIsSending] = useState(false);
  const nextIndex = BOARD_PHASE_ORDER.indexOf(phase) + 1;
  const next = BOARD_PHASE_ORDER[nextIndex];
  const nextLabel = NEXT_STEP_LABELS[phase];

  async function change(to: BoardPhase): Promise<void> {
    if (to === phase) {
      setError(`The board is already “${PHASE_LABELS[to]}”.`);
      return;
    }
    setIsSending(true);
    setError(null);
    const answer = await sendCommand('phase-set', { phase: to });
    setIsSending(false);
    if (!answer.ok) {
      setError(answer.error.message);
      announce(`The phase was not changed: ${answer.error.message}`);
    }
  }

  return (
    <div className="phase-control" data-testid="phase-control">
      {next !== undefined && nextLabel !== null && (
        <button type="button" className="button wall-button" disabled={isSending} onClick={() => void change(next)} data-testid="phase-next">
          {nextLabel}
        </button>
      )}
      <div className={error === null ? 'form-group phase-control__any' : 'form-group form-group--error phase-control__any'}>
        <label className="label label--s" htmlFor={selectId}>
          Move the board to
        </label>
        {error !== null && (
          <p className="error-message" id={errorId}>
            <span className="visually-hidden">Error:</span> {error}
          </p>
        )}
        <div className="phase-control__row">
          <select
            className={error === null ? 'select' : 'select select--error'}
            id={selectId}
            value={chosen}
            onChange={(event) => setChosen(event.target.value as BoardPhase)}
            aria-describedby={error === null ? undefined : errorId}
          >
            {BOARD_PHASE_ORDER.map((option) => (
              <option key={option} value={option}>
                {PHASE_LABELS[option]}
              </option>
            ))}
          </select>
          <button type="button" className="button button--secondary wall-button" disabled={isSending} onClick={() => void change(chosen)}>
            Change phase
          </button>
        </div>
      </div>
    </div>
  );
}

import { useState } from 'react';
import { ANONYMITY_SET_EVENT } from '../../../shared/schema/anonymity.js';
import { useAnonymityView } from '../../board/AnonymityContext.js';
import { useWallContext } from '../../board/WallContext.js';
import type { SendCommand } from '../../net/socket.js';

interface AnonymityPanelProps {
  sendCommand: SendCommand;
  /** The officer may change the board now (an open board, connected). */
  canChange: boolean;
}

/**
 * Anonymous mode on the wall. Officers get the switch with what it does; everyone else a one-line notice
 * while the board is anonymous. The server decides: the switch sends `anonymity-set` and shows what the
 * brief says, so it moves only once the server has changed the mode.
 */
export function AnonymityPanel({ sendCommand, canChange }: AnonymityPanelProps) {
  const { isAnonymous, isOfficer } = useAnonymityView();
  if (!isOfficer) {
    if (!isAnonymous) return null;
    return (
      <div className="inset-text wall-notice" data-testid="anonymous-notice">
        <p className="body">This board is anonymous. Other participants do not see who wrote each idea; the council’s officers do.</p>
      </div>
    );
  }
  return <AnonymitySwitch isAnonymous={isAnonymous} sendCommand={sendCommand} canChange={canChange} />;
}

function AnonymitySwitch({ isAnonymous, sendCommand, canChange }: { isAnonymous: boolean } & AnonymityPanelProps) {
  const { announce } = useWallContext();
  const [isSending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function handleChange(anonymous: boolean): Promise<void> {
    // Not disabled while sending: a disabled box loses keyboard focus. A second press waits for the first.
    if (isSending) return;
    setSending(true);
    setFailure(null);
    const answer = await sendCommand(ANONYMITY_SET_EVENT, { anonymous });
    setSending(false);
    if (!answer.ok) return setFailure(`The setting was not changed. ${answer.error.message}`);
    announce(anonymous ? 'Ideas are now anonymous to suppliers' : 'Suppliers can now see who wrote each idea');
  }

  const errorId = 'anonymous-mode-error';
  return (
    <div className="anonymity-panel" data-testid="anonymity-setting" data-anonymous={isAnonymous ? 'true' : 'false'}>
      <div className={failure === null ? 'form-group' : 'form-group form-group--error'}>
        {failure !== null && (
          <p className="error-message" id={errorId}>
            <span className="visually-hidden">Error:</span> {failure}
          </p>
        )}
        <div className="checkboxes">
          <div className="checkboxes__item">
            <input
              className="checkboxes__input"
              id="anonymous-mode"
              type="checkbox"
              checked={isAnonymous}
              disabled={!canChange}
              aria-busy={isSending || undefined}
              onChange={(event) => void handleChange(event.target.checked)}
              aria-describedby={failure === null ? 'anonymous-mode-hint' : `anonymous-mode-hint ${errorId}`}
            />
            <label className="checkboxes__label" htmlFor="anonymous-mode">
              Anonymous ideas
            </label>
            <div className="hint checkboxes__hint" id="anonymous-mode-hint">
              Suppliers will not see who wrote each idea. Officers still will.
              {isAnonymous && ' Turning this off shows every supplier’s name on their ideas again, including ideas posted while it was on.'}
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}

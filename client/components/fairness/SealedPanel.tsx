import { useCallback, useState } from 'react';
import type * as Y from 'yjs';
import { readSealed, SEALED_SET_EVENT } from '../../../shared/schema/sealed.js';
import { useDocSnapshot } from '../../board/useDocSnapshot.js';
import { useWallContext } from '../../board/WallContext.js';
import type { SendCommand } from '../../net/socket.js';

interface SealedPanelProps {
  briefDoc: Y.Doc | null;
  isOfficer: boolean;
  sendCommand: SendCommand;
  /** The officer may change the board now (an open board, connected). */
  canChange: boolean;
}

/**
 * "Hide ideas until reveal" (issue 13). Officers get the switch and, while it is on, "Reveal ideas";
 * everyone else a notice while ideas are sealed. The server decides (the publisher holds the ideas), so the
 * panel shows what the brief says, which changes only once the server has acted.
 */
export function SealedPanel({ briefDoc, isOfficer, sendCommand, canChange }: SealedPanelProps) {
  const isSealed = useDocSnapshot(briefDoc, readSealed, false);
  const { announce } = useWallContext();
  const [isSending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const send = useCallback(
    async (sealed: boolean) => {
      if (isSending) return;
      setSending(true);
      setFailure(null);
      const answer = await sendCommand(SEALED_SET_EVENT, { sealed });
      setSending(false);
      if (!answer.ok) return setFailure(`${sealed ? 'Ideas were not sealed' : 'Ideas were not revealed'}. ${answer.error.message}`);
      announce(sealed ? 'Ideas are now sealed until you reveal them' : 'Every sealed idea is now on the wall for everyone');
    },
    [announce, isSending, sendCommand],
  );

  if (!isOfficer) {
    if (!isSealed) return null;
    return (
      <div className="inset-text wall-notice" data-testid="sealed-notice">
        <p className="body">
          Ideas are sealed. You see only your own ideas until the organiser reveals everyone’s at the same time. Officers can read ideas
          before then.
        </p>
      </div>
    );
  }
  const errorId = 'sealed-ideas-error';
  return (
    <div className="anonymity-panel" data-testid="sealed-setting" data-sealed={isSealed ? 'true' : 'false'}>
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
              id="sealed-ideas"
              type="checkbox"
              checked={isSealed}
              disabled={!canChange || isSealed}
              aria-busy={isSending || undefined}
              onChange={(event) => event.target.checked && void send(true)}
              aria-describedby={failure === null ? 'sealed-ideas-hint' : `sealed-ideas-hint ${errorId}`}
            />
            <label className="checkboxes__label" htmlFor="sealed-ideas">
              Hide ideas until reveal
            </label>
            <div className="hint checkboxes__hint" id="sealed-ideas-hint">
              Each supplier sees only their own ideas until you reveal them all at once. Ideas are not sent to other suppliers’ browsers
              before then.
            </div>
          </div>
        </div>
      </div>
      {isSealed && (
        <button type="button" className="button wall-button" data-testid="reveal-ideas" disabled={!canChange} aria-busy={isSending || undefined} onClick={() => void send(false)}>
          Reveal ideas
        </button>
      )}
    </div>
  );
}

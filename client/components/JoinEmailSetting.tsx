import { useState, type FormEvent } from 'react';
import type { BoardView } from '../../shared/protocol/api.js';
import { ApiError } from '../net/http.js';
import { useSession } from '../session/SessionContext.js';
import { NotificationBanner } from './NotificationBanner.js';

interface JoinEmailSettingProps {
  board: BoardView;
  onSaved(board: BoardView): void;
  onSessionEnded(): void;
}

/**
 * "Ask people for their email when they join" (off by default). With it on, joining needs a valid email
 * address; the address is shown to the board's officers only. It does not prove who someone is: see
 * docs/identity-at-join.md.
 */
export function JoinEmailSetting({ board, onSaved, onSessionEnded }: JoinEmailSettingProps) {
  const { api } = useSession();
  const [isRequired, setRequired] = useState(board.requiresEmail === true);
  const [isSubmitting, setSubmitting] = useState(false);
  const [saved, setSaved] = useState<boolean | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (isSubmitting) return;
    setSubmitting(true);
    setFailure(null);
    try {
      const { board: changed } = await api.updateBoard(board.id, { requiresEmail: isRequired });
      setSaved(changed.requiresEmail === true);
      onSaved(changed);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return onSessionEnded();
      setFailure(error instanceof ApiError ? error.message : 'Sorry, the setting could not be saved. Try again.');
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <section className="section settings-section" aria-labelledby="join-email-heading">
      <h2 className="heading-l" id="join-email-heading">
        Joining
      </h2>
      {saved !== null && (
        <NotificationBanner variant="success">
          <p className="notification-banner__heading">
            {saved ? 'People must now give their email when they join.' : 'People no longer have to give their email when they join.'}
          </p>
        </NotificationBanner>
      )}
      {failure !== null && <p className="body error-message">{failure}</p>}
      <form noValidate onSubmit={(event) => void handleSubmit(event)} className="form-narrow">
        <div className="form-group">
          <div className="checkboxes">
            <div className="checkboxes__item">
              <input
                className="checkboxes__input"
                id="requiresEmail"
                name="requiresEmail"
                type="checkbox"
                checked={isRequired}
                onChange={(event) => setRequired(event.target.checked)}
                aria-describedby="requiresEmail-hint"
              />
              <label className="checkboxes__label" htmlFor="requiresEmail">
                Ask people for their email when they join
              </label>
              <div className="hint checkboxes__hint" id="requiresEmail-hint">
                Joining will need a valid email address. Only this board’s officers see it. It helps you contact people and
                bar someone you remove, but it does not prove who they are: anyone can type an address they do not own.
              </div>
            </div>
          </div>
        </div>
        <button type="submit" className="button" disabled={isSubmitting}>
          Save joining setting
        </button>
      </form>
    </section>
  );
}

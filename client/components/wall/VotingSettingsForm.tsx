import { useId, useState, type FormEvent } from 'react';
import { MAX_VOTE_BUDGET, MIN_VOTE_BUDGET } from '../../../shared/schema/votingSettings.js';
import { useNoteRecords } from '../../board/NoteRecordsContext.js';
import type { SendCommand } from '../../net/socket.js';

/**
 * For officers: the board's voting settings (`voting-settings-set`). The server validates and stores them
 * in the brief; everyone's page follows from there.
 */
export function VotingSettingsForm({ sendCommand }: { sendCommand: SendCommand }) {
  const records = useNoteRecords();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  if (records === null || records.role !== 'officer' || records.phase === 'closed' || records.phase === 'published') return null;
  const { settings, announce } = records;

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const budget = Number(form.get('budget'));
    if (!Number.isInteger(budget) || budget < MIN_VOTE_BUDGET || budget > MAX_VOTE_BUDGET) {
      setError(`Enter a number of votes from ${MIN_VOTE_BUDGET} to ${MAX_VOTE_BUDGET}`);
      return;
    }
    setSaving(true);
    const answer = await sendCommand('voting-settings-set', {
      budget,
      scope: form.get('scope') === 'organisation' ? 'organisation' : 'person',
      hideUntilClosed: form.get('hide') === 'yes',
    });
    setSaving(false);
    if (answer.ok) {
      setError(null);
      announce('Voting settings saved');
    } else setError(answer.error.message);
  }

  return (
    <details className="voting-settings" data-testid="voting-settings">
      <summary>Voting settings</summary>
      <form onSubmit={(event) => void handleSubmit(event)} noValidate key={JSON.stringify(settings)}>
        <div className={`form-group${error ? ' form-group--error' : ''}`}>
          <label className="label" htmlFor={`${id}-budget`}>
            Votes each person or organisation has
          </label>
          {error && (
            <p className="error-message" id={`${id}-error`}>
              <span className="visually-hidden">Error:</span> {error}
            </p>
          )}
          <input
            id={`${id}-budget`}
            name="budget"
            className="input voting-settings__budget"
            type="number"
            inputMode="numeric"
            min={MIN_VOTE_BUDGET}
            max={MAX_VOTE_BUDGET}
            defaultValue={settings.budget}
            aria-describedby={error ? `${id}-error` : undefined}
          />
        </div>
        <fieldset className="fieldset form-group">
          <legend className="fieldset__legend">Who shares a set of votes</legend>
          <div className="voting-settings__options">
            {(
              [
                ['person', 'Each person has their own'],
                ['organisation', 'People from the same organisation share one set'],
              ] as const
            ).map(([value, text]) => (
              <div className="voting-settings__option" key={value}>
                <input id={`${id}-scope-${value}`} type="radio" name="scope" value={value} defaultChecked={settings.scope === value} />
                <label className="label voting-settings__label" htmlFor={`${id}-scope-${value}`}>
                  {text}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <div className="form-group checkboxes"><div className="checkboxes__item">
          <input className="checkboxes__input" id={`${id}-hide`} type="checkbox" name="hide" value="yes" defaultChecked={settings.hideUntilClosed} />
          <label className="label checkboxes__label" htmlFor={`${id}-hide`}>
            Hide vote counts until voting closes
          </label>
        </div></div>
        <button type="submit" className="button button--secondary wall-button" disabled={isSaving}>
          Save voting settings
        </button>
      </form>
    </details>
  );
}

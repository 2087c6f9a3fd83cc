import { useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import { isFinished, type BoardPhase } from '../../../shared/schema/briefMeta.js';
import { readClusterState } from '../../../shared/schema/clusters.js';
import {
  COUNCIL_OUTCOME_LABELS,
  COUNCIL_OUTCOMES,
  MAX_OUTCOME_REASON_CHARS,
  OUTCOME_SET_EVENT,
  readWallOutcomes,
  type CouncilOutcome,
} from '../../../shared/schema/councilOutcomes.js';
import { readWallNotes } from '../../../shared/schema/wall.js';
import { useDocSnapshot } from '../../board/useDocSnapshot.js';
import { useWallContext } from '../../board/WallContext.js';
import { outcomeEmailsUrl } from '../../net/api.js';
import type { SendCommand } from '../../net/socket.js';
import { TextArea } from '../TextArea.js';

interface CouncilAnswersSectionProps {
  boardId: string;
  wallDoc: Y.Doc | null;
  briefDoc: Y.Doc | null;
  phase: BoardPhase;
  isOfficer: boolean;
  sendCommand: SendCommand;
  isConnected: boolean;
}

interface Item {
  value: string;
  kind: 'note' | 'cluster';
  key: string;
  label: string;
}

const NO_ITEMS: Item[] = [];
const NO_OUTCOMES: ReturnType<typeof readWallOutcomes> = new Map();
const NO_NOTES: ReturnType<typeof readWallNotes> = new Map();
const readClusters = (doc: Y.Doc) => [...readClusterState(doc).clustersById.values()];
const NO_CLUSTERS: ReturnType<typeof readClusters> = [];
const TAG_CLASS: Record<CouncilOutcome, string> = { 'taken-forward': 'tag tag--green', 'not-taken-forward': 'tag tag--grey', 'already-in-place': 'tag tag--blue' };

/**
 * "You said, we did" (issue 13): after the event an officer records the council's answer to each idea or
 * group; everyone sees them here (the wall's `outcomes` root). Shown once the board is closed, or as soon
 * as there is an answer.
 */
export function CouncilAnswersSection({ boardId, wallDoc, briefDoc, phase, isOfficer, sendCommand, isConnected }: CouncilAnswersSectionProps) {
  const outcomes = useDocSnapshot(wallDoc, readWallOutcomes, NO_OUTCOMES);
  const notes = useDocSnapshot(wallDoc, readWallNotes, NO_NOTES);
  const clusters = useDocSnapshot(briefDoc, readClusters, NO_CLUSTERS);
  const items: Item[] = [
    ...[...notes].map(([key, note]) => ({ value: `note:${key}`, kind: 'note' as const, key, label: `Idea: ${note.text.slice(0, 80)}` })),
    ...clusters.map((cluster) => ({ value: `cluster:${cluster.id}`, kind: 'cluster' as const, key: cluster.id, label: `Group: ${cluster.title || 'Untitled group'}` })),
  ];
  const itemByValue = new Map((items.length ? items : NO_ITEMS).map((item) => [item.value, item]));
  if (!isFinished(phase) && outcomes.size === 0) return null;
  const answered = [...outcomes.entries()].map(([value, outcome]) => ({ value, outcome, label: itemByValue.get(value)?.label ?? 'An idea no longer on the wall' }));

  return (
    <section className="wall-section council-answers" aria-labelledby="council-answers-heading" data-testid="council-answers">
      <h2 className="heading-l" id="council-answers-heading">
        The council’s answer: you said, we did
      </h2>
      {answered.length === 0 ? (
        <p className="body">The council has not recorded its answer to any idea yet.</p>
      ) : (
        <ul className="list">
          {answered.map(({ value, outcome, label }) => (
            <li key={value} className="council-answers__item" data-testid="council-answer">
              <p className="body break-words">{label}</p>
              <p className="body">
                <strong className={TAG_CLASS[outcome.outcome]}>{COUNCIL_OUTCOME_LABELS[outcome.outcome]}</strong>
                {outcome.reason ? ` ${outcome.reason}` : ''}
              </p>
            </li>
          ))}
        </ul>
      )}
      {isOfficer && isFinished(phase) && (
        <>
          <OutcomeForm items={items} sendCommand={sendCommand} isConnected={isConnected} />
          <p className="body">
            <a className="link" href={outcomeEmailsUrl(boardId)} download>
              Download the answers to send to participants who gave an email (CSV)
            </a>
          </p>
        </>
      )}
    </section>
  );
}

function OutcomeForm({ items, sendCommand, isConnected }: { items: Item[]; sendCommand: SendCommand; isConnected: boolean }) {
  const { announce } = useWallContext();
  const [value, setValue] = useState('');
  const [outcome, setOutcome] = useState<CouncilOutcome | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isSending, setSending] = useState(false);

  async function handleSubmit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const item = items.find((candidate) => candidate.value === value);
    if (!item) return setError('Choose an idea or group');
    if (outcome === null) return setError('Choose what the council did with it');
    if (reason.length > MAX_OUTCOME_REASON_CHARS) return setError(`The reason must be ${MAX_OUTCOME_REASON_CHARS} characters or fewer`);
    if (isSending) return;
    setSending(true);
    const answer = await sendCommand(OUTCOME_SET_EVENT, { kind: item.kind, key: item.key, outcome, reason });
    setSending(false);
    if (!answer.ok) return setError(answer.error.message);
    setError(null);
    setReason('');
    announce(`Recorded: ${COUNCIL_OUTCOME_LABELS[outcome]}`);
  }

  return (
    <form className="outcome-form" noValidate onSubmit={(event) => void handleSubmit(event)} data-testid="outcome-form">
      <h3 className="heading-m">Record the council’s answer</h3>
      {error !== null && (
        <p className="error-message" role="alert">
          <span className="visually-hidden">Error:</span> {error}
        </p>
      )}
      <div className="form-group">
        <label className="label" htmlFor="outcome-item">
          Idea or group
        </label>
        <select className="select" id="outcome-item" value={value} onChange={(event) => setValue(event.target.value)}>
          <option value="">Choose an idea or group</option>
          {items.map((item) => (
            <option key={item.value} value={item.value}>
              {item.label}
            </option>
          ))}
        </select>
      </div>
      <div className="form-group">
        <fieldset className="fieldset">
          <legend className="fieldset__legend fieldset__legend--s">What did the council do with it?</legend>
          <div className="radios radios--small">
            {COUNCIL_OUTCOMES.map((option) => (
              <div className="radios__item" key={option}>
                <input className="radios__input" type="radio" id={`outcome-${option}`} name="outcome" value={option} checked={outcome === option} onChange={() => setOutcome(option)} />
                <label className="radios__label" htmlFor={`outcome-${option}`}>
                  {COUNCIL_OUTCOME_LABELS[option]}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <TextArea id="outcome-reason" label="Reason (optional)" hint={`Up to ${MAX_OUTCOME_REASON_CHARS} characters. Everyone on the board sees it.`} value={reason} onChange={setReason} rows={2} />
      <button type="submit" className="button wall-button" disabled={!isConnected} aria-busy={isSending || undefined}>
        Record answer
      </button>
    </form>
  );
}

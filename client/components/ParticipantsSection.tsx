import { useState } from 'react';
import { MAX_PARTICIPANTS_PER_REMOVAL } from '../../shared/limits.js';
import type { ParticipantView } from '../../shared/protocol/api.js';
import { ApiError } from '../net/http.js';
import { formatDateTime } from '../format/dates.js';
import { useResource } from '../hooks/useResource.js';
import { useSession } from '../session/SessionContext.js';
import { ConfirmButton } from './ConfirmButton.js';
import { InsetText } from './InsetText.js';
import { LoadingMessage } from './LoadingMessage.js';

interface ParticipantsSectionProps {
  boardId: string;
  onSessionEnded(): void;
}

/** Plain words for the rules the server refuses by, for the officer's audit view. */
const RULE_NAMES: Record<string, string> = {
  'read-only-write': 'tried to change something only officers or the server may change',
  'note-too-long': 'note too long',
  'rate-limit': 'adding notes too quickly',
  'not-open-yet': 'notes before the board opened',
  'not-accepting-ideas': 'changes while voting',
  schema: 'note in a form the board does not accept',
  'board-closed': 'changes after the board closed',
  'document-message-flood': 'too many messages at once',
  'draft-too-large': 'too much content',
  'hidden-characters': 'note with hidden characters',
};

/** "Joined" filter choices, in minutes (0: any time). */
const JOINED_WITHIN_MINUTES = [0, 5, 15, 60] as const;

/**
 * Refusals that do not suggest abuse: someone pasting several ideas in a row is held back a moment by the
 * rate rule and their notes go on the wall on their own. Shown apart, as "posted quickly".
 */
const POSTED_QUICKLY_RULE = 'rate-limit';

function describeRefusals(participant: ParticipantView): string {
  return participant.refusals
    .filter((refusal) => refusal.rule !== POSTED_QUICKLY_RULE)
    .map((refusal) => `${RULE_NAMES[refusal.rule] ?? refusal.rule} (${refusal.count})`)
    .join('; ');
}

/** How many times the person's notes waited because they posted quickly (0 when never). */
function postedQuicklyCount(participant: ParticipantView): number {
  return participant.refusals.filter((refusal) => refusal.rule === POSTED_QUICKLY_RULE).reduce((sum, refusal) => sum + refusal.count, 0);
}

/** The link someone joined by, in the words the settings page uses for it. */
function linkLabel(via: ParticipantView['joinedVia']): string {
  if (!via) return 'an invitation link';
  if (via.code) return `event code ${via.code}`;
  const made = via.createdAt ? ` made ${formatDateTime(via.createdAt)}` : '';
  return `${via.role === 'observer' ? 'observer' : 'participant'} link${made}`;
}

function isActive(participant: ParticipantView): boolean {
  return participant.removedAt === null;
}

interface Filter {
  withinMinutes: number;
  linkId: string;
}

function matches(participant: ParticipantView, filter: Filter, now: number): boolean {
  if (filter.withinMinutes > 0 && Date.parse(participant.joinedAt) < now - filter.withinMinutes * 60_000) return false;
  return filter.linkId === '' || participant.joinedVia?.linkId === filter.linkId;
}

/** Every link people joined by, once each, for the "Joined by" filter. */
function linksOf(participants: readonly ParticipantView[]): Array<{ id: string; label: string }> {
  const links = new Map<string, string>();
  for (const participant of participants) {
    if (participant.joinedVia && !links.has(participant.joinedVia.linkId)) {
      links.set(participant.joinedVia.linkId, linkLabel(participant.joinedVia));
    }
  }
  return [...links].map(([id, label]) => ({ id, label }));
}

/**
 * Everyone who joined the board: when, by which link, what the server refused from them (rules and counts,
 * never the content). Officers remove one person or a burst of joins at once (filter, select, "Remove
 * selected"), and let a removed person back in. The page says plainly what removal does and does not stop.
 */
export function ParticipantsSection({ boardId, onSessionEnded }: ParticipantsSectionProps) {
  const { api } = useSession();
  const [participants, reload] = useResource(() => api.listParticipants(boardId), boardId);
  const [filter, setFilter] = useState<Filter>({ withinMinutes: 0, linkId: '' });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [outcome, setOutcome] = useState<string | null>(null);

  async function act(action: () => Promise<string>): Promise<void> {
    try {
      setOutcome(await action());
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return onSessionEnded();
      setOutcome(error instanceof ApiError ? error.message : 'Sorry, that did not work. Try again.');
    }
    setSelected(new Set());
    reload();
  }

  const removeMany = (ids: string[]) =>
    act(async () => {
      const { removed } = await api.removeParticipants(boardId, { participantIds: ids });
      return removed.length === 1 ? '1 person removed.' : `${removed.length} people removed.`;
    });
  const letBackIn = (participant: ParticipantView) =>
    act(async () => {
      await api.letParticipantBackIn(boardId, participant.id);
      return `${participant.name} can join this board again.`;
    });

  const all = participants.status === 'ready' ? participants.data.participants : [];
  const now = Date.now();
  const shown = all.filter((participant) => matches(participant, filter, now));
  const selectable = shown.filter(isActive);
  const chosen = selectable.filter((participant) => selected.has(participant.id)).slice(0, MAX_PARTICIPANTS_PER_REMOVAL);
  const isAllSelected = selectable.length > 0 && selectable.every((participant) => selected.has(participant.id));

  function toggle(participantId: string, isChecked: boolean): void {
    const next = new Set(selected);
    if (isChecked) next.add(participantId);
    else next.delete(participantId);
    setSelected(next);
  }

  return (
    <section className="section settings-section" aria-labelledby="participants-heading">
      <h2 className="heading-l" id="participants-heading">
        People on this board
      </h2>
      <InsetText id="removal-explained">
        <p className="body">
          Removing someone disconnects them at once. It also stops them joining this board again from the same
          browser, or with the same name and organisation (or the same email), until you let them back in.
        </p>
        <p className="body">
          It cannot stop someone who uses another device and gives different details. What they have already posted
          stays on the wall.
        </p>
      </InsetText>
      {participants.status === 'loading' && <LoadingMessage>Loading people…</LoadingMessage>}
      {participants.status === 'failed' && (
        <p className="body">Sorry, we could not load the people on this board. {participants.error.message}</p>
      )}
      {participants.status === 'ready' && all.length === 0 && <p className="body">Nobody has joined yet.</p>}
      {outcome !== null && (
        <p className="body participants__outcome" role="status" data-testid="participants-outcome">
          {outcome}
        </p>
      )}
      {all.length > 0 && (
        <>
          <fieldset className="fieldset participants__filter">
            <legend className="fieldset__legend fieldset__legend--s">Find people who joined at the same time</legend>
            <div className="participants__filter-fields">
              <div className="form-group participants__filter-field">
                <label className="label" htmlFor="participants-joined-within">
                  Joined
                </label>
                <select
                  className="select"
                  id="participants-joined-within"
                  value={filter.withinMinutes}
                  onChange={(event) => setFilter({ ...filter, withinMinutes: Number(event.target.value) })}
                >
                  {JOINED_WITHIN_MINUTES.map((minutes) => (
                    <option key={minutes} value={minutes}>
                      {minutes === 0 ? 'At any time' : `In the last ${minutes === 60 ? 'hour' : `${minutes} minutes`}`}
                    </option>
                  ))}
                </select>
              </div>
              <div className="form-group participants__filter-field">
                <label className="label" htmlFor="participants-joined-by">
                  Joined by
                </label>
                <select
                  className="select"
                  id="participants-joined-by"
                  value={filter.linkId}
                  onChange={(event) => setFilter({ ...filter, linkId: event.target.value })}
                >
                  <option value="">Any link</option>
                  {linksOf(all).map((link) => (
                    <option key={link.id} value={link.id}>
                      {link.label}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          </fieldset>
          <p className="body" aria-live="polite" data-testid="participants-count">
            Showing {shown.length} of {all.length} {all.length === 1 ? 'person' : 'people'}.
          </p>
          {selectable.length > 0 && (
            <div className="participants__bulk">
              <div className="checkboxes__item">
                <input
                  className="checkboxes__input"
                  id="participants-select-all"
                  type="checkbox"
                  checked={isAllSelected}
                  onChange={(event) => setSelected(event.target.checked ? new Set(selectable.map((person) => person.id)) : new Set())}
                />
                <label className="checkboxes__label" htmlFor="participants-select-all">
                  Select all {selectable.length} shown who are still on the board
                </label>
              </div>
              {chosen.length > 0 && (
                <ConfirmButton
                  label={`Remove selected (${chosen.length})`}
                  question={`Remove ${chosen.length === 1 ? '1 person' : `${chosen.length} people`} from this board? They are disconnected at once and cannot join again from the same browser or with the same details until you let them back in.`}
                  confirmLabel={`Yes, remove ${chosen.length === 1 ? 'them' : `all ${chosen.length}`}`}
                  onConfirm={() => removeMany(chosen.map((participant) => participant.id))}
                />
              )}
            </div>
          )}
          <ul className="list participant-list" data-testid="participants">
            {shown.map((participant) => (
              <ParticipantItem
                key={participant.id}
                participant={participant}
                isSelected={selected.has(participant.id)}
                onToggle={(isChecked) => toggle(participant.id, isChecked)}
                onRemove={() => removeMany([participant.id])}
                onLetBackIn={() => letBackIn(participant)}
              />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

interface ParticipantItemProps {
  participant: ParticipantView;
  isSelected: boolean;
  onToggle(isChecked: boolean): void;
  onRemove(): Promise<void>;
  onLetBackIn(): Promise<void>;
}

function ParticipantItem({ participant, isSelected, onToggle, onRemove, onLetBackIn }: ParticipantItemProps) {
  const checkboxId = `participant-${participant.id}`;
  const who = (
    <>
      <strong className="break-words">{participant.name}</strong>, <span className="break-words">{participant.organisation}</span> (
      {participant.role === 'observer' ? 'observer' : 'participant'})
    </>
  );
  return (
    <li className="participant-list__item" data-testid="participant" data-participant-id={participant.id}>
      {isActive(participant) ? (
        <div className="checkboxes__item">
          <input
            className="checkboxes__input"
            id={checkboxId}
            type="checkbox"
            checked={isSelected}
            onChange={(event) => onToggle(event.target.checked)}
          />
          <label className="checkboxes__label" htmlFor={checkboxId}>
            {who}
          </label>
        </div>
      ) : (
        <p className="body">{who}</p>
      )}
      <p className="body participant-list__detail">
        Joined {formatDateTime(participant.joinedAt)} by {linkLabel(participant.joinedVia)}
        {participant.email ? (
          <>
            {' '}
            · <span className="break-words">{participant.email}</span>
          </>
        ) : null}
      </p>
      {describeRefusals(participant) !== '' && (
        <p className="body hint" data-testid="participant-refusals">
          Refused by the server: {describeRefusals(participant)}
        </p>
      )}
      {postedQuicklyCount(participant) > 0 && (
        <p className="body hint" data-testid="participant-posted-quickly">
          Posted quickly: notes waited a few seconds before going on the wall ({postedQuicklyCount(participant)}). This is not a
          problem on its own.
        </p>
      )}
      {participant.removedAt === null ? (
        <ConfirmButton
          label={`Remove ${participant.name}`}
          question={`Remove ${participant.name} from this board? They are disconnected at once and cannot join again from this browser or with the same details until you let them back in. What they have already posted stays.`}
          confirmLabel="Yes, remove them"
          onConfirm={onRemove}
        />
      ) : (
        <>
          <p className="body">
            <strong className="tag tag--red">Removed</strong> {formatDateTime(participant.removedAt)}.{' '}
            {participant.isBarred === false
              ? `Let back in ${participant.letBackInAt ? formatDateTime(participant.letBackInAt) : ''}: they can join again.`
              : 'Barred from joining again until you let them back in.'}
          </p>
          {participant.isBarred !== false && (
            <ConfirmButton
              label={`Let ${participant.name} back in`}
              question={`Let ${participant.name} join this board again? Their browser and details will no longer be barred. They will need to join again by a link.`}
              confirmLabel="Yes, let them back in"
              variant="primary"
              onConfirm={onLetBackIn}
            />
          )}
        </>
      )}
    </li>
  );
}

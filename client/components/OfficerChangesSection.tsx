import { useEffect } from 'react';
import type { OfficerChangeView } from '../../shared/protocol/api.js';
import { formatDateTime } from '../format/dates.js';
import { useResource } from '../hooks/useResource.js';
import { useSession } from '../session/SessionContext.js';
import { LoadingMessage } from './LoadingMessage.js';

interface OfficerChangesSectionProps {
  boardId: string;
  /** Changes whenever the officers change, so the table is read again. */
  version: number;
}

function nameOf(name: string): string {
  return name === '' ? 'An account that no longer exists' : name;
}

/** One audit row in plain words. */
export function describeOfficerChange(change: OfficerChangeView): string {
  const actor = nameOf(change.actor.name);
  const subject = change.subject.kind === 'account' ? nameOf(change.subject.name) : change.subject.email || 'an email address';
  switch (change.action) {
    case 'invited':
      return `${actor} invited ${subject} to be an officer`;
    case 'invitation-withdrawn':
      return `${actor} withdrew the invitation to ${subject}`;
    case 'invitation-accepted':
      return `${actor} accepted the invitation sent to ${subject} and became an officer`;
    case 'invitation-declined':
      return `${actor} declined the invitation sent to ${subject}`;
    case 'officer-removed':
      return `${actor} removed ${subject} as an officer`;
    case 'officer-left':
      return `${actor} left the board`;
  }
}

/** "Officer changes": the audit of who was invited, accepted, declined, was removed or left, newest first. */
export function OfficerChangesSection({ boardId, version }: OfficerChangesSectionProps) {
  const { api } = useSession();
  const [changes, reload] = useResource(() => api.listOfficerChanges(boardId), boardId);
  // Read again after each change, keeping the table on screen meanwhile.
  useEffect(() => {
    if (version > 0) reload();
  }, [version, reload]);

  return (
    <section className="section settings-section" aria-labelledby="officer-changes-heading">
      <h2 className="heading-l" id="officer-changes-heading">
        Officer changes
      </h2>
      <p className="body">Every change to who runs this board is recorded here. Only officers of this board can see it.</p>
      {changes.status === 'loading' && <LoadingMessage>Loading officer changes…</LoadingMessage>}
      {changes.status === 'failed' && <p className="body">Sorry, we could not load the officer changes. {changes.error.message}</p>}
      {changes.status === 'ready' && changes.data.changes.length === 0 && <p className="body">No changes yet.</p>}
      {changes.status === 'ready' && changes.data.changes.length > 0 && (
        <table className="table" data-testid="officer-changes">
          <caption className="table__caption visually-hidden">Officer changes, newest first</caption>
          <thead className="table__head">
            <tr className="table__row">
              <th scope="col" className="table__header">
                When
              </th>
              <th scope="col" className="table__header">
                Change
              </th>
            </tr>
          </thead>
          <tbody className="table__body">
            {[...changes.data.changes].reverse().map((change, index) => (
              <tr key={`${change.at}-${index}`} className="table__row">
                <td className="table__cell table__cell--date">{formatDateTime(change.at)}</td>
                <td className="table__cell break-words">{describeOfficerChange(change)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

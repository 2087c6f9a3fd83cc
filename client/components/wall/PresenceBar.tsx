import type { PersonRole } from '../../../shared/protocol/api.js';
import { isAnonymousPresenceId } from '../../../shared/schema/anonymity.js';
import type { PresentPerson } from '../../board/presence.js';
import { Avatar } from './Avatar.js';

const ROLE_LABELS: Record<PersonRole, string> = {
  officer: 'Council officer',
  participant: 'Participant',
  observer: 'Observer',
};

/** People shown as avatars before the rest go into "and N more" (an event may have hundreds). */
export const MAX_AVATARS = 12;

interface PresenceBarProps {
  me: PresentPerson;
  others: readonly PresentPerson[];
}

/** Officers may carry their role as their organisation: say it once. */
function hasOwnOrganisation(person: PresentPerson): boolean {
  const organisation = person.organisation.trim().toLowerCase();
  return organisation !== '' && organisation !== ROLE_LABELS[person.role].toLowerCase();
}

function PersonItem({ person, isMe }: { person: PresentPerson; isMe: boolean }) {
  return (
    <li className="presence__person">
      <Avatar name={person.name} role={person.role} />
      <span className="presence__details">
        <span className="presence__name">
          {person.name}
          {isMe && ' (you)'}
        </span>
        {hasOwnOrganisation(person) && <span className="presence__organisation">{person.organisation}</span>}
        {/* The role comes from the server's presence stamp, never from the name; an officer's is a badge. */}
        {/* Anonymous mode: the server sends "Participant" as the name, so the role is not said twice. */}
        {!isAnonymousPresenceId(person.id) && <span className={person.role === 'officer' ? 'presence__role tag tag--officer' : 'presence__role'}>{ROLE_LABELS[person.role]}</span>}
      </span>
    </li>
  );
}

/**
 * Who is here now: "N people here", then each person's initials, name, organisation and role. On a
 * phone only the initials show; the names stay for screen readers.
 */
export function PresenceBar({ me, others }: PresenceBarProps) {
  const count = others.length + 1;
  const shown = others.slice(0, MAX_AVATARS - 1);
  const rest = others.slice(MAX_AVATARS - 1);
  return (
    <div className="presence" data-testid="presence">
      <p className="presence__count">{count === 1 ? '1 person here' : `${count} people here`}</p>
      <ul className="presence__list">
        <PersonItem person={me} isMe />
        {shown.map((person) => (
          <PersonItem key={person.id} person={person} isMe={false} />
        ))}
      </ul>
      {rest.length > 0 && (
        <details className="presence__more">
          <summary className="presence__more-summary">and {rest.length} more</summary>
          <ul className="presence__list presence__list--all">
            {rest.map((person) => (
              <PersonItem key={person.id} person={person} isMe={false} />
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

import { useContext, useState } from 'react';
import type { PersonRole } from '../../../shared/protocol/api.js';
import { isAnonymousPresenceId } from '../../../shared/schema/anonymity.js';
import type { PresentPerson } from '../../board/presence.js';
import { peopleHereText, typingSummary } from '../../board/presenceSummary.js';
import { useIsNarrowScreen } from '../../board/useIsNarrowScreen.js';
import { WallContext } from '../../board/WallContext.js';
import { Avatar } from './Avatar.js';

const ROLE_LABELS: Record<PersonRole, string> = {
  officer: 'Council officer',
  participant: 'Participant',
  observer: 'Observer',
};

/** Up to this many people, the officer's list starts open (not on a phone); a bigger room starts with the summary only. */
export const LIST_OPEN_UP_TO = 12;

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
 * Who is here, summarised so it fits a hall of 200 (issue 14): "42 people here · 3 typing in Stage 2".
 * Officers can open the list of everyone (a details element, open to start with in a small room);
 * participants and observers see the count only, as on the room screen.
 */
export function PresenceBar({ me, others }: PresenceBarProps) {
  const wall = useContext(WallContext);
  const isOfficer = me.role === 'officer';
  const count = others.length + 1;
  // Open or closed by the room's size (closed on a phone, where it would push the wall down) until the
  // officer chooses (a click or Enter on the summary).
  const isNarrow = useIsNarrowScreen();
  const [chosenOpen, setChosenOpen] = useState<boolean | null>(null);
  const isListOpen = chosenOpen ?? (!isNarrow && count <= LIST_OPEN_UP_TO);
  const typing = wall === null ? null : typingSummary(wall.typingByTarget, (id) => wall.targets.find((target) => target.id === id)?.label ?? null);
  return (
    <div className="presence" data-testid="presence">
      <p className="presence__summary">
        <span className="presence__count">{peopleHereText(count)}</span>
        {typing !== null && (
          <>
            <span aria-hidden="true"> · </span>
            <span className="presence__typing" data-testid="presence-typing">
              {typing}
            </span>
          </>
        )}
      </p>
      {isOfficer && (
        <details className="presence__more" open={isListOpen}>
          <summary
            className="presence__more-summary"
            onClick={(event) => {
              // React draws the details open or closed from state, so the browser's own toggle is not used.
              event.preventDefault();
              setChosenOpen(!isListOpen);
            }}
          >{isListOpen ? 'Hide who is here' : 'Show who is here'}</summary>
          <ul className="presence__list presence__list--all">
            <PersonItem person={me} isMe />
            {others.map((person) => (
              <PersonItem key={person.id} person={person} isMe={false} />
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

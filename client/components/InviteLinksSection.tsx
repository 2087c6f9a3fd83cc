import { useState } from 'react';
import type { InviteLinkView, InviteRole } from '../../shared/protocol/api.js';
import { CreateInviteLinkForm } from './CreateInviteLinkForm.js';
import { InsetText } from './InsetText.js';
import { InviteLinkCard } from './InviteLinkCard.js';

interface InviteLinksSectionProps {
  boardId: string;
  role: InviteRole;
  links: readonly InviteLinkView[];
  isArchived: boolean;
  onLinksChanged(): void;
  onSessionEnded(): void;
}

const COPY: Record<InviteRole, { heading: string; intro: string; empty: string }> = {
  participant: {
    heading: 'Invite suppliers and participants',
    intro:
      'People with a participant link, or its event code, can join the board and post ideas. Show the event code and QR code on the screen at your event, or send the link to people taking part remotely.',
    empty: 'There are no participant links yet.',
  },
  observer: {
    heading: 'Observers (read-only)',
    intro:
      'Observers can read only: they see the wall live, but cannot add notes, votes, reactions or comments. Use an observer link for the room screen or for colleagues who want to watch.',
    empty: 'There are no observer links yet.',
  },
};

/** Active links first, then newest first. */
function ordered(links: readonly InviteLinkView[]): InviteLinkView[] {
  return [...links].sort(
    (a, b) => Number(b.status === 'active') - Number(a.status === 'active') || Date.parse(b.createdAt) - Date.parse(a.createdAt),
  );
}

export function InviteLinksSection({ boardId, role, links, isArchived, onLinksChanged, onSessionEnded }: InviteLinksSectionProps) {
  const [changedLinkId, setChangedLinkId] = useState<string | null>(null);
  const copy = COPY[role];
  const headingId = `${role}-links-heading`;

  function handleChanged(link: InviteLinkView): void {
    setChangedLinkId(link.id);
    onLinksChanged();
  }

  return (
    <section className="section settings-section" aria-labelledby={headingId}>
      <h2 className="heading-l" id={headingId}>
        {copy.heading}
      </h2>
      <p className="body">{copy.intro}</p>
      {isArchived ? (
        <InsetText>This board is archived, so its links do not work. Restore the board to create new links.</InsetText>
      ) : (
        <CreateInviteLinkForm boardId={boardId} role={role} onCreated={handleChanged} onSessionEnded={onSessionEnded} />
      )}
      {links.length === 0 ? (
        <p className="body">{copy.empty}</p>
      ) : (
        <ul className="list invite-link-list">
          {ordered(links).map((link) => (
            <InviteLinkCard
              key={link.id}
              boardId={boardId}
              link={link}
              isJustChanged={link.id === changedLinkId}
              onRevoked={handleChanged}
              onSessionEnded={onSessionEnded}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

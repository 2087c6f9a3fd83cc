import { ANONYMOUS_AUTHOR_LABEL, OWN_NOTE_AUTHOR_LABEL } from '../../../shared/schema/anonymity.js';
import type { AnonymityView } from '../../board/AnonymityContext.js';
import { useAnonymityView } from '../../board/AnonymityContext.js';
import type { LaneNote } from '../../board/laneNotes.js';
import { authorIdOfKey } from '../../board/useAnonymity.js';

/**
 * True when this note's author line follows anonymous mode: a participant's note on an anonymous board.
 * Officers' notes keep their name and "Council officer" badge (the server keeps officers on the wall).
 */
export function isShownAnonymously(note: LaneNote, view: AnonymityView): boolean {
  return view.isAnonymous && note.authorRole !== 'officer';
}

/**
 * The author line of a participant's note on an anonymous board. The wall carries no participant's name
 * in this mode (the server does not send it), so there is nothing to hide here: a participant sees
 * "Anonymous" (and "You" on their own note); an officer sees the name from the officer-only participants
 * list, with a tag saying suppliers do not see it.
 */
export function AnonymousAuthorLine({ note }: { note: LaneNote }) {
  const view = useAnonymityView();
  if (note.isMine) return <p className="note__author">{OWN_NOTE_AUTHOR_LABEL}</p>;
  if (!view.isOfficer) return <p className="note__author">{ANONYMOUS_AUTHOR_LABEL}</p>;
  const authorId = authorIdOfKey(note.key);
  const author = authorId === null ? undefined : view.officerNames?.get(authorId);
  const name = author ? [author.name.trim(), author.organisation.trim()].filter(Boolean).join(', ') : 'Author not known yet';
  return (
    <p className="note__author">
      {name}{' '}
      <strong className="tag tag--grey note__hidden-author" data-testid="author-hidden-tag">
        Not shown to suppliers
      </strong>
    </p>
  );
}

import { memo, useEffect, useState } from 'react';
import { NOTE_COLOUR_DETAILS } from '../../../shared/schema/colours.js';
import type { LaneNote } from '../../board/laneNotes.js';

/** How long a new note keeps its highlight (the animation itself is off under prefers-reduced-motion). */
const HIGHLIGHT_MS = 4000;

/**
 * One note in big type: its text and, when the wall carries it (never in anonymous mode), its author.
 * The colour is named for assistive technology only. A note that arrives while the screen is open is
 * highlighted for a few seconds.
 */
export const RoomNote = memo(function RoomNote({ note, isNew }: { note: LaneNote; isNew: boolean }) {
  const [isHighlighted, setHighlighted] = useState(isNew);
  useEffect(() => {
    if (!isHighlighted) return;
    const timer = window.setTimeout(() => setHighlighted(false), HIGHLIGHT_MS);
    return () => window.clearTimeout(timer);
  }, [isHighlighted]);
  const author = note.authorName.trim();
  const organisation = note.authorOrganisation.trim();
  return (
    <li
      className={`room-note note-colour--${note.colour}${isHighlighted ? ' room-note--new' : ''}`}
      data-testid="room-note"
      data-note-key={note.key}
      data-new={isHighlighted ? 'true' : undefined}
    >
      <p className="room-note__text multiline">{note.text}</p>
      {author !== '' && (
        <p className="room-note__author">
          {author}
          {organisation !== '' && organisation.toLowerCase() !== 'council officer' ? `, ${organisation}` : ''}
          {note.authorRole === 'officer' && <strong className="tag tag--officer room-note__badge">Council officer</strong>}
        </p>
      )}
      <p className="visually-hidden">Colour: {NOTE_COLOUR_DETAILS[note.colour].name}</p>
    </li>
  );
});

import { memo, useEffect, useRef, useState } from 'react';
import { NOTE_COLOUR_DETAILS } from '../../../shared/schema/colours.js';
import type { LaneNote } from '../../board/laneNotes.js';
import type { NoteStateView } from '../../board/noteStates.js';
import { MyNoteActions } from './MyNoteActions.js';
import { NoteStateTag } from './NoteStateTag.js';

interface NoteCardProps {
  note: LaneNote;
  /** The state of my note; undefined for other people's notes. */
  stateView: NoteStateView | undefined;
  /** Take focus when mounted (the note was just moved here). */
  isFocusedFirst: boolean;
}

function authorLine(note: LaneNote): string {
  const name = note.authorName.trim() || 'Unknown author';
  const organisation = note.authorOrganisation.trim();
  const isOfficer = note.authorRole === 'officer';
  // The server stamps officers' organisation as their role: say it once.
  const hasOrganisation = organisation !== '' && !(isOfficer && organisation.toLowerCase() === 'council officer');
  const who = hasOrganisation ? `${name}, ${organisation}` : name;
  return isOfficer ? `${who} (council officer)` : who;
}

/**
 * One sticky note: its text, author and colour (named, not only shown), and for my own notes "Your
 * note", its state, and what I can do with it.
 */
export const NoteCard = memo(function NoteCard({ note, stateView, isFocusedFirst }: NoteCardProps) {
  const cardRef = useRef<HTMLLIElement>(null);
  const [isEditing, setEditing] = useState(false);
  const state = note.isMine ? (stateView?.state ?? 'published') : 'published';

  useEffect(() => {
    if (isFocusedFirst) cardRef.current?.focus();
  }, [isFocusedFirst]);

  return (
    <li
      className={`note note-colour--${note.colour}${note.isMine ? ' note--mine' : ''}`}
      data-testid="note"
      data-note-key={note.key}
      data-note-state={state}
      data-mine={note.isMine ? 'true' : 'false'}
      tabIndex={-1}
      ref={cardRef}
    >
      {!isEditing && <p className="note__text multiline">{note.text}</p>}
      <p className="note__author">{authorLine(note)}</p>
      <p className="note__meta">
        <span className="note__colour">
          <span className="visually-hidden">Colour: </span>
          {NOTE_COLOUR_DETAILS[note.colour].name}
        </span>
        {note.isMine && <strong className="note__mine">Your note</strong>}
      </p>
      {note.isMine && stateView !== undefined && (
        <p className="note__status">
          <NoteStateTag view={stateView} />
        </p>
      )}
      {note.draft !== null && <MyNoteActions note={note.draft} pageKey={note.key} isEditing={isEditing} onEditingChange={setEditing} />}
    </li>
  );
});

import { memo, useEffect, useRef, useState } from 'react';
import { NOTE_COLOUR_DETAILS } from '../../../shared/schema/colours.js';
import { useGrouping } from '../../board/GroupingContext.js';
import type { LaneNote } from '../../board/laneNotes.js';
import { startNoteDrag } from '../../board/noteDrag.js';
import { NOTE_SORTS } from '../../board/noteSort.js';
import { useWallContext } from '../../board/WallContext.js';
import { ClusterNoteTools } from './ClusterNoteTools.js';
import type { NoteStateView } from '../../board/noteStates.js';
import type { WallKey } from '../../../shared/schema/wall.js';
import { HideNoteAction } from './HideNoteAction.js';
import { useAnonymityView } from '../../board/AnonymityContext.js';
import { AnonymousAuthorLine, isShownAnonymously } from './AnonymousAuthorLine.js';
import { MyNoteActions } from './MyNoteActions.js';
import { NoteEngagement } from './NoteEngagement.js';
import { NoteStateTag } from './NoteStateTag.js';

interface NoteCardProps {
  note: LaneNote;
  /** The state of my note; undefined for other people's notes. */
  stateView: NoteStateView | undefined;
  /** Take focus when mounted (the note was just moved here). */
  isFocusedFirst: boolean;
  /** The problem or stage whose groups this note is shown among: adds "Move to group" and dragging for officers. */
  groupTargetId?: string;
}

function authorName(note: LaneNote): string {
  const name = note.authorName.trim() || 'Unknown author';
  const organisation = note.authorOrganisation.trim();
  // The server stamps officers' organisation as their role: say it once.
  const hasOrganisation = organisation !== '' && !(note.authorRole === 'officer' && organisation.toLowerCase() === 'council officer');
  return hasOrganisation ? `${name}, ${organisation}` : name;
}

/**
 * The author, and for officers a badge drawn from the role the server stamped on the wall, never from the
 * name (participants cannot use officer words in names either: issue 10, item 4): a solid "Council officer"
 * tag that no plain-text name can look like, read aloud as "Name Council officer".
 */
function AuthorLine({ note }: { note: LaneNote }) {
  return (
    <p className="note__author">
      {authorName(note)}
      {note.authorRole === 'officer' && (
        <>
          {' '}
          <strong className="tag tag--officer note__officer-badge" data-testid="officer-badge">
            Council officer
          </strong>
        </>
      )}
    </p>
  );
}

/**
 * One sticky note: its text, author and colour (named to assistive technology, not printed), and for my own
 * notes "Your note", its state, and what I can do with it (one "Options" menu).
 */
export const NoteCard = memo(function NoteCard({ note, stateView, isFocusedFirst, groupTargetId }: NoteCardProps) {
  const cardRef = useRef<HTMLLIElement>(null);
  const [isEditing, setEditing] = useState(false);
  const { canEditBrief } = useWallContext();
  const { sort } = useGrouping();
  // Officers drag notes between the groups shown under headings (issue 12); "Move to group" does the same by keyboard.
  const isDraggable = groupTargetId !== undefined && canEditBrief && NOTE_SORTS[sort].isGrouped && !isEditing;
  const state = note.isMine ? (stateView?.state ?? 'published') : 'published';
  const { personId } = useWallContext();
  // My notes are keyed by their draft id on the page; on the wall by `<personId>:<noteId>`.
  const wallKey = (note.draft !== null ? `${personId}:${note.draft.noteId}` : note.key) as WallKey;
  const anonymity = useAnonymityView();

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
      draggable={isDraggable || undefined}
      onDragStart={isDraggable && groupTargetId !== undefined ? (event) => startNoteDrag(event, { wallKey: note.wallKey, targetId: groupTargetId }) : undefined}
    >
      {!isEditing && <p className="note__text multiline">{note.text}</p>}
      {isShownAnonymously(note, anonymity) ? <AnonymousAuthorLine note={note} /> : <AuthorLine note={note} />}
      {/* Colour is a choice, not noise (issue 14): shown by the card, named only for assistive technology. */}
      <p className="note__meta">
        <span className="visually-hidden">Colour: {NOTE_COLOUR_DETAILS[note.colour].name}. </span>
        {note.isMine && <strong className="note__mine">Your note</strong>}
        {note.isMine && stateView !== undefined && (
          <span className="note__status">
            <NoteStateTag view={stateView} />
          </span>
        )}
      </p>
      {groupTargetId !== undefined && !isEditing && <ClusterNoteTools note={note} targetId={groupTargetId} />}
      {note.draft !== null && <MyNoteActions note={note.draft} pageKey={note.key} isEditing={isEditing} onEditingChange={setEditing} />}
      {!isEditing && <NoteEngagement noteKey={wallKey} noteText={note.text} />}
      {!note.isMine && <HideNoteAction noteKey={note.key} authorName={authorName(note)} />}
    </li>
  );
});

import type { LaneNote } from '../../board/laneNotes.js';
import { useWallContext } from '../../board/WallContext.js';
import { NoteCard } from './NoteCard.js';

/** The sticky notes of one problem or stage, oldest first. */
export function NoteList({ notes, emptyText }: { notes: readonly LaneNote[]; emptyText: string }) {
  const { noteStates, focusNoteKey } = useWallContext();
  if (notes.length === 0) return <p className="body-s note-list__empty">{emptyText}</p>;
  return (
    <ul className="note-list">
      {notes.map((note) => (
        <NoteCard
          key={note.key}
          note={note}
          stateView={note.draft === null ? undefined : noteStates.get(note.draft.noteId)}
          isFocusedFirst={focusNoteKey === note.key}
        />
      ))}
    </ul>
  );
}

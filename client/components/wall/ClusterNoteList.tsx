import type { LaneNote } from '../../board/laneNotes.js';
import { useWallContext } from '../../board/WallContext.js';
import { NoteCard } from './NoteCard.js';

/** The notes of one group (or of a whole lane when sorted), each with its grouping tools. */
export function ClusterNoteList({ notes, targetId, emptyText }: { notes: readonly LaneNote[]; targetId: string; emptyText: string }) {
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
          groupTargetId={targetId}
        />
      ))}
    </ul>
  );
}

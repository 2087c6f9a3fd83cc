import { useEffect, useRef, useState } from 'react';
import type { LaneNote } from '../../board/laneNotes.js';
import { NOTES_SHOWN_AT_FIRST, nextStepCount, noteWindow } from '../../board/noteWindow.js';
import { useWallContext } from '../../board/WallContext.js';
import { NoteCard } from './NoteCard.js';
import { ShowMoreNotes } from './ShowMoreNotes.js';

interface ClusterNoteListProps {
  notes: readonly LaneNote[];
  targetId: string;
  emptyText: string;
  /** Names the list in "Show more notes" for screen readers, e.g. "problem statement: Late buses". */
  listLabel: string;
}

/**
 * The notes of one group (or of a whole lane when sorted), each with its grouping tools: the first few,
 * then "Show more notes" (`noteWindow.ts`: a big board must not mount every card at once).
 */
export function ClusterNoteList({ notes, targetId, emptyText, listLabel }: ClusterNoteListProps) {
  const { noteStates, focusNoteKey } = useWallContext();
  const [limit, setLimit] = useState(NOTES_SHOWN_AT_FIRST);
  const listRef = useRef<HTMLUListElement>(null);
  // After "Show more notes", focus goes to the first note it revealed, so keyboard users read on from there.
  const revealedKeyRef = useRef<string | null>(null);
  const { shown, hiddenCount } = noteWindow(notes, limit, (note) => note.isMine || note.key === focusNoteKey);

  useEffect(() => {
    const key = revealedKeyRef.current;
    if (key === null) return;
    revealedKeyRef.current = null;
    listRef.current?.querySelector<HTMLElement>(`[data-note-key="${CSS.escape(key)}"]`)?.focus();
  }, [limit]);

  if (notes.length === 0) return <p className="body-s note-list__empty">{emptyText}</p>;

  function showMore(): void {
    const shownKeys = new Set(shown.map((note) => note.key));
    revealedKeyRef.current = notes.slice(limit).find((note) => !shownKeys.has(note.key))?.key ?? null;
    setLimit(limit + nextStepCount(hiddenCount));
  }

  return (
    <>
      <ul className="note-list" ref={listRef}>
        {shown.map((note) => (
          <NoteCard
            key={note.key}
            note={note}
            stateView={note.draft === null ? undefined : noteStates.get(note.draft.noteId)}
            isFocusedFirst={focusNoteKey === note.key}
            groupTargetId={targetId}
          />
        ))}
      </ul>
      {hiddenCount > 0 && <ShowMoreNotes shownCount={shown.length} totalCount={notes.length} listLabel={listLabel} onShowMore={showMore} />}
    </>
  );
}

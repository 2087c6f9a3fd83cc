import { useCallback, useState } from 'react';
import { DEFAULT_NOTE_SORT, isNoteSortId, type NoteSortId } from './noteSort.js';

/** Remembered per board in this browser only: a viewing preference, not the board's state. */
function storageKeyFor(boardId: string): string {
  return `open-ideas-wall:note-sort:${boardId}`;
}

function readStored(boardId: string): NoteSortId {
  try {
    const stored = window.localStorage.getItem(storageKeyFor(boardId));
    return isNoteSortId(stored) ? stored : DEFAULT_NOTE_SORT;
  } catch {
    // reason: storage can be disabled (private mode, policy); the default order still works
    return DEFAULT_NOTE_SORT;
  }
}

/** The sort chosen for this board's wall in this browser, and a setter that remembers it. */
export function useNoteSort(boardId: string): [NoteSortId, (sort: NoteSortId) => void] {
  const [sort, setSortState] = useState<NoteSortId>(() => readStored(boardId));
  const setSort = useCallback(
    (next: NoteSortId) => {
      setSortState(next);
      try {
        window.localStorage.setItem(storageKeyFor(boardId), next);
      } catch {
        // reason: not remembered when storage is unavailable; the choice still applies on this page
      }
    },
    [boardId],
  );
  return [sort, setSort];
}

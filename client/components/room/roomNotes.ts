/**
 * What the room screen shows of the wall's notes, and how big: only notes that are on the wall for
 * everyone (the viewer's own waiting or refused drafts stay off the projector), a text scale that shrinks
 * as the wall fills (CSS keeps a floor), and which notes arrived while the screen was watching.
 */
import { useCallback, useEffect, useRef } from 'react';
import type { LaneNote } from '../../board/laneNotes.js';
import type { NoteStateView } from '../../board/noteStates.js';

export function roomNotesByTarget(
  notesByTarget: ReadonlyMap<string, LaneNote[]>,
  noteStates: ReadonlyMap<string, NoteStateView>,
): Map<string, LaneNote[]> {
  const shown = new Map<string, LaneNote[]>();
  for (const [targetId, notes] of notesByTarget) {
    shown.set(
      targetId,
      notes.filter((note) => note.draft === null || noteStates.get(note.draft.noteId)?.state === 'published'),
    );
  }
  return shown;
}

/**
 * How full the wall is, for the CSS to scale the text down as notes arrive (never below its floor):
 * no inline styles (the Content-Security-Policy refuses them), so a data attribute picks the size.
 */
export type RoomDensity = 'few' | 'some' | 'many' | 'full';

export function roomDensity(noteCount: number): RoomDensity {
  if (noteCount <= 12) return 'few';
  if (noteCount <= 24) return 'some';
  if (noteCount <= 40) return 'many';
  return 'full';
}

/** Columns per row for a section of `lanes` problems or stages (the CSS knows 1 to 6; more wrap). */
export function roomColumns(lanes: number): number {
  return Math.min(Math.max(lanes, 1), 6);
}

/**
 * `isArrival()` is true for notes first seen after the wall had loaded: they get the brief highlight.
 * Notes on the wall when the screen opened are not "new".
 */
export function useArrivalWatch(isLoaded: boolean): () => boolean {
  const loadedRef = useRef(false);
  useEffect(() => {
    if (!isLoaded) return;
    // After the first render with the loaded wall: everything mounted from now on has just arrived.
    const timer = window.setTimeout(() => {
      loadedRef.current = true;
    }, 0);
    return () => window.clearTimeout(timer);
  }, [isLoaded]);
  return useCallback(() => loadedRef.current, []);
}

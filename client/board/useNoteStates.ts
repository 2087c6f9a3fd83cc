import { useMemo } from 'react';
import type { NoteStatusPayload } from '../../shared/protocol/socketEvents.js';
import type { WallState } from '../../shared/schema/wall.js';
import { myWallNotes } from './laneNotes.js';
import type { MyNote } from './myNotes.js';
import { noteStatesOf, type NoteStateView } from './noteStates.js';

/** The state of each of the author's notes (waiting, published, not published), by note id. */
export function useNoteStates(
  myNotes: readonly MyNote[],
  wall: WallState,
  personId: string,
  noteStatus: NoteStatusPayload | null,
): Map<string, NoteStateView> {
  return useMemo(() => noteStatesOf(myNotes, myWallNotes(wall, personId), noteStatus), [myNotes, wall, personId, noteStatus]);
}

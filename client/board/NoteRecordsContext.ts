/**
 * Votes, reactions and comments for every note card, provided once by `WallView` (`useNoteRecords`), so
 * note cards do not pass them down by hand.
 */
import { createContext, useContext } from 'react';
import type * as Y from 'yjs';
import type { RecordOutcome } from '../../shared/publisher/recordOutcome.js';
import type { BoardPhase } from '../../shared/schema/briefMeta.js';
import type { VotingSettings } from '../../shared/schema/votingSettings.js';
import type { MyRecords, MyVoteBudget, WallRecords } from './noteRecords.js';

export interface NoteRecordsValue {
  phase: BoardPhase;
  settings: VotingSettings;
  wall: WallRecords;
  mine: MyRecords;
  budget: MyVoteBudget;
  /** What the server said about my votes, reactions and comments. */
  outcomes: readonly RecordOutcome[];
  /** My draft, when I may write (null for observers and before it loads). */
  draftDoc: Y.Doc | null;
  role: 'officer' | 'participant' | 'observer';
  personId: string;
  announce(text: string): void;
}

export const NoteRecordsContext = createContext<NoteRecordsValue | null>(null);

/** The records context, or null outside a wall (e.g. a note shown on its own). */
export function useNoteRecords(): NoteRecordsValue | null {
  return useContext(NoteRecordsContext);
}

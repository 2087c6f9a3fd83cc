import { useMemo } from 'react';
import type * as Y from 'yjs';
import type { RecordOutcome } from '../../shared/publisher/recordOutcome.js';
import type { BoardPhase } from '../../shared/schema/briefMeta.js';
import { readVotingSettings, DEFAULT_VOTING_SETTINGS, type VotingSettings } from '../../shared/schema/votingSettings.js';
import { EMPTY_MY_RECORDS, EMPTY_WALL_RECORDS, myVoteBudget, readMyRecords, readWallRecords } from './noteRecords.js';
import type { NoteRecordsValue } from './NoteRecordsContext.js';
import { useDocSnapshot } from './useDocSnapshot.js';

const NO_OUTCOMES: RecordOutcome[] = [];

/** Builds the value of `NoteRecordsContext` from the board's documents and the latest note status. */
export function useNoteRecordsModel(options: {
  briefDoc: Y.Doc | null;
  wallDoc: Y.Doc | null;
  draftDoc: Y.Doc | null;
  phase: BoardPhase;
  outcomes: readonly RecordOutcome[] | undefined;
  role: NoteRecordsValue['role'];
  personId: string;
  announce(text: string): void;
}): NoteRecordsValue {
  const settings = useDocSnapshot<VotingSettings>(options.briefDoc, readVotingSettings, DEFAULT_VOTING_SETTINGS);
  const wall = useDocSnapshot(options.wallDoc, readWallRecords, EMPTY_WALL_RECORDS);
  const mine = useDocSnapshot(options.draftDoc, readMyRecords, EMPTY_MY_RECORDS);
  const outcomes = options.outcomes ?? NO_OUTCOMES;
  const { phase, draftDoc, role, personId, announce } = options;
  return useMemo(
    () => ({ phase, settings, wall, mine, budget: myVoteBudget(mine, wall, settings, outcomes), outcomes, draftDoc, role, personId, announce }),
    [phase, settings, wall, mine, outcomes, draftDoc, role, personId, announce],
  );
}

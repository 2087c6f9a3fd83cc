/**
 * The export's view of the wall's `tallies` (the owner's reader: `shared/schema/wallTallies.ts`): every
 * count present, absent ones as 0. `votes` is absent while the board hides votes (see `votingSettings.ts`).
 */
import type * as Y from 'yjs';
import { readWallTallies } from '../../../shared/schema/wallTallies.js';

/** One note's counts (absent on the wall = 0). */
export interface TallyInput {
  votes: number;
  plusOne: number;
  question: number;
  doneThis: number;
}

/** Every note's tally, by wall key. */
export function readTallies(wall: Y.Doc): Map<string, TallyInput> {
  const tallies = new Map<string, TallyInput>();
  for (const [key, tally] of readWallTallies(wall)) {
    tallies.set(key, { votes: tally.votes ?? 0, plusOne: tally.plusOne ?? 0, question: tally.question ?? 0, doneThis: tally.doneThis ?? 0 });
  }
  return tallies;
}

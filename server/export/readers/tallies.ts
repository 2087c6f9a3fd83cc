/**
 * STAND-IN READER (export helper, issue 12): the votes helper owns `shared/schema/wallTallies.ts`. Until it
 * is merged, the export reads the documented shape of the wall's `tallies` root here, defensively.
 * At merge: replace with the owner's reader. Shape (DESIGN12):
 * `Y.Map<wallKey, { votes?: number, plusOne?: number, question?: number, doneThis?: number }>`: a count of
 * zero is absent, and so is `votes` while the board hides votes (see `votingSettings.ts`, which says which).
 */
import type * as Y from 'yjs';
import { parseWallKey } from '../../../shared/schema/wall.js';

/** One note's counts (absent on the wall = 0). */
export interface TallyInput {
  votes: number;
  plusOne: number;
  question: number;
  doneThis: number;
}

const TALLIES_ROOT = 'tallies';

/** Every note's tally, by wall key. A count that is absent or not a non-negative whole number reads as 0. */
export function readTallies(wall: Y.Doc): Map<string, TallyInput> {
  const tallies = new Map<string, TallyInput>();
  wall.getMap<unknown>(TALLIES_ROOT).forEach((value, wallKey) => {
    if (!parseWallKey(wallKey) || typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    tallies.set(wallKey, {
      votes: isCount(record.votes) ? record.votes : 0,
      plusOne: isCount(record.plusOne) ? record.plusOne : 0,
      question: isCount(record.question) ? record.question : 0,
      doneThis: isCount(record.doneThis) ? record.doneThis : 0,
    });
  });
  return tallies;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/**
 * STAND-IN READER (export helper, issue 12): the votes helper owns `shared/schema/wallTallies.ts`. Until it
 * is merged, the export reads the documented shape of the wall's `tallies` root here, defensively.
 * At merge: replace with the owner's reader. Shape (DESIGN12):
 * `Y.Map<wallKey, { votes?: number, plusOne?: number, question?: number, doneThis?: number }>`
 * (`votes` absent while votes are hidden until voting closes).
 */
import type * as Y from 'yjs';
import { parseWallKey } from '../../../shared/schema/wall.js';

/** One note's counts; `votes` is null while the wall does not show them (hidden until voting closes). */
export interface TallyInput {
  votes: number | null;
  plusOne: number;
  question: number;
  doneThis: number;
}

const TALLIES_ROOT = 'tallies';

/** Every note's tally, by wall key. A count that is not a non-negative whole number reads as 0 (votes: null). */
export function readTallies(wall: Y.Doc): Map<string, TallyInput> {
  const tallies = new Map<string, TallyInput>();
  wall.getMap<unknown>(TALLIES_ROOT).forEach((value, wallKey) => {
    if (!parseWallKey(wallKey) || typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    tallies.set(wallKey, {
      votes: isCount(record.votes) ? record.votes : null,
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

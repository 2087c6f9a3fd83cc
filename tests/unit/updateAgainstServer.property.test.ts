import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkUpdateDecodesExactly, hasMissingDependencies, updateCarriesNothingNew, wouldNestTooDeep } from '../../server/yjs/updateChecks.js';
import { applyToCopy, candidateUpdates, play, stepArbitrary } from './fixtures/randomHistories.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 500);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

describe('the update checks agree with applying to a copy (random honest histories)', () => {
  it('[update-checks:property] every honest update decodes exactly and is shallow; missing dependencies and "nothing new" match reality', () => {
    let sawPending = 0;
    let sawNothingNew = 0;
    let sawNew = 0;
    fc.assert(
      fc.property(fc.array(stepArbitrary, { maxLength: 40 }), fc.array(fc.nat(), { minLength: 2, maxLength: 2 }), (steps, picks) => {
        const history = play(steps);
        for (const update of candidateUpdates(history, picks)) {
          expect(checkUpdateDecodesExactly(update)).toEqual({ ok: true });
          expect(wouldNestTooDeep(history.server, update)).toBe(false);
          const truth = applyToCopy(history.server, update);
          expect(hasMissingDependencies(history.server, update)).toBe(truth.pending);
          const nothingNew = updateCarriesNothingNew(history.server, update);
          expect(nothingNew).toBe(!truth.changed);
          expect(nothingNew).toBe(Y.snapshotContainsUpdate(Y.snapshot(history.server), update));
          if (truth.pending) sawPending += 1;
          if (nothingNew) sawNothingNew += 1;
          else sawNew += 1;
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // The generator must reach every case, or the property proves little.
    expect(sawPending).toBeGreaterThan(0);
    expect(sawNothingNew).toBeGreaterThan(0);
    expect(sawNew).toBeGreaterThan(0);
  });
});

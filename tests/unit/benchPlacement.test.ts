/**
 * The bench's small-room rules (issue 15): which cores the server and the simulated clients get, and how
 * long a run warms up before it measures. Pure decisions; `benchHarness.test.ts` runs them for real.
 */
import { describe, expect, it } from 'vitest';
import { parsePlacementMode, placementFor, SMALL_ROOM_MAX_N } from '../load/cpuPlacement.js';
import { defaultWarmUpMs } from '../load/liveWorkshop.js';

describe('the bench’s placement of server and clients on cores', () => {
  it('gives a small room’s server core 0 and its clients every other core', () => {
    expect(placementFor(50, 'auto', 2)).toEqual({ serverCpus: '0', clientCpus: '1' });
    expect(placementFor(SMALL_ROOM_MAX_N, 'auto', 8)).toEqual({ serverCpus: '0', clientCpus: '1-7' });
  });

  it('lets a big room’s clients use every core, as they need them', () => {
    expect(placementFor(SMALL_ROOM_MAX_N + 1, 'auto', 2)).toBeNull();
    expect(placementFor(1_000, 'auto', 16)).toBeNull();
  });

  it('does as asked, but never pins on a single core', () => {
    expect(placementFor(1_000, 'own-core', 2)).toEqual({ serverCpus: '0', clientCpus: '1' });
    expect(placementFor(50, 'shared', 2)).toBeNull();
    expect(placementFor(50, 'own-core', 1)).toBeNull();
  });

  it('reads --cores, and refuses anything else with the choices', () => {
    expect(parsePlacementMode('own-core')).toBe('own-core');
    expect(() => parsePlacementMode('0')).toThrow(/auto, own-core, shared/);
  });
});

describe('the bench’s warm-up', () => {
  it('is one note interval for a small room and none for a big one', () => {
    expect(defaultWarmUpMs(50, 5_000)).toBe(5_000);
    expect(defaultWarmUpMs(SMALL_ROOM_MAX_N + 1, 5_000)).toBe(0);
  });
});

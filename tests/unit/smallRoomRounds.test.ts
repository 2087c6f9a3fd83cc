/**
 * The bench's verdict on a small room over several rounds (issue 15, goal "N = 50"): pure decisions;
 * `benchHarness.test.ts` runs the bench itself.
 */
import { describe, expect, it } from 'vitest';
import { parseRounds, serverOrderForRound, smallRoomVerdict } from '../load/smallRoomRounds.js';

describe('the order of the servers in each round', () => {
  it('starts each round with the next server, so each runs first once in as many rounds as servers', () => {
    const servers = ['ours', 'hocuspocus', 'y-websocket'];
    expect(serverOrderForRound(servers, 1)).toEqual(['ours', 'hocuspocus', 'y-websocket']);
    expect(serverOrderForRound(servers, 2)).toEqual(['hocuspocus', 'y-websocket', 'ours']);
    expect(serverOrderForRound(servers, 3)).toEqual(['y-websocket', 'ours', 'hocuspocus']);
    expect(serverOrderForRound(servers, 4)).toEqual(servers);
    expect(serverOrderForRound([], 2)).toEqual([]);
  });
});

describe('--rounds', () => {
  it('takes a whole number of rounds and refuses anything else, naming the flag', () => {
    expect(parseRounds(undefined, 3)).toBe(3);
    expect(parseRounds('5', 3)).toBe(5);
    for (const bad of ['0', '2.5', 'x', '21', '-1']) expect(() => parseRounds(bad, 3)).toThrow(/--rounds/);
  });
});

describe('the verdict over rounds', () => {
  const round = (number: number, p50: number | null, p99: number | null) => ({ round: number, p50, p99 });

  it('judges on the medians, not on one noisy round', () => {
    // Round 2 alone would say "worse" (p99 10 against 8); the medians say no worse.
    const verdict = smallRoomVerdict(
      [round(1, 3.4, 8.8), round(2, 3.5, 10), round(3, 3.2, 9)],
      [round(1, 3.6, 9.7), round(2, 3.3, 8), round(3, 3.5, 10.7)],
    );
    expect(verdict).toEqual({ rounds: 3, ours: { p50: 3.4, p99: 9 }, theirs: { p50: 3.5, p99: 9.7 }, roundsNoWorse: 2, isMet: true });
  });

  it('says not met when either median is worse', () => {
    const slowerTail = smallRoomVerdict([round(1, 3, 11), round(2, 3, 12)], [round(1, 3.1, 9), round(2, 3.2, 10)]);
    expect(slowerTail).toMatchObject({ isMet: false, roundsNoWorse: 0, ours: { p99: 11 }, theirs: { p99: 9 } });
    const slowerMedian = smallRoomVerdict([round(1, 4, 8)], [round(1, 3.9, 9)]);
    expect(slowerMedian?.isMet).toBe(false);
  });

  it('pairs rounds by number and leaves out a round either side has no figures for', () => {
    const verdict = smallRoomVerdict(
      [round(1, 3, 9), round(2, null, null), round(3, 3, 9)],
      [round(3, 4, 10), round(1, 4, 10), round(2, 4, 10)],
    );
    expect(verdict).toMatchObject({ rounds: 2, roundsNoWorse: 2, isMet: true });
    expect(smallRoomVerdict([round(1, null, null)], [round(1, 3, 9)])).toBeNull();
    expect(smallRoomVerdict([round(1, 3, 9)], [round(2, 3, 9)])).toBeNull();
  });
});

/**
 * Small rooms measured in rounds (issue 15, goal "N = 50: note p50 and p99 no worse than Hocuspocus's").
 *
 * One 20 s run at N = 50 has about 200 notes in its window, and each note reaches every reader at nearly
 * the same moment, so the run's p99 is set by its two or three slowest notes: two runs of the same build
 * differ by up to 3 ms (BENCHMARKS.md, "Issue 15, 2026-12-06, later"), more than the difference the goal
 * asks about. A single run's verdict at parity is a coin toss. So the bench runs a small room several
 * times, the servers taking turns (each round starts with the next server, so none always runs first),
 * and judges on the median of each server's rounds; it also says in how many rounds ours was no worse.
 */
import { median } from './stats.js';

/** Rounds for each small room (N ≤ SMALL_ROOM_MAX_N) unless `--rounds` says otherwise. */
export const DEFAULT_SMALL_ROOM_ROUNDS = 3;
/** Most rounds `--rounds` accepts (each is a full run of every server). */
export const MAX_SMALL_ROOM_ROUNDS = 20;

/** The servers in the order they run in `round` (1-based): the list turned by one place each round. */
export function serverOrderForRound<T>(servers: readonly T[], round: number): T[] {
  if (servers.length === 0) return [];
  const shift = (round - 1) % servers.length;
  return [...servers.slice(shift), ...servers.slice(0, shift)];
}

/** `--rounds` as a whole number of rounds, or a message naming the flag. */
export function parseRounds(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const rounds = Number(text);
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > MAX_SMALL_ROOM_ROUNDS) {
    throw new Error(`--rounds: ${text} is not a whole number from 1 to ${MAX_SMALL_ROOM_ROUNDS}`);
  }
  return rounds;
}

/** One server's note latency in one round, ms (null: nothing was delivered). */
export interface RoundLatency {
  round: number;
  p50: number | null;
  p99: number | null;
}

export interface SmallRoomVerdict {
  /** Rounds both servers completed. */
  rounds: number;
  ours: { p50: number; p99: number };
  theirs: { p50: number; p99: number };
  /** Rounds in which ours was no worse at both p50 and p99. */
  roundsNoWorse: number;
  /** Ours no worse than theirs on the median of the rounds (nearest rank, as every median of the bench), at p50 and at p99. */
  isMet: boolean;
}

/**
 * Ours against a reference over the rounds both completed with figures. Null when there is no such round.
 * A round where one side delivered nothing is left out of both medians (it has no latency to compare).
 */
export function smallRoomVerdict(ours: readonly RoundLatency[], theirs: readonly RoundLatency[]): SmallRoomVerdict | null {
  const pairs = ours.flatMap((mine) => {
    const other = theirs.find((candidate) => candidate.round === mine.round);
    if (!other || mine.p50 === null || mine.p99 === null || other.p50 === null || other.p99 === null) return [];
    return [{ ours: { p50: mine.p50, p99: mine.p99 }, theirs: { p50: other.p50, p99: other.p99 } }];
  });
  if (pairs.length === 0) return null;
  const middleOf = (side: 'ours' | 'theirs', key: 'p50' | 'p99') => median(pairs.map((pair) => pair[side][key]))!; // reason: pairs not empty
  const oursMedian = { p50: middleOf('ours', 'p50'), p99: middleOf('ours', 'p99') };
  const theirsMedian = { p50: middleOf('theirs', 'p50'), p99: middleOf('theirs', 'p99') };
  return {
    rounds: pairs.length,
    ours: oursMedian,
    theirs: theirsMedian,
    roundsNoWorse: pairs.filter((pair) => pair.ours.p50 <= pair.theirs.p50 && pair.ours.p99 <= pair.theirs.p99).length,
    isMet: oursMedian.p50 <= theirsMedian.p50 && oursMedian.p99 <= theirsMedian.p99,
  };
}

/**
 * Which of this machine's cores the server under test and the simulated clients run on (issue 15).
 *
 * At a venue the server never shares a processor with its clients: they are phones. On the bench's
 * machine they share two cores, and the kernel then runs a woken client process in the middle of the
 * server's broadcast loop. At N = 50 that made our 50 sends of one note take 1.0–1.2 ms instead of
 * 0.53–0.55 ms (p50; BENCHMARKS.md, "Issue 15, 2026-12-05 late"): the comparison measured the scheduler
 * as much as the servers.
 *
 * So for a small room, where the clients need well under one core, the server gets a core of its own
 * and the clients the others ("own-core"). Above SMALL_ROOM_MAX_N the simulated clients need every core
 * the machine has (N = 1,000: 175 % of two), and everything shares them as before ("shared").
 * Pinning uses `taskset` (util-linux, essential in Debian); where it is missing or refused, the run goes
 * on unpinned and says so.
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/** Largest room whose simulated clients fit in the cores left once the server has one. */
export const SMALL_ROOM_MAX_N = 100;

export type PlacementMode = 'auto' | 'own-core' | 'shared';

export interface CpuPlacement {
  /** `taskset` CPU list of the server process(es), e.g. "0". */
  serverCpus: string;
  /** `taskset` CPU list of the load workers, e.g. "1" or "1-3". */
  clientCpus: string;
}

export function parsePlacementMode(text: string): PlacementMode {
  if (text === 'auto' || text === 'own-core' || text === 'shared') return text;
  throw new Error(`--cores: ${text} is not one of auto, own-core, shared`);
}

/** The placement for a room of `n` (null: everything shares every core). */
export function placementFor(n: number, mode: PlacementMode, cpuCount = availableParallelism()): CpuPlacement | null {
  if (mode === 'shared' || cpuCount < 2) return null;
  if (mode === 'auto' && n > SMALL_ROOM_MAX_N) return null;
  return { serverCpus: '0', clientCpus: cpuCount === 2 ? '1' : `1-${cpuCount - 1}` };
}

/**
 * Pins every thread of process `pid` to `cpus` (threads it starts later inherit it). Returns false when
 * that could not be done (no taskset, no permission, the process gone): the caller reports it.
 */
export function pinProcess(pid: number, cpus: string): boolean {
  try {
    execFileSync('taskset', ['--all-tasks', '--cpu-list', '--pid', cpus, String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

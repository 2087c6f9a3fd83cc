/**
 * The load bench (`npm run bench`, tests/load/) at tiny size, so it cannot rot: our built server as its
 * own process, five participants joined through the real invite flow, each with brief, wall and draft
 * over real websockets, notes and presence for two seconds from a worker process. The same tiny run
 * against both reference servers the bench compares us with (`@y/websocket-server`, `@hocuspocus/server`
 * 4.x), so a new release that changes its API or wire protocol fails here, not in the middle of a bench.
 * Asserts delivery and convergence, never speed. And the scale-out scenario (issue 11) at tiny size: three
 * instances of ours on a fresh PostgreSQL database and redis-server, participants spread round-robin.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltServer } from '../helpers/builtServer.js';
import { availableParallelism } from 'node:os';
import { defaultWarmUpMs, runLiveWorkshop, type LiveResult } from '../load/liveWorkshop.js';
import type { Flavour } from '../load/protocol.js';

function tinyRun(flavour: Flavour, options: { cores?: 'auto'; warmUpMs?: number } = {}): Promise<LiveResult> {
  return runLiveWorkshop({ flavour, n: 5, seconds: 2, noteEveryMs: 1_000, presenceEveryMs: 500, workers: 1, drainMs: 10_000, ...options });
}

/**
 * Live boards travel between instances over the document bus (issue 11, being built): until it exists,
 * people on different instances do not see each other's notes, so the spread run's cross-instance
 * convergence is asserted only once it does (checked by feature, not by a flag someone must remember).
 */
const hasDocumentBus = existsSync(path.resolve('server/cluster/documentBus.ts'));

function expectEveryNoteEverywhere(result: LiveResult): void {
  const n = result.n;
  expect(result.connectFailures).toEqual([]);
  // Two seconds at one note a second each: at least one note per participant.
  expect(result.notesSent).toBeGreaterThanOrEqual(n);
  expect(result.expectedDeliveries).toBe(result.notesSent * (n - 1));
  expect(result.delivered).toBe(result.expectedDeliveries);
  expect(result.noteLatencyMs.samples).toBe(result.expectedDeliveries);
  // Each writer's first note is left out of the later notes' latency: after a warm-up round (one note
  // interval: one note each) every measured note is a later one; without, n first notes are measured.
  const firstNotesMeasured = result.warmUpNotesSent > 0 ? 0 : n;
  expect(result.laterNoteLatencyMs.samples).toBe(result.expectedDeliveries - firstNotesMeasured * (n - 1));
  // The server's own copy (read by a fresh client) holds every note, the warm-up's too, and every client matches it.
  expect(result.serverNotesCount).toBe(result.notesSent + result.warmUpNotesSent);
  expect(result.mismatches).toEqual([]);
  expect(result.converged).toBe(n);
  expect(result.allConverged).toBe(true);
  // Presence travelled too, and the measures the bench reports were taken. Our server sends participants
  // a state when its person arrives and on renewal (every 14 s), so after a warm-up round a 2-second window
  // holds none of ours; the references pass every change on.
  if (result.server !== 'ours' || result.warmUpNotesSent === 0) expect(result.presenceStatesReceived).toBeGreaterThan(0);
  expect(result.perClient.bytesPerSecond).toBeGreaterThan(0);
  expect(result.serverProcess.cpuPercent).not.toBeNull();
}

describe('the load bench harness', () => {
  beforeAll(() => {
    ensureBuiltServer();
  });

  it('runs the live workshop at N=5 against our server: every note reaches every other client and all converge', async () => {
    const result = await tinyRun('ours');
    expectEveryNoteEverywhere(result);
    // Unless asked, measured from the first note, every process on every core.
    expect(result.warmUpNotesSent).toBe(0);
    expect(result.cores).toBeNull();
  }, 60_000);

  it('[#15.bench] runs a small room as `npm run bench` does: one unmeasured round of notes, the server on a core of its own', async () => {
    const result = await tinyRun('ours', { cores: 'auto', warmUpMs: defaultWarmUpMs(5, 1_000) });
    expectEveryNoteEverywhere(result);
    // One note interval before the window: one note from each writer, on the board but in no figure.
    expect(result.warmUpSeconds).toBe(1);
    expect(result.warmUpNotesSent).toBe(5);
    const cpus = availableParallelism();
    if (cpus >= 2) expect(result.cores).toEqual({ server: '0', clients: cpus === 2 ? '1' : `1-${cpus - 1}` });
    else expect(result.cores).toBeNull();
  }, 60_000);

  it('[#15.bench] runs the same tiny workshop against @y/websocket-server: every note delivered, all converge', async () => {
    expectEveryNoteEverywhere(await tinyRun('y-websocket'));
  }, 60_000);

  it('[#15.bench] runs the same tiny workshop against @hocuspocus/server 4.x: every note delivered, all converge', async () => {
    expectEveryNoteEverywhere(await tinyRun('hocuspocus'));
  }, 60_000);

  it(`[#11.bench] spreads a tiny workshop over three instances on PostgreSQL + Redis: each client on its instance${hasDocumentBus ? '; every note everywhere, every instance holds the same board' : ' (cross-instance convergence asserted once server/cluster/documentBus.ts exists)'}`, async () => {
    const result = await runLiveWorkshop({
      flavour: 'ours',
      deployment: { store: 'postgres', instances: 3 },
      n: 6,
      seconds: 2,
      noteEveryMs: 1_000,
      presenceEveryMs: 500,
      workers: 1,
      // Without the bus the notes from other instances never come: do not wait long for them.
      drainMs: hasDocumentBus ? 10_000 : 3_000,
    });
    expect(result.clientsPerInstance).toEqual([2, 2, 2]);
    expect(result.instanceProcesses).toHaveLength(3);
    expect(result.instanceProcesses.every((stats) => stats.cpuPercent !== null)).toBe(true);
    expect(result.instanceCopies.map((copy) => copy.problem)).toEqual([null, null, null]);
    if (hasDocumentBus) {
      expectEveryNoteEverywhere(result);
      expect(result.instanceCopies.every((copy) => copy.matchesFirst && copy.notesCount === result.notesSent + result.warmUpNotesSent)).toBe(true);
    } else {
      // Each instance serves its own two people: every note reaches at least its instance neighbour, and the
      // three instances' copies together hold every note (so no client talked to the wrong instance).
      expect(result.connectFailures).toEqual([]);
      expect(result.notesSent).toBeGreaterThanOrEqual(6);
      expect(result.delivered).toBeGreaterThanOrEqual(result.notesSent);
      expect(result.instanceCopies.reduce((sum, copy) => sum + (copy.notesCount ?? 0), 0)).toBe(result.notesSent + result.warmUpNotesSent);
    }
  }, 60_000);
});

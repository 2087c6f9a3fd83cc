/**
 * The load bench (`npm run bench`, tests/load/) at tiny size, so it cannot rot: our built server as its
 * own process, five participants joined through the real invite flow, each with brief, wall and draft
 * over real websockets, notes and presence for two seconds from a worker process. The same tiny run
 * against both reference servers the bench compares us with (`@y/websocket-server`, `@hocuspocus/server`
 * 4.x), so a new release that changes its API or wire protocol fails here, not in the middle of a bench.
 * Asserts delivery and convergence, never speed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltServer } from '../helpers/builtServer.js';
import { runLiveWorkshop, type LiveResult } from '../load/liveWorkshop.js';
import type { Flavour } from '../load/protocol.js';

function tinyRun(flavour: Flavour): Promise<LiveResult> {
  return runLiveWorkshop({ flavour, n: 5, seconds: 2, noteEveryMs: 1_000, presenceEveryMs: 500, workers: 1, drainMs: 10_000 });
}

function expectEveryNoteEverywhere(result: LiveResult): void {
  expect(result.connectFailures).toEqual([]);
  // Two seconds at one note a second each: at least one note per participant.
  expect(result.notesSent).toBeGreaterThanOrEqual(5);
  expect(result.expectedDeliveries).toBe(result.notesSent * 4);
  expect(result.delivered).toBe(result.expectedDeliveries);
  expect(result.noteLatencyMs.samples).toBe(result.expectedDeliveries);
  // The server's own copy (read by a fresh client) holds every note, and every client matches it.
  expect(result.serverNotesCount).toBe(result.notesSent);
  expect(result.mismatches).toEqual([]);
  expect(result.converged).toBe(5);
  expect(result.allConverged).toBe(true);
  // Presence travelled too, and the measures the bench reports were taken.
  expect(result.presenceStatesReceived).toBeGreaterThan(0);
  expect(result.perClient.bytesPerSecond).toBeGreaterThan(0);
  expect(result.serverProcess.cpuPercent).not.toBeNull();
}

describe('the load bench harness', () => {
  beforeAll(() => {
    ensureBuiltServer();
  });

  it('runs the live workshop at N=5 against our server: every note reaches every other client and all converge', async () => {
    expectEveryNoteEverywhere(await tinyRun('ours'));
  }, 60_000);

  it('[#15.bench] runs the same tiny workshop against @y/websocket-server: every note delivered, all converge', async () => {
    expectEveryNoteEverywhere(await tinyRun('y-websocket'));
  }, 60_000);

  it('[#15.bench] runs the same tiny workshop against @hocuspocus/server 4.x: every note delivered, all converge', async () => {
    expectEveryNoteEverywhere(await tinyRun('hocuspocus'));
  }, 60_000);
});

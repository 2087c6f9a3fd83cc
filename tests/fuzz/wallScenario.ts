/**
 * Runs one scenario of the property test against a real server: a fresh board, its people on stock
 * providers, the actions in order (hostile ones overlapping the honest ones), then the checks of
 * wallChecks.ts once everything has gone quiet. Throws one error listing every problem and the run log.
 */
import type { BrowserClient } from '../helpers/http.js';
import type { TestServer } from '../helpers/startServer.js';
import type { ScenarioSpec } from './wallActions.js';
import { runHostile } from './wallAttacks.js';
import { checkConvergence, checkNoTrace, checkStored, checkWall, quiesce } from './wallChecks.js';
import { runHonest } from './wallHonest.js';
import { allSlots, createWorld, type World } from './wallWorld.js';

/** What the runs exercised, summed over a test (printed at its end, so a too-weak generator shows). */
export const scenarioStats = {
  runs: 0,
  actions: 0,
  outcomes: new Map<string, number>(),
  wallNotes: 0,
  honestResyncs: 0,
};

function count(outcome: string): void {
  scenarioStats.outcomes.set(outcome, (scenarioStats.outcomes.get(outcome) ?? 0) + 1);
}

export function describeStats(): string {
  const outcomes = [...scenarioStats.outcomes].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, value]) => `${key}: ${value}`);
  return `${scenarioStats.runs} runs, ${scenarioStats.actions} actions, ${scenarioStats.wallNotes} wall notes at the ends, ${scenarioStats.honestResyncs} honest 4409 resyncs; attacks ${outcomes.join(', ')}`;
}

/**
 * `injectFault` (for the self-tests of the checks only) changes the server's documents behind its back
 * once the actions are done, as a buggy server would; the checks must then fail.
 */
export async function runScenario(
  server: TestServer,
  officerClient: BrowserClient,
  runId: number,
  spec: ScenarioSpec,
  options: { injectFault?: (world: World) => void | Promise<void> } = {},
): Promise<void> {
  const world = await createWorld(server, officerClient, runId, spec);
  try {
    for (const [index, action] of spec.actions.entries()) {
      const line = action.kind === 'attack' ? await runHostile(world, action, index) : await runHonest(world, action);
      world.log.push(`#${index} ${line}`);
    }
    if (options.injectFault) {
      await quiesce(world);
      await options.injectFault(world);
    }
    const notQuiet = await quiesce(world);
    const problems = [
      ...notQuiet.map((line) => `never quiet: ${line}`),
      ...(await checkConvergence(world)),
      ...(await checkNoTrace(world)),
      ...(await checkWall(world)),
      ...(await checkStored(world)),
    ];
    scenarioStats.runs += 1;
    scenarioStats.actions += spec.actions.length;
    scenarioStats.wallNotes += world.room.wall.doc.getMap('notes').size;
    scenarioStats.honestResyncs += allSlots(world).reduce((total, slot) => total + slot.live.closes.filter((close) => close.code === 4409).length, 0);
    for (const entry of world.hostile) count(`${entry.attack}→${await entry.outcome}`);
    if (problems.length > 0) {
      throw new Error(`run ${runId} on board ${world.boardId}:\n  ${problems.join('\n  ')}\nwhat happened:\n  ${world.log.join('\n  ')}`);
    }
  } finally {
    await world.open.disposeAll();
  }
}

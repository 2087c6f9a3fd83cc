/**
 * Seeded property test (issue 6, THREATS.md A–C): an officer, two or three suppliers and an observer,
 * some on two devices, do random honest things (problems, stages and brief text added, problems and
 * stages removed; notes added, edited, moved, recoloured, made confidential, deleted, empty, at and over
 * the length limit; disconnects, offline edits, reconnects, typing while the socket reopens) while some
 * of them attack (raw writes to the brief, the wall and others' drafts; stock providers whose local copy
 * was edited; forged authors, wall-like records and malformed notes in their own draft; a note reusing
 * someone else's note id; V2 bytes; truncated frames). Afterwards: every copy converged, every attack
 * left no trace and got its documented close, the wall is what the publisher's rules make of the drafts
 * with authors stamped by the server, and the store rebuilds every live document (see wallChecks.ts).
 * The [self-test]s break the server's documents on purpose and check that the checks notice.
 *
 * FUZZ_SEED=<n> replays a seed (FUZZ_SEED=random picks a fresh one, printed); FUZZ_RUNS=<n> sets the runs;
 * FUZZ_SHRINK=1 lets fast-check shrink a failure (slow: every step is a real run). A failure prints the
 * seed, the path and the action list; pin it below as `[regression seed N]` with its action list.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addProblem } from '../../shared/schema/problems.js';
import { WALL_ROOTS } from '../../shared/schema/roots.js';
import type { BrowserClient } from '../helpers/http.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';
import { setUpFirstOfficer } from '../integration/scenario.js';
import { scenarioArbitrary, type ScenarioSpec, type WallAction } from './wallActions.js';
import { describeStats, runScenario } from './wallScenario.js';
import type { World } from './wallWorld.js';

/** The default seed, so `npm test` is repeatable; FUZZ_SEED overrides it. */
const DEFAULT_SEED = 20_260_611;
const SEED = process.env.FUZZ_SEED === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FUZZ_SEED ?? DEFAULT_SEED);
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const SHRINK = process.env.FUZZ_SHRINK === '1';

describe('honest and hostile people on one board, at random (seeded)', () => {
  let server: TestServer;
  let officerClient: BrowserClient;
  let runId = 0;

  beforeAll(async () => {
    server = await startTestServer();
    officerClient = await setUpFirstOfficer(server);
  });

  afterAll(async () => {
    console.info(`property test exercised: ${describeStats()}`);
    await server.remove();
  });

  const run = (spec: ScenarioSpec) => runScenario(server, officerClient, (runId += 1), spec);

  /**
   * Failures found by the property test, pinned: the seed, what went wrong, and the counterexample's action
   * list as fast-check printed it (replaying the list does not depend on the generator staying the same).
   * None so far; the frame fuzz's finding is pinned in regressions.test.ts.
   */
  const REGRESSIONS: Array<{ seed: number; what: string; spec: ScenarioSpec }> = [];
  for (const regression of REGRESSIONS) {
    it(`[regression seed ${regression.seed}] ${regression.what}`, () => run(regression.spec), 60_000);
  }

  it(`[B][property] copies converge, attacks leave no trace, the wall follows the rules (seed ${SEED}, ${RUNS} runs)`, async () => {
    console.info(`property test: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}`);
    await fc.assert(fc.asyncProperty(scenarioArbitrary(), run), {
      seed: SEED,
      numRuns: RUNS,
      endOnFailure: !SHRINK,
      verbose: 1,
      ...(SHRINK ? { interruptAfterTimeLimit: 10 * 60_000 } : {}),
    });
  }, 60_000 + RUNS * 15_000);

  /** A short fixed scenario: notes from both suppliers, one attack on the brief. */
  const SELF_TEST: ScenarioSpec = {
    supplierCount: 2,
    secondDevice: [false, false, false, false],
    actions: [
      { kind: 'add-note', author: 1, device: 0, target: 0, text: 'normal', confidential: false, colour: 0, unknownTarget: false },
      { kind: 'add-note', author: 2, device: 0, target: 1, text: 'normal', confidential: false, colour: 1, unknownTarget: false },
      { kind: 'attack', attack: 'raw-write-brief', actor: 0, victim: 0, variant: 1, asSyncStep2: false },
      { kind: 'pause', ms: 300 },
    ] satisfies WallAction[],
  };
  const failureOf = (injectFault: (world: World) => void) =>
    runScenario(server, officerClient, (runId += 1), SELF_TEST, { injectFault }).then(
      () => 'no failure',
      (error: unknown) => String(error),
    );

  it('[self-test] the fixed scenario of the self-tests passes on the real server', async () => {
    await run(SELF_TEST);
  });

  it('[self-test] the checks catch a hostile write that reached the brief', async () => {
    const failure = await failureOf((world) => void addProblem(world.room.brief.doc, { title: world.hostile[0]!.marker }));
    expect(failure).toMatch(/raw-write-brief .*: marker in the brief/);
  });

  it('[self-test] the checks catch a wall that lost a publishable note', async () => {
    const failure = await failureOf((world) => {
      const notes = world.room.wall.doc.getMap(WALL_ROOTS.notes);
      notes.delete([...notes.keys()][0]!);
    });
    expect(failure).toMatch(/publishable but not on the wall/);
  });

  it('[self-test] the checks catch an author stamped with someone else’s name', async () => {
    const failure = await failureOf((world) => {
      world.room.wall.doc.getMap(WALL_ROOTS.people).set(world.suppliers[0]!.personId, { name: 'Someone else', organisation: 'Acme', role: 'participant' });
    });
    expect(failure).toMatch(/people\[.*Someone else/);
  });
});

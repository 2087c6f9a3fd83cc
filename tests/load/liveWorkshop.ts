/**
 * Scenario 1, the live workshop: N participants on one board; each adds a ~120-character note every
 * 5 s and sends presence twice a second for `seconds`. Measures note and presence propagation latency,
 * delivery, messages and bytes per client, server CPU and memory, and convergence at the end.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { addProblem } from '../../shared/schema/problems.js';
import { createOurBoard, setUpOfficer, joinParticipants, cookieOf } from './ourBoard.js';
import { monotonicMicros, readProfile, summariseProfile, type ProfileSummary } from './cpuProfile.js';
import { placementFor, SMALL_ROOM_MAX_N, type PlacementMode } from './cpuPlacement.js';
import { cpuSeconds, machineCpuSeconds, ProcessSampler, sumProcessStats, type ProcessWindowStats } from './procStats.js';
import type { DocConnection} from './protocol.js';
import { addCounters, connectAndSync, emptyCounters, sharedNow, stateVectorText, type Flavour } from './protocol.js';
import { DEFAULT_DEPLOYMENT, deploymentLabel, startOurCluster, type Deployment } from './ourCluster.js';
import { startServerUnderTest, type ServerUnderTest } from './servers.js';
import { notesDigest, type ClientSpec } from './simClient.js';
import { Histogram, quantileOf, round, type LatencySummary } from './stats.js';
import { LoadWorker, splitRoundRobin } from './workers.js';
import type { FromWorker } from './worker.js';

export interface LiveOptions {
  flavour: Flavour;
  n: number;
  seconds: number;
  noteEveryMs?: number;
  presenceEveryMs?: number;
  noteChars?: number;
  workers?: number;
  /** Longest wait after the last note for every delivery (then convergence is checked anyway). */
  drainMs?: number;
  /** Extra node flags for the server. */
  nodeArgs?: string[];
  /**
   * Ours only: SQLite in one process (the default), or PostgreSQL + Redis with this many instances, the
   * participants spread over them round-robin (the scale-out scenario, issue 11).
   */
  deployment?: Deployment;
  /** Profile the server (`node --cpu-prof`) into this folder and summarise the measured window. */
  profileDir?: string;
  /**
   * Which cores the server and the clients run on (`cpuPlacement.ts`). 'shared' (every process on every
   * core) unless asked: `npm run bench` asks for 'auto'.
   */
  cores?: PlacementMode;
  /**
   * Notes and presence start this long before the measured window, ms; 0 unless asked. `npm run bench`
   * asks for `defaultWarmUpMs`.
   */
  warmUpMs?: number;
  log?: (line: string) => void;
}

/**
 * A small room's run starts with one round of notes that is not measured. Each load worker is a fresh
 * process holding 25 simulated readers, so a note's first deliveries run in V8's interpreter 25 times in
 * a row: over a run's first 50 notes the last reader in a worker got a note 10–18 ms after it was sent,
 * later ones 3–5 ms (BENCHMARKS.md, "Issue 15, 2026-12-05 late"), the same for every server. A phone
 * warms up for its own page only. The round also takes each writer's first-time work on the server out
 * of the window; the table's "without each writer's first note" column showed both effects before.
 * Big rooms are measured from the first note, as before: their runs are about load, and a warm-up round
 * there would add 25 % more notes to clients that are already the limit.
 */
export function defaultWarmUpMs(n: number, noteEveryMs: number): number {
  return n <= SMALL_ROOM_MAX_N ? noteEveryMs : 0;
}

export interface LiveResult {
  scenario: 'live';
  server: Flavour;
  /** Ours: where it kept its data and how many instances served the board. */
  deployment: Deployment;
  n: number;
  seconds: number;
  noteEveryMs: number;
  presenceEveryMs: number;
  noteChars: number;
  /** Notes and presence started this long before the measured window (not measured), s. */
  warmUpSeconds: number;
  /** The cores the server and the load workers were pinned to, or null when they shared every core. */
  cores: { server: string; clients: string } | null;
  setupSeconds: number;
  connectSeconds: number;
  connectFailures: string[];
  notesSent: number;
  /** Notes of the warm-up round (before the window: on the board, not in any figure). */
  warmUpNotesSent: number;
  expectedDeliveries: number;
  delivered: number;
  deliveredPct: number;
  /** Deliveries within 2 s of the end of sending, in % of all expected. */
  deliveredInRunPct: number;
  /** From the end of sending until every note was delivered (or the drain time ran out, or the workers answered). */
  drainSeconds: number;
  noteLatencyMs: LatencySummary;
  /**
   * The same without each writer's first note: in a 20 s run at N = 50 those are a quarter of the notes,
   * and they meet what a server does once per person and code not yet optimised (the first seconds set
   * the p99 of every server, BENCHMARKS.md 2026-12-05 evening).
   */
  laterNoteLatencyMs: LatencySummary;
  presenceLatencyMs: LatencySummary;
  /** Presence states (awareness entries) received by all clients from the start of sending on. */
  presenceStatesReceived: number;
  presenceStatesPerClientPerSecond: number;
  /** Of those, our server's big-board summaries (one state with counts). */
  presenceSummariesReceived: number;
  /** All messages received by all clients in the measured window, per second. */
  messagesPerSecond: number;
  perClient: {
    messagesPerSecond: number;
    bytesPerSecond: number;
    /** Bytes one client received over the measured window: mean and p95 over clients. */
    bytesInWindowMean: number;
    bytesInWindowP95: number | null;
    docBytesPerSecond: number;
    presenceBytesPerSecond: number;
    otherBytesPerSecond: number;
    docMessagesPerSecond: number;
    presenceMessagesPerSecond: number;
    /** What the server wrote to its sockets per second, divided by N (kernel-accepted bytes; a client that does not read caps it). */
    serverSentBytesPerSecond: number | null;
  };
  converged: number;
  allConverged: boolean;
  openAtEnd: number;
  mismatches: unknown[];
  /** Notes in the server's copy (null when it could not be read in time). */
  serverNotesCount: number | null;
  serverCopyProblem: string | null;
  /** The server was still behind after the drain time and was stopped before the final check (so `openAtEnd` is 0). */
  stoppedBeforeFinal: boolean;
  /** The server, or with several instances all of them together (CPU and bytes summed; see `instanceProcesses`). */
  serverProcess: ProcessWindowStats;
  /** Each instance on its own (one entry for a single server). */
  instanceProcesses: ProcessWindowStats[];
  /** Participants connected to each instance (round-robin). */
  clientsPerInstance: number[];
  /**
   * Each instance's copy of the board, read by a fresh client after the drain: notes it holds and whether it
   * matches the first instance's (the copy every client is compared with). One entry for a single server.
   */
  instanceCopies: Array<{ notesCount: number | null; matchesFirst: boolean; problem: string | null }>;
  /** CPU of the load workers over the measured window, % of one core (they share the 2 cores with the server). */
  workersCpuPercent: number;
  /** CPU used by anything else on the machine during the window, % of one core: should be near 0. */
  otherCpuPercent: number | null;
  serverPingRttMs: LatencySummary;
  loadAverageBefore: string;
  /** With `profileDir`: the .cpuprofile written and the summary of the measured window. */
  /** `window`: the measured window in the profile's clock (µs), for `cpuProfile.ts <file> --from --to`. */
  profile?: { file: string; window: { from: number; to: number }; summary: ProfileSummary } | null;
}


export async function runLiveWorkshop(options: LiveOptions): Promise<LiveResult> {
  const log = options.log ?? (() => undefined);
  const noteEveryMs = options.noteEveryMs ?? 5_000;
  const presenceEveryMs = options.presenceEveryMs ?? 500;
  const noteChars = options.noteChars ?? 120;
  const workerCount = Math.min(options.workers ?? 2, options.n);
  const drainMs = options.drainMs ?? 30_000;
  const { flavour, n } = options;
  const warmUpMs = options.warmUpMs ?? 0;
  const deployment = flavour === 'ours' ? (options.deployment ?? DEFAULT_DEPLOYMENT) : DEFAULT_DEPLOYMENT;
  const label = flavour === 'ours' && deployment !== DEFAULT_DEPLOYMENT ? `ours (${deploymentLabel(deployment)})` : flavour;
  const loadAverageBefore = readLoadAverage();

  const setupStarted = sharedNow();
  const profileName = `live-${flavour}-n${n}-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`;
  const nodeArgs = [...(options.nodeArgs ?? [])];
  if (options.profileDir) {
    // One profile file per run: with several instances they would all write the same name.
    if (deployment.instances > 1) throw new Error('profiling is for a single instance');
    nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${options.profileDir}`, `--cpu-prof-name=${profileName}`);
  }
  // Several instances share the machine's cores as before: only a single server gets a core of its own.
  const placement = deployment.instances === 1 ? placementFor(n, options.cores ?? 'shared') : null;
  const cluster =
    deployment.store === 'postgres'
      ? await startOurCluster(deployment.instances, { nodeArgs, cpus: placement?.serverCpus })
      : { servers: [await startServerUnderTest(flavour, { nodeArgs, cpus: placement?.serverCpus })], stop: undefined, remove: undefined };
  const servers = cluster.servers;
  // The first instance: the board is made and the server's copy read through it, and it answers the pinger.
  const server = servers[0]!; // reason: a cluster has at least one instance
  const stopAll = (graceMs: number) => Promise.all(servers.map((instance) => instance.stop(graceMs)));
  let profileWindow: { from: number; to: number } | null = null;
  let result: LiveResult | null = null;
  const samplers = servers.map((instance) => new ProcessSampler(instance.pid));
  for (const sampler of samplers) sampler.start();
  const serversCpu = () => servers.reduce((sum, instance) => sum + (cpuSeconds(instance.pid) ?? 0), 0);
  const workers: LoadWorker[] = [];
  const opened: DocConnection[] = [];
  try {
    const prepared = await prepareBoard(server, flavour, n, opened);
    const { boardId, targetIds, auditorCookie } = prepared;
    // Participant i talks to instance i mod the instance count, as a plain load balancer without sticky
    // sessions would spread them (they joined through the first; sessions live in the shared store).
    const specs = servers.length === 1 ? prepared.specs : prepared.specs.map((spec, index) => ({ ...spec, baseUrl: servers[index % servers.length]!.url })); // reason: modulo keeps it in range
    const clientsPerInstance = servers.map((_, at) => specs.filter((spec, index) => index % servers.length === at).length);
    log(`  ${label} N=${n}: board ready in ${((sharedNow() - setupStarted) / 1000).toFixed(1)} s; connecting ${n} clients`);
    const setupSeconds = (sharedNow() - setupStarted) / 1000;

    for (let index = 0; index < workerCount; index += 1) workers.push(new LoadWorker(index, placement?.clientCpus));
    const isPinned = placement !== null && server.cpus !== null && workers.every((worker) => worker.cpus !== null);
    if (placement && !isPinned) log(`  ${label} N=${n}: could not pin the server and the clients to their cores (taskset): they share every core`);
    const cores = isPinned ? { server: placement.serverCpus, clients: placement.clientCpus } : null;
    const groups = splitRoundRobin(specs, workerCount);
    const connectStarted = sharedNow();
    const connected = await Promise.all(
      workers.map((worker, index) =>
        worker.ask(
          {
            type: 'init',
            flavour,
            baseUrl: server.url,
            boardId,
            targetIds,
            clients: groups[index] ?? [],
            noteChars,
            connectConcurrency: 25,
            connectTimeoutMs: 60_000,
          },
          'connected',
          180_000,
        ),
      ),
    );
    const connectSeconds = (sharedNow() - connectStarted) / 1000;
    const connectFailures = connected.flatMap((answer) => answer.failures);
    log(`  ${label} N=${n}: ${n - connectFailures.length} clients synced in ${connectSeconds.toFixed(1)} s${connectFailures.length ? ` (${connectFailures.length} failed: ${connectFailures[0]})` : ''}`);

    // The server's responsiveness: websocket ping → pong round trips on a quiet connection.
    const pinger = await openPinger(server, flavour, boardId, auditorCookie);
    opened.push(pinger.connection);

    const t0 = sharedNow() + 1_500 + warmUpMs;
    const sendEnd = t0 + options.seconds * 1_000;
    const inRunUntil = sendEnd + 2_000;
    for (const worker of workers) {
      worker.send({ type: 'start', t0, warmUpMs, sendEnd, inRunUntil, noteEveryMs, presenceEveryMs, totalClients: n });
    }
    await sleepUntil(t0);
    for (const sampler of samplers) sampler.markStart();
    const machineBefore = machineCpuSeconds();
    const ownBefore = process.cpuUsage();
    const serverCpuAtStart = serversCpu();
    const workersCpuAtStart = workersCpu(workers);
    const windowFrom = monotonicMicros();
    pinger.start();
    await sleepUntil(sendEnd);
    for (const sampler of samplers) sampler.markEnd();
    profileWindow = { from: windowFrom, to: monotonicMicros() };
    pinger.stop();
    const workersCpuAfter = workersCpu(workers);
    const instanceProcesses = samplers.map((sampler) => sampler.stats());
    const serverStats = instanceProcesses.length === 1 ? instanceProcesses[0]! : sumProcessStats(instanceProcesses); // reason: one sampler per instance
    // Everything else the machine did meanwhile (another test suite, a build): it skews every figure.
    const machineAfter = machineCpuSeconds();
    const ownUsage = process.cpuUsage(ownBefore);
    const windowSeconds = options.seconds;
    const otherCpuPercent =
      machineBefore && machineAfter
        ? ((machineAfter.busy - machineBefore.busy - (serversCpu() - serverCpuAtStart) - (workersCpuAfter - workersCpuAtStart) - (ownUsage.user + ownUsage.system) / 1e6) /
            windowSeconds) *
          100
        : null;
    log(`  ${label} N=${n}: sending done; server CPU ${serverStats.cpuPercent?.toFixed(0)} %; draining`);

    // Drain: wait until every note reached every other client, or the drain time is up. A worker that is
    // behind answers late (its messages queue behind the websocket traffic): that counts against the time.
    const drainDeadline = sendEnd + drainMs;
    for (;;) {
      const remaining = drainDeadline - sharedNow();
      if (remaining <= 0) break;
      let progress: Array<Extract<FromWorker, { type: 'progress' }>>;
      try {
        progress = await Promise.all(workers.map((worker) => worker.ask({ type: 'progress' }, 'progress', remaining + 1_000)));
      } catch {
        break;
      }
      const notesSent = progress.reduce((sum, answer) => sum + answer.notesSent, 0);
      const delivered = progress.reduce((sum, answer) => sum + answer.delivered, 0);
      if (delivered >= notesSent * (n - 1)) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const drainSeconds = (sharedNow() - sendEnd) / 1000;
    log(`  ${label} N=${n}: every note delivered ${drainSeconds.toFixed(1)} s after the end of sending`);

    // The server's copy, read by a fresh client; then every client is compared with it. A server still
    // working through a backlog may not answer in time: then nothing is compared (no client converged).
    // With several instances each one's copy is read, and all must match the first's.
    const copies = await Promise.all(
      servers.map(async (instance) => {
        try {
          return { copy: await readServerCopy(instance, flavour, boardId, auditorCookie, 30_000), problem: null };
        } catch (error) {
          return { copy: null, problem: error instanceof Error ? error.message : String(error) };
        }
      }),
    );
    const expected = copies[0]?.copy ?? null;
    const serverCopyProblem = copies[0]?.problem ?? null;
    if (serverCopyProblem) log(`  ${label} N=${n}: the server's copy could not be read: ${serverCopyProblem}`);
    const instanceCopies = copies.map(({ copy, problem }) => ({
      notesCount: copy?.notesCount ?? null,
      matchesFirst: copy !== null && expected !== null && copy.stateVector === expected.stateVector && copy.notesDigest === expected.notesDigest && copy.briefStateVector === expected.briefStateVector,
      problem,
    }));
    if (servers.length > 1) log(`  ${label} N=${n}: instances hold ${instanceCopies.map((copy) => copy.notesCount ?? '?').join(' / ')} notes; match the first: ${instanceCopies.map((copy) => (copy.matchesFirst ? 'yes' : 'no')).join(' / ')}`);
    const stoppedBeforeFinal = !expected || sharedNow() > drainDeadline;
    if (stoppedBeforeFinal) {
      // Still behind: stop the server so the workers only work through what already reached them (bounded).
      log(`  ${label} N=${n}: still behind after the drain time; stopping the server before the final check`);
      await stopAll(1_000);
    }
    const finals = await Promise.all(workers.map((worker) => worker.ask({ type: 'final', expected }, 'final', 300_000)));
    result = summarise({
      options: { ...options, noteEveryMs, presenceEveryMs, noteChars },
      warmUpMs,
      cores,
      finals,
      setupSeconds,
      connectSeconds,
      connectFailures,
      drainSeconds,
      serverStats,
      deployment,
      instanceProcesses,
      clientsPerInstance,
      instanceCopies,
      serverNotesCount: expected?.notesCount ?? null,
      serverCopyProblem,
      stoppedBeforeFinal,
      workersCpuPercent: ((workersCpuAfter - workersCpuAtStart) / options.seconds) * 100,
      otherCpuPercent,
      pingRtt: pinger.histogram.summary(),
      loadAverageBefore,
    });
    log(
      `  ${label} N=${n}: delivered ${result.deliveredPct.toFixed(1)} %, note p99 ${result.noteLatencyMs.p99} ms (p50 / p99 after each writer's first note: ${result.laterNoteLatencyMs.p50} / ${result.laterNoteLatencyMs.p99} ms), converged ${result.converged}/${n}`,
    );
  } finally {
    for (const connection of opened) connection.close();
    await Promise.all(workers.map((worker) => worker.close()));
    for (const sampler of samplers) sampler.stop();
    // A profile is written when the server exits normally: give it time to store and close.
    await stopAll(options.profileDir ? 60_000 : 15_000);
    if (cluster.remove) await cluster.remove();
    else await server.remove();
  }
  if (!result) throw new Error('the live run produced no result');
  if (options.profileDir && profileWindow) {
    const file = path.join(options.profileDir, profileName);
    result.profile = existsSync(file) ? { file, window: profileWindow, summary: summariseProfile(readProfile(file), profileWindow) } : null;
  }
  return result;
}

/** The 1, 5 and 15 minute load averages: other work on the machine shows here. */
export function readLoadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').trim();
  } catch {
    return 'n/a';
  }
}

/** CPU seconds the load workers have used (read from /proc: a busy worker would answer IPC late). */
function workersCpu(workers: LoadWorker[]): number {
  return workers.reduce((sum, worker) => sum + (cpuSeconds(worker.pid) ?? 0), 0);
}

async function sleepUntil(time: number): Promise<void> {
  const delay = time - sharedNow();
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
}

/** Ours: officer, board, brief, N joins. Reference: a shared document with the same brief, kept open by an anchor. */
async function prepareBoard(
  server: ServerUnderTest,
  flavour: Flavour,
  n: number,
  opened: DocConnection[],
): Promise<{ boardId: string; targetIds: string[]; specs: ClientSpec[]; auditorCookie?: string }> {
  if (flavour === 'ours') {
    const officer = await setUpOfficer(server.url, server.setupUrl);
    const board = await createOurBoard(server.url, officer, { people: n });
    const participants = await joinParticipants(server.url, board, n);
    return { boardId: board.boardId, targetIds: board.targetIds, specs: participants, auditorCookie: cookieOf(officer) };
  }
  const boardId = `bench-${randomBytes(6).toString('hex')}`;
  const anchorDoc = new Y.Doc();
  const anchor = await connectAndSync({ flavour, baseUrl: server.url, docName: boardId, doc: anchorDoc });
  opened.push(anchor);
  const targetIds = [0, 1, 2].map((index) =>
    addProblem(anchorDoc, { title: `Problem ${index + 1}`, body: 'Residents cannot see which branch holds a copy.', userNeeds: 'As a resident I need to…', constraints: 'Within the current budget.' }),
  );
  const specs: ClientSpec[] = Array.from({ length: n }, (_, index) => ({
    index,
    personId: `person-${index.toString().padStart(6, '0')}-${randomBytes(4).toString('hex')}`,
    name: `Supplier ${index + 1}`,
    organisation: `Supplier Company ${index + 1} Ltd`,
  }));
  return { boardId, targetIds, specs };
}

interface Pinger {
  connection: DocConnection;
  histogram: Histogram;
  start(): void;
  stop(): void;
}

async function openPinger(server: ServerUnderTest, flavour: Flavour, boardId: string, cookie?: string): Promise<Pinger> {
  const docName = flavour === 'ours' ? `${boardId}/brief` : `${boardId}-ping`;
  const connection = await connectAndSync({ flavour, baseUrl: server.url, docName, doc: new Y.Doc(), cookie });
  const histogram = new Histogram();
  let timer: NodeJS.Timeout | null = null;
  let sentAt = 0;
  connection.ws.on('pong', () => {
    if (sentAt > 0) histogram.record(sharedNow() - sentAt);
    sentAt = 0;
  });
  return {
    connection,
    histogram,
    start() {
      timer = setInterval(() => {
        if (sentAt !== 0 || !connection.isOpen) return;
        sentAt = sharedNow();
        connection.ws.ping();
      }, 200);
    },
    stop() {
      if (timer) clearInterval(timer);
    },
  };
}

/** What the server holds, read by a fresh client: notes count, state vector, digest (and the brief's, for ours). */
export async function readServerCopy(
  server: ServerUnderTest,
  flavour: Flavour,
  boardId: string,
  cookie?: string,
  timeoutMs = 60_000,
): Promise<{ notesCount: number; stateVector: string; notesDigest: string; briefStateVector: string | null }> {
  const doc = new Y.Doc();
  const docName = flavour === 'ours' ? `${boardId}/wall` : boardId;
  const connection = await connectAndSync({ flavour, baseUrl: server.url, docName, doc, cookie }, timeoutMs);
  let briefStateVector: string | null = null;
  if (flavour === 'ours') {
    const brief = new Y.Doc();
    const briefConnection = await connectAndSync({ flavour, baseUrl: server.url, docName: `${boardId}/brief`, doc: brief, cookie }, timeoutMs);
    briefStateVector = stateVectorText(brief);
    briefConnection.close();
  }
  connection.close();
  return { notesCount: doc.getMap('notes').size, stateVector: stateVectorText(doc), notesDigest: notesDigest(doc), briefStateVector };
}

function summarise(input: {
  options: LiveOptions & { noteEveryMs: number; presenceEveryMs: number; noteChars: number };
  warmUpMs: number;
  cores: LiveResult['cores'];
  finals: Array<Extract<FromWorker, { type: 'final' }>>;
  setupSeconds: number;
  connectSeconds: number;
  connectFailures: string[];
  drainSeconds: number;
  serverStats: ProcessWindowStats;
  deployment: Deployment;
  instanceProcesses: ProcessWindowStats[];
  clientsPerInstance: number[];
  instanceCopies: LiveResult['instanceCopies'];
  serverNotesCount: number | null;
  serverCopyProblem: string | null;
  stoppedBeforeFinal: boolean;
  workersCpuPercent: number;
  otherCpuPercent: number | null;
  pingRtt: LatencySummary;
  loadAverageBefore: string;
}): LiveResult {
  const { options, finals } = input;
  const n = options.n;
  const noteLatency = new Histogram();
  const laterNoteLatency = new Histogram();
  const presenceLatency = new Histogram();
  const measured = emptyCounters();
  const bytesPerClient: number[] = [];
  let notesSent = 0;
  let warmUpNotesSent = 0;
  let delivered = 0;
  let deliveredInRun = 0;
  let presenceReceived = 0;
  let summariesReceived = 0;
  let converged = 0;
  let openAtEnd = 0;
  const mismatches: unknown[] = [];
  for (const final of finals) {
    noteLatency.addSparse(final.noteLatency);
    laterNoteLatency.addSparse(final.laterNoteLatency);
    presenceLatency.addSparse(final.presenceLatency);
    addCounters(measured, final.measured);
    bytesPerClient.push(...final.measuredBytesPerClient);
    notesSent += final.notesSent;
    warmUpNotesSent += final.warmUpNotesSent;
    delivered += final.delivered;
    deliveredInRun += final.deliveredInRun;
    presenceReceived += final.presenceReceived;
    summariesReceived += final.summariesReceived;
    converged += final.converged;
    openAtEnd += final.openAtEnd;
    mismatches.push(...final.mismatches);
  }
  const expectedDeliveries = notesSent * (n - 1);
  const seconds = options.seconds;
  const perSecondPerClient = (value: number) => round(value / seconds / n, 1) ?? 0;
  return {
    scenario: 'live',
    server: options.flavour,
    deployment: input.deployment,
    n,
    seconds,
    noteEveryMs: options.noteEveryMs,
    presenceEveryMs: options.presenceEveryMs,
    noteChars: options.noteChars,
    warmUpSeconds: input.warmUpMs / 1000,
    cores: input.cores,
    setupSeconds: round(input.setupSeconds) ?? 0,
    connectSeconds: round(input.connectSeconds) ?? 0,
    connectFailures: input.connectFailures.slice(0, 10),
    notesSent,
    warmUpNotesSent,
    expectedDeliveries,
    delivered,
    deliveredPct: expectedDeliveries === 0 ? 100 : (round((delivered / expectedDeliveries) * 100, 2) ?? 0),
    deliveredInRunPct: expectedDeliveries === 0 ? 100 : (round((deliveredInRun / expectedDeliveries) * 100, 2) ?? 0),
    drainSeconds: round(input.drainSeconds) ?? 0,
    noteLatencyMs: noteLatency.summary(),
    laterNoteLatencyMs: laterNoteLatency.summary(),
    presenceLatencyMs: presenceLatency.summary(),
    presenceStatesReceived: presenceReceived,
    presenceStatesPerClientPerSecond: round(presenceReceived / n / options.seconds) ?? 0,
    presenceSummariesReceived: summariesReceived,
    messagesPerSecond: Math.round(measured.messages / seconds),
    perClient: {
      messagesPerSecond: perSecondPerClient(measured.messages),
      bytesPerSecond: perSecondPerClient(measured.bytes),
      bytesInWindowMean: Math.round(measured.bytes / n),
      bytesInWindowP95: quantileOf(bytesPerClient, 0.95),
      docBytesPerSecond: perSecondPerClient(measured.docBytes),
      presenceBytesPerSecond: perSecondPerClient(measured.presenceBytes),
      otherBytesPerSecond: perSecondPerClient(measured.otherBytes),
      docMessagesPerSecond: perSecondPerClient(measured.docMessages),
      presenceMessagesPerSecond: perSecondPerClient(measured.presenceMessages),
      serverSentBytesPerSecond:
        input.serverStats.writtenBytesPerSecond === null ? null : Math.round(input.serverStats.writtenBytesPerSecond / n),
    },
    converged,
    allConverged: converged === n,
    openAtEnd,
    mismatches: mismatches.slice(0, 5),
    serverNotesCount: input.serverNotesCount,
    serverCopyProblem: input.serverCopyProblem,
    stoppedBeforeFinal: input.stoppedBeforeFinal,
    serverProcess: input.serverStats,
    instanceProcesses: input.instanceProcesses,
    clientsPerInstance: input.clientsPerInstance,
    instanceCopies: input.instanceCopies,
    workersCpuPercent: round(input.workersCpuPercent) ?? 0,
    otherCpuPercent: round(input.otherCpuPercent),
    serverPingRttMs: input.pingRtt,
    loadAverageBefore: input.loadAverageBefore,
  };
}

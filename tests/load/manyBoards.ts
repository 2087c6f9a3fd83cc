/**
 * Scenario 4, many boards (ours): 100 boards with 10 participants each. Memory per loaded board and per
 * connection: after set-up the server is restarted with `--inspect=127.0.0.1:0` (nothing loaded: M₀),
 * then one participant per board connects (every board loaded, 3 connections each: M_A), then the other
 * nine per board (M_B). Participants add a note every 5 s and send presence every second meanwhile.
 * M is the memory retained after a full garbage collection (V8 heap used + external buffers), read
 * through the inspector; RSS is reported beside it.
 *   per connection = (M_B − M_A) / (connections added in B)
 *   per board      = (M_A − M₀ − connections in A × per connection) / boards
 */
import { createOurBoard, joinParticipants, setUpOfficer, type Participant } from './ourBoard.js';
import { inspectorUrlFrom, memoryAfterGc } from './inspector.js';
import { memoryMiB, ProcessSampler } from './procStats.js';
import { sharedNow } from './protocol.js';
import { restartServer, startServerUnderTest, type ServerUnderTest } from './servers.js';
import type { ClientSpec } from './simClient.js';
import { median, round } from './stats.js';
import { LoadWorker, splitRoundRobin } from './workers.js';

export interface ManyBoardsOptions {
  boards?: number;
  perBoard?: number;
  /** Seconds of activity in each phase before memory is read. */
  seconds?: number;
  workers?: number;
  log?: (line: string) => void;
}

export interface ManyBoardsResult {
  scenario: 'many-boards';
  server: 'ours';
  boards: number;
  perBoard: number;
  setupSeconds: number;
  /** Retained memory after a full GC (heap used + external), MiB: idle, one per board, all. */
  retainedIdleMiB: number;
  retainedOnePerBoardMiB: number;
  retainedAllMiB: number;
  rssIdleMiB: number | null;
  rssOnePerBoardMiB: number | null;
  rssAllMiB: number | null;
  connectionsPhaseA: number;
  connectionsPhaseB: number;
  perConnectionKiB: number;
  perBoardKiB: number;
  /** The same from RSS (includes garbage and allocator slack): rough. */
  perConnectionRssKiB: number | null;
  perBoardRssKiB: number | null;
  serverCpuPercentAll: number | null;
  notesSent: number;
  connectFailures: string[];
}

async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Median RSS over `ms`, sampled every 200 ms (RSS moves with garbage collection). */
async function settledRss(pid: number, ms: number): Promise<number | null> {
  const samples: number[] = [];
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const memory = memoryMiB(pid);
    if (memory) samples.push(memory.rss);
    await sleep(200);
  }
  return median(samples);
}

export async function runManyBoards(options: ManyBoardsOptions = {}): Promise<ManyBoardsResult> {
  const log = options.log ?? (() => undefined);
  const boardCount = options.boards ?? 100;
  const perBoard = options.perBoard ?? 10;
  const seconds = options.seconds ?? 10;
  const workerCount = options.workers ?? 2;
  const started = sharedNow();
  let server: ServerUnderTest = await startServerUnderTest('ours');
  const workers: LoadWorker[] = [];
  try {
    const officer = await setUpOfficer(server.url, server.setupUrl);
    const specsA: ClientSpec[] = [];
    const specsB: ClientSpec[] = [];
    for (let index = 0; index < boardCount; index += 1) {
      const board = await createOurBoard(server.url, officer, { title: `Load bench board ${index + 1}`, problemCount: 2, people: perBoard });
      const people: Participant[] = await joinParticipants(server.url, board, perBoard, { concurrency: 5 });
      people.forEach((person, position) => {
        const spec: ClientSpec = { ...person, index: position, boardId: board.boardId, targetIds: board.targetIds };
        (position === 0 ? specsA : specsB).push(spec);
      });
    }
    const setupSeconds = (sharedNow() - started) / 1000;
    log(`  many boards: ${boardCount} boards × ${perBoard} people set up in ${setupSeconds.toFixed(1)} s; restarting`);
    server = await restartServer(server, { nodeArgs: ['--inspect=127.0.0.1:0'] });
    const inspectorUrl = inspectorUrlFrom(server.output());
    if (!inspectorUrl) throw new Error(`no inspector URL in the server's output:\n${server.output().slice(0, 2000)}`);
    const retained = async () => {
      const usage = await memoryAfterGc(inspectorUrl);
      return (usage.heapUsed + usage.external) / 1024 / 1024;
    };
    const rssIdleMiB = await settledRss(server.pid, 2_000);
    const retainedIdleMiB = await retained();

    const runPhase = async (specs: ClientSpec[]) => {
      const phaseWorkers = Array.from({ length: workerCount }, (_, index) => new LoadWorker(workers.length + index));
      workers.push(...phaseWorkers);
      const groups = splitRoundRobin(specs, workerCount);
      const answers = await Promise.all(
        phaseWorkers.map((worker, index) =>
          worker.ask(
            {
              type: 'init',
              flavour: 'ours',
              baseUrl: server.url,
              boardId: '',
              targetIds: [],
              clients: groups[index] ?? [],
              noteChars: 120,
              connectConcurrency: 20,
              connectTimeoutMs: 60_000,
            },
            'connected',
            180_000,
          ),
        ),
      );
      const t0 = sharedNow() + 500;
      const sendEnd = t0 + seconds * 1000;
      for (const worker of phaseWorkers) {
        worker.send({ type: 'start', t0, sendEnd, inRunUntil: sendEnd + 2_000, noteEveryMs: 5_000, presenceEveryMs: 1_000, totalClients: perBoard });
      }
      return { failures: answers.flatMap((answer) => answer.failures), sendEnd, phaseWorkers };
    };

    const phaseA = await runPhase(specsA);
    await sleep(Math.max(0, phaseA.sendEnd - sharedNow()));
    const retainedOnePerBoardMiB = await retained();
    const rssOnePerBoardMiB = await settledRss(server.pid, 2_000);
    log(`  many boards: one per board connected; RSS ${rssOnePerBoardMiB?.toFixed(0)} MiB (idle ${rssIdleMiB?.toFixed(0)} MiB)`);

    const sampler = new ProcessSampler(server.pid);
    sampler.start();
    sampler.markStart();
    const phaseB = await runPhase(specsB);
    await sleep(Math.max(0, phaseB.sendEnd - sharedNow()));
    sampler.markEnd();
    sampler.stop();
    const retainedAllMiB = await retained();
    const rssAllMiB = await settledRss(server.pid, 2_000);
    log(`  many boards: all connected; RSS ${rssAllMiB?.toFixed(0)} MiB, retained ${retainedIdleMiB.toFixed(1)} → ${retainedOnePerBoardMiB.toFixed(1)} → ${retainedAllMiB.toFixed(1)} MiB`);

    const progress = await Promise.all(workers.map((worker) => worker.ask({ type: 'progress' }, 'progress', 60_000)));
    const notesSent = progress.reduce((sum, answer) => sum + answer.notesSent, 0);
    const connectionsPhaseA = specsA.length * 3;
    const connectionsPhaseB = specsB.length * 3;
    const perConnectionMiB = (retainedAllMiB - retainedOnePerBoardMiB) / connectionsPhaseB;
    const perBoardMiB = (retainedOnePerBoardMiB - retainedIdleMiB - connectionsPhaseA * perConnectionMiB) / boardCount;
    const perConnectionRssMiB = rssAllMiB !== null && rssOnePerBoardMiB !== null ? (rssAllMiB - rssOnePerBoardMiB) / connectionsPhaseB : null;
    const perBoardRssMiB =
      rssOnePerBoardMiB !== null && rssIdleMiB !== null && perConnectionRssMiB !== null
        ? (rssOnePerBoardMiB - rssIdleMiB - connectionsPhaseA * perConnectionRssMiB) / boardCount
        : null;
    return {
      scenario: 'many-boards',
      server: 'ours',
      boards: boardCount,
      perBoard,
      setupSeconds: round(setupSeconds) ?? 0,
      retainedIdleMiB: round(retainedIdleMiB) ?? 0,
      retainedOnePerBoardMiB: round(retainedOnePerBoardMiB) ?? 0,
      retainedAllMiB: round(retainedAllMiB) ?? 0,
      rssIdleMiB: round(rssIdleMiB),
      rssOnePerBoardMiB: round(rssOnePerBoardMiB),
      rssAllMiB: round(rssAllMiB),
      connectionsPhaseA,
      connectionsPhaseB,
      perConnectionKiB: round(perConnectionMiB * 1024) ?? 0,
      perBoardKiB: round(perBoardMiB * 1024) ?? 0,
      perConnectionRssKiB: perConnectionRssMiB === null ? null : round(perConnectionRssMiB * 1024),
      perBoardRssKiB: perBoardRssMiB === null ? null : round(perBoardRssMiB * 1024),
      serverCpuPercentAll: round(sampler.stats().cpuPercent),
      notesSent,
      connectFailures: [...phaseA.failures, ...phaseB.failures].slice(0, 10),
    };
  } finally {
    await Promise.all(workers.map((worker) => worker.close()));
    await server.remove();
  }
}

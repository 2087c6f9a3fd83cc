/**
 * `npm run bench:soak`: the memory soak. Our built server as its own process; N simulated participants
 * (the benchmark's clients: three websockets each, presence twice a second, a note in their own draft every
 * 5 s, published to the wall) for a long steady run. Each client adds `--max-notes` notes, then edits them in
 * turn (the publisher republishes each edit), so the live data stops growing and any growth in memory after
 * warm-up is the server's. Every 10 s it samples the server's resident memory (RSS: what an operator sees)
 * and the size of the data directory (database + WAL); every minute the memory retained after a full
 * garbage collection (through the inspector). At the end it prints a markdown table and the least-squares
 * slope of RSS after the warm-up.
 *
 *   npm run bench:soak                              10 minutes, 50 clients, 20 notes each then edits
 *   npm run bench:soak -- --minutes 2 --n 20
 *   npm run bench:soak -- --add-only               only adds notes (live data grows all the run)
 *   npm run bench:soak -- --minutes 30 --warmup 3 --out bench/results/soak.json
 */
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureBuiltServer } from '../helpers/builtServer.js';
import { createOurBoard, joinParticipants, setUpOfficer } from './ourBoard.js';
import { inspectorUrlFrom, memoryAfterGc } from './inspector.js';
import { memoryMiB } from './procStats.js';
import { sharedNow } from './protocol.js';
import { startServerUnderTest } from './servers.js';
import { LoadWorker, splitRoundRobin } from './workers.js';
import { flagValue } from './flags.js';

interface Flags {
  minutes: number;
  n: number;
  warmupMinutes: number;
  sampleSeconds: number;
  noteEveryMs: number | null;
  /** Notes each client adds before it only edits them; null: add only. */
  maxNotes: number | null;
  out: string | null;
}

/** A draft holds at most MAX_NOTES_PER_DRAFT (200) notes: a long run spaces notes so none is refused. */
const MAX_NOTES_PER_CLIENT = 180;

function parseFlags(argv: string[]): Flags {
  const known = new Set(['--minutes', '--n', '--warmup', '--sample-seconds', '--note-ms', '--max-notes', '--add-only', '--out']);
  for (const arg of argv) if (arg.startsWith('--') && !known.has(arg)) throw new Error(`unknown flag ${arg} (see tests/load/soak.ts)`);
  const value = (name: string): string | undefined => flagValue(argv, name);
  const positive = (name: string, fallback: number): number => {
    const text = value(name);
    if (text === undefined) return fallback;
    const number = Number(text);
    if (!Number.isFinite(number) || number <= 0) throw new Error(`${name}: ${text} is not a positive number`);
    return number;
  };
  const minutes = positive('--minutes', 10);
  return {
    minutes,
    n: Math.round(positive('--n', 50)),
    warmupMinutes: positive('--warmup', Math.min(2, minutes / 5)),
    sampleSeconds: positive('--sample-seconds', 10),
    noteEveryMs: value('--note-ms') === undefined ? null : positive('--note-ms', 5_000),
    maxNotes: argv.includes('--add-only') ? null : Math.round(positive('--max-notes', 20)),
    out: value('--out') ?? null,
  };
}

interface Sample {
  atSeconds: number;
  rssMiB: number;
  dataDirMiB: number;
  /** V8 heap used + external after a full GC, once a minute; null in between. */
  retainedMiB: number | null;
  notesSent: number;
}

function directoryMiB(directory: string): number {
  let bytes = 0;
  for (const name of readdirSync(directory)) {
    try {
      bytes += statSync(path.join(directory, name)).size;
    } catch {
      // reason: a WAL or temp file may vanish between the listing and the stat
    }
  }
  return bytes / (1024 * 1024);
}

/** Least-squares slope of y over x. */
function slope(points: Array<{ x: number; y: number }>): number {
  const count = points.length;
  if (count < 2) return 0;
  const meanX = points.reduce((sum, point) => sum + point.x, 0) / count;
  const meanY = points.reduce((sum, point) => sum + point.y, 0) / count;
  let numerator = 0;
  let denominator = 0;
  for (const point of points) {
    numerator += (point.x - meanX) * (point.y - meanY);
    denominator += (point.x - meanX) ** 2;
  }
  return denominator === 0 ? 0 : numerator / denominator;
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const durationMs = flags.minutes * 60_000;
  const noteEveryMs = flags.noteEveryMs ?? (flags.maxNotes === null ? Math.max(5_000, Math.ceil(durationMs / MAX_NOTES_PER_CLIENT)) : 5_000);
  const log = (line: string) => process.stdout.write(`${line}\n`);
  ensureBuiltServer();
  const server = await startServerUnderTest('ours', { nodeArgs: ['--inspect=127.0.0.1:0'] });
  const inspectorUrl = inspectorUrlFrom(server.output());
  const workers: LoadWorker[] = [];
  const samples: Sample[] = [];
  try {
    const officer = await setUpOfficer(server.url, server.setupUrl);
    const board = await createOurBoard(server.url, officer, { people: flags.n });
    const participants = await joinParticipants(server.url, board, flags.n);
    const workerCount = Math.min(2, flags.n);
    for (let index = 0; index < workerCount; index += 1) workers.push(new LoadWorker(index));
    const groups = splitRoundRobin(participants, workerCount);
    await Promise.all(
      workers.map((worker, index) =>
        worker.ask(
          {
            type: 'init',
            flavour: 'ours',
            baseUrl: server.url,
            boardId: board.boardId,
            targetIds: board.targetIds,
            clients: groups[index] ?? [],
            noteChars: 120,
            maxNotesPerClient: flags.maxNotes ?? undefined,
            connectConcurrency: 10,
            connectTimeoutMs: 60_000,
          },
          'connected',
          180_000,
        ),
      ),
    );
    const writes = flags.maxNotes === null ? 'adds a note' : `adds (up to ${flags.maxNotes} notes, then edits one)`;
    log(`soak: ${flags.n} clients connected; each ${writes} every ${noteEveryMs} ms, presence every 500 ms, for ${flags.minutes} min`);
    const t0 = sharedNow() + 1_000;
    const sendEnd = t0 + durationMs;
    for (const worker of workers) {
      worker.send({ type: 'start', t0, sendEnd, inRunUntil: sendEnd, noteEveryMs, presenceEveryMs: 500, totalClients: flags.n });
    }
    const dataDir = server.dataDir ?? '';
    let nextRetainedAt = t0;
    for (let at = t0; at <= sendEnd; at += flags.sampleSeconds * 1_000) {
      const wait = at - sharedNow();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const memory = memoryMiB(server.pid);
      if (!memory) throw new Error(`the server exited during the soak:\n${server.output().slice(-4_000)}`);
      const progress = await Promise.all(workers.map((worker) => worker.ask({ type: 'progress' }, 'progress', 30_000)));
      let retainedMiB: number | null = null;
      if (inspectorUrl && sharedNow() >= nextRetainedAt) {
        nextRetainedAt += 60_000;
        const usage = await memoryAfterGc(inspectorUrl);
        retainedMiB = (usage.heapUsed + usage.external) / (1024 * 1024);
      }
      const sample: Sample = {
        atSeconds: Math.round((at - t0) / 1000),
        rssMiB: memory.rss,
        dataDirMiB: directoryMiB(dataDir),
        retainedMiB,
        notesSent: progress.reduce((sum, answer) => sum + answer.notesSent, 0),
      };
      samples.push(sample);
      const retained = sample.retainedMiB === null ? '' : `, retained after GC ${sample.retainedMiB.toFixed(1)} MiB`;
      log(`  t=${sample.atSeconds}s RSS ${sample.rssMiB.toFixed(1)} MiB${retained}, data dir ${sample.dataDirMiB.toFixed(2)} MiB, notes sent ${sample.notesSent}`);
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.close()));
    await server.remove();
  }

  const afterWarmup = samples.filter((sample) => sample.atSeconds >= flags.warmupMinutes * 60);
  const rss = afterWarmup.map((sample) => sample.rssMiB);
  const slopePerMinute = slope(afterWarmup.map((sample) => ({ x: sample.atSeconds / 60, y: sample.rssMiB })));
  const summary = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`,
    command: `npm run bench:soak -- ${process.argv.slice(2).join(' ')}`.trim(),
    clients: flags.n,
    minutes: flags.minutes,
    noteEveryMs,
    maxNotesPerClient: flags.maxNotes,
    warmupMinutes: flags.warmupMinutes,
    rssAfterWarmupMiB: { min: Math.min(...rss), max: Math.max(...rss), first: rss[0], last: rss.at(-1) },
    rssSlopeMiBPerMinute: Number(slopePerMinute.toFixed(3)),
    retainedSlopeMiBPerMinute: Number(
      slope(afterWarmup.flatMap((sample) => (sample.retainedMiB === null ? [] : [{ x: sample.atSeconds / 60, y: sample.retainedMiB }]))).toFixed(3),
    ),
    samples,
  };
  log('');
  log(`| t (s) | server RSS (MiB) | retained after GC (MiB) | data dir: db + WAL (MiB) | notes written |`);
  log(`|---|---|---|---|---|`);
  for (const sample of samples) {
    const retained = sample.retainedMiB === null ? '' : sample.retainedMiB.toFixed(1);
    log(`| ${sample.atSeconds} | ${sample.rssMiB.toFixed(1)} | ${retained} | ${sample.dataDirMiB.toFixed(2)} | ${sample.notesSent} |`);
  }
  log('');
  log(
    `After ${flags.warmupMinutes} min warm-up: RSS ${summary.rssAfterWarmupMiB.min.toFixed(1)}–${summary.rssAfterWarmupMiB.max.toFixed(1)} MiB, ` +
      `slope ${summary.rssSlopeMiBPerMinute} MiB/min; retained after GC slope ${summary.retainedSlopeMiBPerMinute} MiB/min (${summary.machine}).`,
  );
  if (flags.out) {
    mkdirSync(path.dirname(flags.out), { recursive: true });
    writeFileSync(flags.out, JSON.stringify(summary, null, 2));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);

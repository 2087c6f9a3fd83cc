/**
 * `npm run bench`: the load benchmark. Starts each server under test as its own process on 127.0.0.1,
 * drives simulated participants from worker processes, prints markdown tables and writes JSON to
 * bench/results/<date>-<scenario>.json. Everything stops by itself.
 *
 *   npm run bench                                   every scenario, all three servers (≈ 25 min on 2 cores)
 *   npm run bench -- --scenario live --n 50,200,500 --seconds 20
 *   npm run bench -- --scenario live --servers ours --n 1000
 *   npm run bench -- --scenario cold,boards
 *   npm run bench -- --quick                        a small version of everything (≈ 3–4 min)
 *   npm run bench -- --profile                      also profile our server (node --cpu-prof) at the largest N
 *   npm run bench -- --scenario scaleout --n 500,1000   the live workshop on 3 instances vs 1 (≈ 15 min)
 *   npm run bench -- --scenario scaleout --deployments pg,pg3 --n 500
 *   npm run bench -- --scenario live --n 50 --cores shared --warm-up 0   a small room measured as before the night of 2026-12-05
 *   npm run bench -- --scenario live --servers ours,hocuspocus --n 50 --rounds 7   a small room, 7 rounds taking turns
 *
 * Small rooms (N ≤ 100) give the server a core of its own and the clients the others (`--cores auto`;
 * `own-core` for every N, `shared` for none: cpuPlacement.ts) and start with one unmeasured round of
 * notes (`--warm-up` seconds; default one note interval for N ≤ 100, else 0: liveWorkshop.ts). The live
 * table says which for each row. Small rooms run `--rounds` times (default 3; `--quick` 1), the servers
 * taking turns, and the goal is judged on each server's median over the rounds (smallRoomRounds.ts).
 *
 * Scenarios: live (1, the live workshop), cold (2, cold join; for ours also 3, publisher cost), boards
 * (4, many boards; ours only), scaleout (5, ours only: the live workshop on our SQLite default, on one
 * instance on PostgreSQL + Redis, and spread round-robin over `--instances` (3) instances on the same
 * PostgreSQL + Redis, each made fresh for the run; default N = 500, 1000). `--deployments` picks among
 * sqlite, pg (one instance) and pg3 (pgN: N instances).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureBuiltServer } from '../helpers/builtServer.js';
import { runColdJoin, type ColdJoinResult } from './coldJoin.js';
import { parsePlacementMode, SMALL_ROOM_MAX_N, type PlacementMode } from './cpuPlacement.js';
import { defaultWarmUpMs, readLoadAverage, runLiveWorkshop, type LiveResult } from './liveWorkshop.js';
import { deploymentLabel, type Deployment } from './ourCluster.js';
import { runManyBoards, type ManyBoardsResult } from './manyBoards.js';
import { waitForQuietMachine } from './procStats.js';
import { FLAVOURS, type Flavour } from './protocol.js';
import { flagValue } from './flags.js';
import { DEFAULT_SMALL_ROOM_ROUNDS, parseRounds, serverOrderForRound, smallRoomVerdict, type RoundLatency } from './smallRoomRounds.js';

type Scenario = 'live' | 'cold' | 'boards' | 'scaleout';

interface Flags {
  scenarios: Set<Scenario>;
  /** The scale-out scenario's deployments of our server, in the order they run at each N. */
  deployments: Deployment[];
  scaleOutN: number[];
  servers: Flavour[];
  n: number[];
  /** Extra N values run for our server only (the issue's N = 1,000 goal). */
  oursOnlyN: number[];
  seconds: number;
  drainSeconds: number;
  workers: number;
  quick: boolean;
  profile: boolean;
  out: string;
  presenceEveryMs: number;
  noteEveryMs: number;
  /** Longest wait before each run for the rest of the machine to be quiet, seconds. */
  waitQuietSeconds: number;
  /** Live workshop: which cores the server and the clients run on. */
  cores: PlacementMode;
  /** Live workshop: unmeasured seconds of notes before the window (undefined: the default for each N). */
  warmUpSeconds: number | undefined;
  /** Live workshop: runs of each small room (N ≤ SMALL_ROOM_MAX_N), the servers taking turns. */
  rounds: number;
}

/** A live run and the round it belongs to (1 for big rooms, which run once). */
type LiveRun = LiveResult & { round: number };

function parseFlags(argv: string[]): Flags {
  const value = (name: string): string | undefined => flagValue(argv, name);
  const list = (name: string) => value(name)?.split(',').map((item) => item.trim()).filter(Boolean);
  const numbers = (name: string) =>
    list(name)?.map((item) => {
      const number = Number(item);
      if (!Number.isInteger(number) || number < 2) throw new Error(`${name}: ${item} is not a whole number ≥ 2`);
      return number;
    });
  const known = new Set([
    '--scenario',
    '--servers',
    '--n',
    '--ours-n',
    '--seconds',
    '--drain',
    '--workers',
    '--quick',
    '--profile',
    '--out',
    '--presence-ms',
    '--note-ms',
    '--wait-quiet',
    '--deployments',
    '--instances',
    '--cores',
    '--warm-up',
    '--rounds',
    '--help',
  ]);
  for (const arg of argv) if (arg.startsWith('--') && !known.has(arg)) throw new Error(`unknown flag ${arg} (see tests/load/run.ts)`);
  if (argv.includes('--help')) {
    process.stdout.write(readFileSync(new URL(import.meta.url), 'utf8').split('*/')[0] ?? '');
    process.exit(0);
  }
  const quick = argv.includes('--quick');
  const scenarioNames: Record<string, Scenario> = { live: 'live', '1': 'live', cold: 'cold', '2': 'cold', '3': 'cold', publisher: 'cold', boards: 'boards', '4': 'boards', scaleout: 'scaleout', '5': 'scaleout' };
  const scenarios = new Set(
    (list('--scenario') ?? ['live', 'cold', 'boards', 'scaleout']).map((name) => {
      const scenario = scenarioNames[name];
      if (!scenario) throw new Error(`--scenario: ${name} is not one of live, cold, publisher, boards, scaleout (or 1–5)`);
      return scenario;
    }),
  );
  const servers = (list('--servers') ?? [...FLAVOURS]).map((name) => {
    if (!FLAVOURS.includes(name as Flavour)) throw new Error(`--servers: ${name} is not one of ${FLAVOURS.join(', ')}`);
    return name as Flavour;
  });
  const instances = Number(value('--instances') ?? 3);
  if (!Number.isInteger(instances) || instances < 2) throw new Error(`--instances: ${value('--instances')} is not a whole number ≥ 2`);
  const deployments = (list('--deployments') ?? ['sqlite', 'pg', `pg${instances}`]).map((name): Deployment => {
    if (name === 'sqlite') return { store: 'sqlite', instances: 1 };
    const match = /^pg(\d*)$/.exec(name);
    const count = match ? Number(match[1] || 1) : 0;
    if (!match || !Number.isInteger(count) || count < 1) throw new Error(`--deployments: ${name} is not sqlite, pg or pgN (N instances on PostgreSQL + Redis)`);
    return { store: 'postgres', instances: count };
  });
  return {
    scenarios,
    deployments,
    scaleOutN: numbers('--n') ?? (quick ? [20] : [500, 1000]),
    servers,
    n: numbers('--n') ?? (quick ? [20] : [50, 200, 500]),
    oursOnlyN: numbers('--ours-n') ?? (quick || list('--n') ? [] : [1000]),
    seconds: Number(value('--seconds') ?? (quick ? 5 : 20)),
    drainSeconds: Number(value('--drain') ?? (quick ? 10 : 30)),
    workers: Number(value('--workers') ?? 2),
    quick,
    profile: argv.includes('--profile'),
    out: value('--out') ?? 'bench/results',
    presenceEveryMs: Number(value('--presence-ms') ?? 500),
    noteEveryMs: Number(value('--note-ms') ?? 5_000),
    waitQuietSeconds: Number(value('--wait-quiet') ?? (quick ? 0 : 120)),
    cores: parsePlacementMode(value('--cores') ?? 'auto'),
    warmUpSeconds: warmUpSeconds(value('--warm-up')),
    rounds: parseRounds(value('--rounds'), quick ? 1 : DEFAULT_SMALL_ROOM_ROUNDS),
  };
}

/** `--warm-up` in seconds, or undefined for the default (liveWorkshop.ts `defaultWarmUpMs`). */
function warmUpSeconds(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 60) throw new Error(`--warm-up: ${text} is not a number of seconds from 0 to 60`);
  return seconds;
}

function machine() {
  const commit = (() => {
    try {
      const head = execFileSync('git', ['rev-parse', '--short', 'HEAD']).toString().trim();
      const dirty = execFileSync('git', ['status', '--porcelain', '--', 'server', 'shared']).toString().trim() !== '';
      return dirty ? `${head} + uncommitted changes in server/ or shared/` : head;
    } catch {
      return 'unknown';
    }
  })();
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    commit,
  };
}

const fmt = (value: number | null | undefined, digits = 0) => (value === null || value === undefined ? '–' : value.toFixed(digits));
const kb = (bytes: number | null | undefined) => (bytes === null || bytes === undefined ? '–' : (bytes / 1024).toFixed(1));
const ratio = (ours: number | null | undefined, theirs: number | null | undefined) =>
  ours === null || ours === undefined || theirs === null || theirs === undefined || theirs === 0 ? '–' : `${(ours / theirs).toFixed(2)}×`;

/** The installed version of a reference server, read from its package.json, so a label never lies. */
function installedVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(path.resolve('node_modules', name, 'package.json'), 'utf8')) as { version?: string }).version ?? '?';
  } catch {
    return '?';
  }
}

const SERVER_LABEL: Record<Flavour, string> = {
  ours: 'ours (auth, rules, publisher, SQLite)',
  'y-websocket': `@y/websocket-server ${installedVersion('@y/websocket-server')} (no auth, no rules, no storage)`,
  hocuspocus: `@hocuspocus/server ${installedVersion('@hocuspocus/server')} (no auth, no rules, no storage)`,
};

/** The row label: a reference server, or ours with its deployment when that is not the SQLite default. */
function labelOf(result: LiveResult): string {
  if (result.server !== 'ours' || result.deployment.store === 'sqlite') return SERVER_LABEL[result.server];
  return `ours (auth, rules, publisher; ${deploymentLabel(result.deployment)})`;
}

/** How many rounds each N ran (to label the rows of an N that ran more than once). */
function roundsByN(results: readonly LiveRun[]): Map<number, number> {
  const rounds = new Map<number, number>();
  for (const result of results) rounds.set(result.n, Math.max(rounds.get(result.n) ?? 0, result.round));
  return rounds;
}

export function liveTable(results: LiveRun[]): string {
  const rounds = roundsByN(results);
  const lines = [
    '| N | server | cores: server / clients; warm-up | notes delivered: in run / by end | note p50 / p95 / p99 / max (ms) | without each writer’s first note: p50 / p99 (ms) | presence age p50 / p99 (ms) | msgs/s (all clients) | received per client: msgs/s (doc + presence), KB/s (doc + presence) | server wrote per client KB/s | server CPU % (peak) | server peak RSS MiB | load workers CPU % | other CPU % | converged | ours p99 ÷ theirs | ours KB/s ÷ theirs |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const result of results) {
    const ours = results.find((other) => other.server === 'ours' && other.n === result.n && other.round === result.round);
    const isRef = result.server !== 'ours';
    const latency = result.noteLatencyMs;
    // A small room's milliseconds matter to a tenth; a big room's do not.
    const digits = result.n <= SMALL_ROOM_MAX_N ? 1 : 0;
    lines.push(
      [
        '',
        (rounds.get(result.n) ?? 1) > 1 ? `${result.n} · round ${result.round}` : result.n,
        labelOf(result),
        `${result.cores ? `${result.cores.server} / ${result.cores.clients}` : 'shared'}; ${fmt(result.warmUpSeconds)} s`,
        `${fmt(result.deliveredInRunPct, 1)} % / ${fmt(result.deliveredPct, 1)} %`,
        `${fmt(latency.p50, digits)} / ${fmt(latency.p95, digits)} / ${fmt(latency.p99, digits)} / ${fmt(latency.max, digits)}`,
        `${fmt(result.laterNoteLatencyMs.p50, digits)} / ${fmt(result.laterNoteLatencyMs.p99, digits)}`,
        `${fmt(result.presenceLatencyMs.p50)} / ${fmt(result.presenceLatencyMs.p99)}`,
        result.messagesPerSecond,
        `${fmt(result.perClient.messagesPerSecond, 1)} (${fmt(result.perClient.docMessagesPerSecond, 1)} + ${fmt(result.perClient.presenceMessagesPerSecond, 1)}), ` +
          `${kb(result.perClient.bytesPerSecond)} (${kb(result.perClient.docBytesPerSecond)} + ${kb(result.perClient.presenceBytesPerSecond)})`,
        kb(result.perClient.serverSentBytesPerSecond),
        `${fmt(result.serverProcess.cpuPercent)} (${fmt(result.serverProcess.cpuPeakPercent)})`,
        fmt(result.serverProcess.rssPeakMiB),
        fmt(result.workersCpuPercent),
        fmt(result.otherCpuPercent),
        `${result.converged}/${result.n}`,
        isRef && ours ? ratio(ours.noteLatencyMs.p99, latency.p99) : '',
        isRef && ours ? ratio(ours.perClient.bytesPerSecond, result.perClient.bytesPerSecond) : '',
        '',
      ].join(' | ').trim(),
    );
  }
  return lines.join('\n');
}

/**
 * Scenario 5, scale-out: the live workshop's figures per deployment, each instance's CPU, whether every
 * instance holds the same board, and the spread run's figures against the single instance on the same store.
 */
export function scaleOutTable(results: LiveResult[]): string {
  const lines = [
    '| N | deployment | notes delivered: in run / by end | note p50 / p95 / p99 / max (ms) | presence age p50 / p99 (ms) | received per client: msgs/s (doc + presence), KB/s | server CPU % per instance: mean (peak) | all instances CPU % | peak RSS per instance MiB | load workers CPU % | other CPU % | converged | instances hold the same board | load average before | p99 ÷ one PostgreSQL instance |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const result of results) {
    const single = results.find((other) => other.n === result.n && other.deployment.store === 'postgres' && other.deployment.instances === 1);
    const spread = result.deployment.instances > 1;
    const latency = result.noteLatencyMs;
    lines.push(
      [
        '',
        result.n,
        deploymentLabel(result.deployment),
        `${fmt(result.deliveredInRunPct, 1)} % / ${fmt(result.deliveredPct, 1)} %`,
        `${fmt(latency.p50)} / ${fmt(latency.p95)} / ${fmt(latency.p99)} / ${fmt(latency.max)}`,
        `${fmt(result.presenceLatencyMs.p50)} / ${fmt(result.presenceLatencyMs.p99)}`,
        `${fmt(result.perClient.messagesPerSecond, 1)} (${fmt(result.perClient.docMessagesPerSecond, 1)} + ${fmt(result.perClient.presenceMessagesPerSecond, 1)}), ${kb(result.perClient.bytesPerSecond)}`,
        result.instanceProcesses.map((stats) => `${fmt(stats.cpuPercent)} (${fmt(stats.cpuPeakPercent)})`).join(' · '),
        fmt(result.serverProcess.cpuPercent),
        result.instanceProcesses.map((stats) => fmt(stats.rssPeakMiB)).join(' · '),
        fmt(result.workersCpuPercent),
        fmt(result.otherCpuPercent),
        `${result.converged}/${result.n}`,
        spread ? `${result.instanceCopies.filter((copy) => copy.matchesFirst).length}/${result.instanceCopies.length} (notes ${result.instanceCopies.map((copy) => copy.notesCount ?? '?').join(' · ')})` : '(one)',
        result.loadAverageBefore.split(' ').slice(0, 3).join(' '),
        spread && single ? ratio(latency.p99, single.noteLatencyMs.p99) : '',
        '',
      ].join(' | ').trim(),
    );
  }
  return lines.join('\n');
}

/** Issue 11's scale-out goal, checked against this run: the spread board behaves as one. */
export function scaleOutGoals(results: LiveResult[]): string[] {
  return results
    .filter((result) => result.deployment.instances > 1)
    .map((result) => {
      const agree = result.instanceCopies.every((copy) => copy.matchesFirst);
      return `N=${result.n} on ${result.deployment.instances} instances: every note delivered: ${result.deliveredPct === 100 ? 'yes' : `no (${result.deliveredPct} %)`}; all clients converged: ${result.allConverged ? 'yes' : `no (${result.converged}/${result.n})`}; every instance holds the same board: ${agree ? 'yes' : 'no'}`;
    });
}

/** A cold-join row's label: a reference with an after-restart figure stored with its own SQLite extension (coldJoin.ts). */
function coldLabelOf(result: ColdJoinResult): string {
  if (result.server === 'ours' || !result.afterRestart) return SERVER_LABEL[result.server];
  return SERVER_LABEL[result.server].replace('no storage', `its SQLite extension ${installedVersion('@hocuspocus/extension-sqlite')}`);
}

export function coldTable(results: ColdJoinResult[]): string {
  const ours = results.find((result) => result.server === 'ours');
  const lines = [
    '| server | notes | document bytes | cold join p50 / p95 / max (ms) | bytes received | after restart: first request p50 / p95 (ms) | after restart: store load p50 / p95 (ms) | ours p50 ÷ theirs | ours bytes ÷ theirs |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const result of results) {
    const isRef = result.server !== 'ours';
    const documentBytes = Object.entries(result.documentBytes)
      .map(([name, bytes]) => `${name} ${kb(bytes)} KB`)
      .join(', ');
    const label = coldLabelOf(result);
    const afterRestartRatios =
      isRef && ours?.afterRestart && result.afterRestart
        ? `; after restart ${ratio(ours.afterRestart.p50Ms, result.afterRestart.p50Ms)}` +
          (ours.afterRestartStoreLoad && result.afterRestartStoreLoad ? `, store load ${ratio(ours.afterRestartStoreLoad.p50Ms, result.afterRestartStoreLoad.p50Ms)}` : '')
        : '';
    lines.push(
      [
        '',
        label,
        result.notes,
        documentBytes,
        `${fmt(result.warm.p50Ms, 1)} / ${fmt(result.warm.p95Ms, 1)} / ${fmt(result.warm.maxMs, 1)}`,
        `${kb(result.warm.bytes)} KB`,
        result.afterRestart ? `${fmt(result.afterRestart.p50Ms, 1)} / ${fmt(result.afterRestart.p95Ms, 1)}` : 'n/a (no storage)',
        result.afterRestartStoreLoad ? `${fmt(result.afterRestartStoreLoad.p50Ms, 1)} / ${fmt(result.afterRestartStoreLoad.p95Ms, 1)}` : 'n/a (no storage)',
        isRef && ours ? `${ratio(ours.warm.p50Ms, result.warm.p50Ms)}${afterRestartRatios}` : '',
        isRef && ours ? ratio(ours.warm.bytes, result.warm.bytes) : '',
        '',
      ].join(' | ').trim(),
    );
  }
  // Ours as a browser's first visit joins (ADR 0008): the brief and wall over HTTP, compressed, then the websockets.
  const viaSnapshot = ours?.warmViaSnapshot;
  const reference = results.find((result) => result.server !== 'ours');
  if (ours && viaSnapshot) {
    lines.push(
      [
        '',
        `${SERVER_LABEL.ours}, first visit: snapshot over HTTP (brotli), then websockets`,
        ours.notes,
        '',
        `${fmt(viaSnapshot.p50Ms, 1)} / ${fmt(viaSnapshot.p95Ms, 1)} / ${fmt(viaSnapshot.maxMs, 1)}`,
        `${kb(viaSnapshot.bytes)} KB`,
        '',
        '',
        reference ? `${ratio(viaSnapshot.p50Ms, reference.warm.p50Ms)} (${coldLabelOf(reference)})` : '',
        reference ? ratio(viaSnapshot.bytes, reference.warm.bytes) : '',
        '',
      ].join(' | ').trim(),
    );
  }
  return lines.join('\n');
}

export function publisherTable(result: ColdJoinResult): string {
  if (!result.publisher) return '';
  const lines = [
    '| board | samples | draft update → note on a reader’s wall: p50 / p99 / max (ms) |',
    '|---|---|---|',
    `| ${result.publisher.fullBoard.boardNotes} notes | ${result.publisher.fullBoard.samples} | ${fmt(result.publisher.fullBoard.p50Ms, 2)} / ${fmt(result.publisher.fullBoard.p99Ms, 2)} / ${fmt(result.publisher.fullBoard.maxMs, 2)} |`,
    `| empty | ${result.publisher.emptyBoard.samples} | ${fmt(result.publisher.emptyBoard.p50Ms, 2)} / ${fmt(result.publisher.emptyBoard.p99Ms, 2)} / ${fmt(result.publisher.emptyBoard.maxMs, 2)} |`,
  ];
  if (result.publisherSplit) {
    const parts = [...new Set([...Object.keys(result.publisherSplit.fullBoard), ...Object.keys(result.publisherSplit.emptyBoard)])].sort();
    lines.push('', '| server CPU per published note (mean, from the CPU profile) | 2,000-note board µs | empty board µs |', '|---|---|---|');
    for (const part of parts) lines.push(`| ${part} | ${result.publisherSplit.fullBoard[part] ?? 0} | ${result.publisherSplit.emptyBoard[part] ?? 0} |`);
  }
  return lines.join('\n');
}

export function boardsTable(result: ManyBoardsResult): string {
  return [
    '| boards × people | retained after GC: idle → one per board → all (MiB) | RSS: idle → one per board → all (MiB) | per loaded board | per connection | server CPU % with all connected |',
    '|---|---|---|---|---|---|',
    `| ${result.boards} × ${result.perBoard} | ${fmt(result.retainedIdleMiB, 1)} → ${fmt(result.retainedOnePerBoardMiB, 1)} → ${fmt(result.retainedAllMiB, 1)} | ${fmt(result.rssIdleMiB)} → ${fmt(result.rssOnePerBoardMiB)} → ${fmt(result.rssAllMiB)} | ${fmt(result.perBoardKiB)} KiB | ${fmt(result.perConnectionKiB, 1)} KiB | ${fmt(result.serverCpuPercentAll)} |`,
  ].join('\n');
}

/** The issue's goals, checked against this run's figures. */
export function goals(live: LiveRun[]): string[] {
  const lines: string[] = [];
  const at = (server: Flavour, n: number) => live.find((result) => result.server === server && result.n === n);
  const roundsOf = (server: Flavour, n: number): RoundLatency[] =>
    live.filter((result) => result.server === server && result.n === n).map((result) => ({ round: result.round, ...result.noteLatencyMs }));
  const verdict50 = smallRoomVerdict(roundsOf('ours', 50), roundsOf('hocuspocus', 50));
  if (verdict50) {
    const { ours, theirs } = verdict50;
    const over = verdict50.rounds > 1 ? `medians of ${verdict50.rounds} rounds; no worse at both in ${verdict50.roundsNoWorse} of ${verdict50.rounds} rounds` : 'one round';
    lines.push(`N=50 note p50 and p99 no worse than Hocuspocus's: ${verdict50.isMet ? 'yes' : 'no'} (${fmt(ours.p50, 1)} / ${fmt(ours.p99, 1)} ms vs ${fmt(theirs.p50, 1)} / ${fmt(theirs.p99, 1)} ms; ${over})`);
  }
  const ours500 = at('ours', 500);
  const hocus500 = at('hocuspocus', 500);
  if (ours500) {
    lines.push(`N=500 ours: every note delivered: ${ours500.deliveredPct === 100 ? 'yes' : `no (${ours500.deliveredPct} %)`}; all converged: ${ours500.allConverged ? 'yes' : `no (${ours500.converged}/500)`}`);
    if (hocus500) {
      const p99Ok = (ours500.noteLatencyMs.p99 ?? Infinity) <= (hocus500.noteLatencyMs.p99 ?? 0) / 2;
      const bytesOk = ours500.perClient.bytesPerSecond <= hocus500.perClient.bytesPerSecond / 4;
      lines.push(`N=500 note p99 ≤ half of Hocuspocus's: ${p99Ok ? 'yes' : 'no'} (${fmt(ours500.noteLatencyMs.p99)} ms vs ${fmt(hocus500.noteLatencyMs.p99)} ms)`);
      lines.push(`N=500 bytes per client ≤ a quarter of Hocuspocus's: ${bytesOk ? 'yes' : 'no'} (${kb(ours500.perClient.bytesPerSecond)} KB/s vs ${kb(hocus500.perClient.bytesPerSecond)} KB/s received in the run)`);
      if (hocus500.deliveredInRunPct < 100) {
        lines.push(`  (Hocuspocus delivered only ${hocus500.deliveredInRunPct} % of the notes within the run: its bytes are what reached the clients, not what its design sends)`);
      }
    }
  }
  const ours1000 = at('ours', 1000);
  if (ours1000) {
    const cpu = ours1000.serverProcess.cpuPercent ?? Infinity;
    lines.push(`N=1000 ours: all converged: ${ours1000.allConverged ? 'yes' : `no (${ours1000.converged}/1000)`}; server under one core: ${cpu < 100 ? 'yes' : 'no'} (${fmt(cpu)} % average, ${fmt(ours1000.serverProcess.cpuPeakPercent)} % peak)`);
  }
  return lines;
}

function writeResults(flags: Flags, scenario: string, payload: unknown): string {
  mkdirSync(flags.out, { recursive: true });
  const date = new Date().toISOString().slice(0, 10);
  const file = path.join(flags.out, `${date}-${scenario}${flags.quick ? '-quick' : ''}.json`);
  writeFileSync(file, `${JSON.stringify(payload, null, 2)}\n`);
  return file;
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const started = Date.now();
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const header = {
    date: new Date().toISOString(),
    command: process.argv.length > 2 ? `npm run bench -- ${process.argv.slice(2).join(' ')}` : 'npm run bench',
    machine: machine(),
    loadAverageAtStart: readLoadAverage(),
  };
  log(`Open Ideas Wall load bench — ${header.machine.cores} cores, ${header.machine.memoryGiB} GiB, Node ${header.machine.node}, ${header.machine.commit}`);
  log(`load average at start: ${header.loadAverageAtStart} (other work on the machine skews every figure)`);
  if (flags.servers.includes('ours') || flags.scenarios.has('cold') || flags.scenarios.has('boards') || flags.scenarios.has('scaleout')) ensureBuiltServer();
  // Profiles go straight into the results folder: .gitignore keeps bench/results/*.cpuprofile out of git.
  const profileDir = path.resolve(flags.out);
  if (flags.profile) mkdirSync(profileDir, { recursive: true });
  const summary: string[] = [];

  if (flags.scenarios.has('live')) {
    const results: LiveRun[] = [];
    const runs: Array<{ n: number; server: Flavour; round: number }> = [];
    for (const n of flags.n) {
      const rounds = n <= SMALL_ROOM_MAX_N ? flags.rounds : 1;
      for (let round = 1; round <= rounds; round += 1) for (const server of serverOrderForRound(flags.servers, round)) runs.push({ n, server, round });
    }
    if (flags.servers.includes('ours')) for (const n of flags.oursOnlyN) runs.push({ n, server: 'ours', round: 1 });
    const largestOurs = Math.max(...runs.filter((run) => run.server === 'ours').map((run) => run.n), 0);
    for (const run of runs) {
      if (flags.waitQuietSeconds > 0) await waitForQuietMachine(flags.waitQuietSeconds * 1000, 25, log);
      log(`scenario 1 (live workshop): ${run.server}, N=${run.n}, ${flags.seconds} s${run.round > 1 ? `, round ${run.round}` : ''}`);
      const profile = flags.profile && run.server === 'ours' && run.round === 1 && run.n === Math.min(largestOurs, 500);
      const result = await runLiveWorkshop({
        flavour: run.server,
        n: run.n,
        seconds: flags.seconds,
        drainMs: flags.drainSeconds * 1000,
        workers: flags.workers,
        presenceEveryMs: flags.presenceEveryMs,
        noteEveryMs: flags.noteEveryMs,
        profileDir: profile ? profileDir : undefined,
        cores: flags.cores,
        warmUpMs: flags.warmUpSeconds === undefined ? defaultWarmUpMs(run.n, flags.noteEveryMs) : flags.warmUpSeconds * 1000,
        log,
      });
      results.push({ ...result, round: run.round });
    }
    results.sort((a, b) => a.n - b.n || a.round - b.round || FLAVOURS.indexOf(a.server) - FLAVOURS.indexOf(b.server));
    const file = writeResults(flags, 'live', { ...header, scenario: 'live workshop', results });
    const table = liveTable(results);
    const goalLines = goals(results);
    summary.push('## Scenario 1: live workshop', '', table, '', ...goalLines.map((line) => `- ${line}`), '', `JSON: ${file}`, '');
    for (const result of results) {
      if (!result.profile) continue;
      summary.push(`Profile of our server at N=${result.n} (measured window only): ${result.profile.file}`);
      summary.push(`busy ${result.profile.summary.busyMs} ms of ${result.profile.summary.totalMs} ms; top self time:`);
      for (const entry of result.profile.summary.topSelf.slice(0, 15)) summary.push(`  ${entry.ms.toFixed(1).padStart(8)} ms ${entry.percent.toFixed(1).padStart(5)} %  ${entry.name} ${entry.file}`);
      summary.push('');
      summary.push('by module (self time), with its top functions:');
      for (const area of result.profile.summary.byAreaTopFunctions.slice(0, 12)) {
        summary.push(`  ${area.ms.toFixed(1).padStart(8)} ms ${area.percent.toFixed(1).padStart(5)} %  ${area.name}: ${area.functions.map((entry) => `${entry.name} ${entry.percent.toFixed(1)} %`).join(', ')}`);
      }
      summary.push('');
    }
  }

  if (flags.scenarios.has('scaleout')) {
    const results: LiveResult[] = [];
    for (const n of flags.scaleOutN) {
      for (const deployment of flags.deployments) {
        if (flags.waitQuietSeconds > 0) await waitForQuietMachine(flags.waitQuietSeconds * 1000, 25, log);
        log(`scenario 5 (scale-out): ours, ${deploymentLabel(deployment)}, N=${n}, ${flags.seconds} s; load average ${readLoadAverage()}`);
        results.push(
          await runLiveWorkshop({
            flavour: 'ours',
            deployment,
            n,
            seconds: flags.seconds,
            drainMs: flags.drainSeconds * 1000,
            workers: flags.workers,
            presenceEveryMs: flags.presenceEveryMs,
            noteEveryMs: flags.noteEveryMs,
            log,
          }),
        );
      }
    }
    const file = writeResults(flags, 'scaleout', { ...header, scenario: 'scale-out live workshop', results });
    summary.push('## Scenario 5: scale-out (ours)', '', scaleOutTable(results), '', ...scaleOutGoals(results).map((line) => `- ${line}`), '', `JSON: ${file}`, '');
  }

  if (flags.scenarios.has('cold')) {
    const results: ColdJoinResult[] = [];
    for (const server of flags.servers) {
      if (flags.waitQuietSeconds > 0) await waitForQuietMachine(flags.waitQuietSeconds * 1000, 25, log);
      log(`scenario 2 (cold join)${server === 'ours' ? ' and 3 (publisher cost)' : ''}: ${server}`);
      results.push(
        await runColdJoin({
          flavour: server,
          notes: flags.quick ? 500 : 2_000,
          joins: flags.quick ? 5 : 20,
          restartJoins: flags.quick ? 3 : 20,
          publisherSamples: flags.quick ? 20 : 100,
          profileDir: flags.profile ? profileDir : undefined,
          log,
        }),
      );
    }
    const file = writeResults(flags, 'cold-join', { ...header, scenario: 'cold join and publisher cost', results });
    summary.push('## Scenario 2: cold join', '', coldTable(results), '', `JSON: ${file}`, '');
    const ours = results.find((result) => result.server === 'ours');
    if (ours?.publisher) summary.push('## Scenario 3: publisher cost (ours)', '', publisherTable(ours), '');
  }

  if (flags.scenarios.has('boards') && flags.servers.includes('ours')) {
    log('scenario 4 (many boards): ours');
    const result = await runManyBoards({ boards: flags.quick ? 10 : 100, perBoard: 10, seconds: flags.quick ? 5 : 10, workers: flags.workers, log });
    const file = writeResults(flags, 'many-boards', { ...header, scenario: 'many boards', results: [result] });
    summary.push('## Scenario 4: many boards (ours)', '', boardsTable(result), '', `JSON: ${file}`, '');
  }

  log('');
  log(summary.join('\n'));
  log(`bench finished in ${((Date.now() - started) / 60_000).toFixed(1)} min; load average now ${readLoadAverage()}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);

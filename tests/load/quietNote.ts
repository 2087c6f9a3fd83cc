/**
 * A quiet board, measured note by note (issue 15, goal "N = 50"): our built server as its own process,
 * `people` participants who joined through the invite link (real sessions), each with its wall (read)
 * and its own draft (write) on raw y-protocols websockets. Notes are written one at a time, `gapMs` apart,
 * round-robin over the participants (so no one meets the rate limit), and every other participant's wall
 * reports when the note arrived. Optional presence (`--presence-hz`) adds the live workshop's background.
 *
 * Reports, for the window of the notes:
 * - latency from the writer's draft change to each other wall (all pairs), and to the FIRST wall that
 *   got it (closest to the server's own time: the clients share one process, so later receivers also
 *   wait for the ones before them);
 * - the server's CPU per note: all threads (/proc/<pid>/stat, 10 ms ticks) and its main thread only
 *   (/proc/<pid>/task/<pid>/schedstat, ns): the thread every note waits for;
 * - with `--profile`, a CPU profile of the server (100 µs sampling) summarised over the same window.
 *
 *   npm run build && npx tsx tests/load/quietNote.ts [--people 50] [--notes 300] [--gap-ms 100]
 *     [--presence-hz 0] [--profile] [--json out.json] [--server-flags '--v8-flag …']
 *
 * The server is `dist/server/main.js` under the current directory, so running this file from another
 * checkout's directory (with its own build) measures that code with the same harness.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { addDraftNote } from '../../shared/schema/draftNotes.js';
import { monotonicMicros, readProfile, summariseProfile } from './cpuProfile.js';
import { cpuSeconds } from './procStats.js';
import { createOurBoard, joinParticipants, setUpOfficer } from './ourBoard.js';
import { DocConnection, sharedNow } from './protocol.js';
import { startServerUnderTest } from './servers.js';
import { noteText, parseNoteText } from './simClient.js';

interface Options {
  people: number;
  notes: number;
  gapMs: number;
  presenceHz: number;
  profile: boolean;
  json: string | null;
  noteChars: number;
  /** Count the server's syscalls in the window with `strace -c -f` (slows the server: figures only, not times). */
  syscalls: boolean;
  /** Extra flags for the server's node (V8 tiering experiments), space-separated. */
  serverFlags: string[];
}

function parseOptions(argv: readonly string[]): Options {
  const value = (name: string): string | undefined => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const number = (name: string, fallback: number): number => {
    const text = value(name);
    if (text === undefined) return fallback;
    const parsed = Number(text);
    if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${name} must be a number ≥ 0, not ${text}`);
    return parsed;
  };
  const options: Options = {
    people: number('--people', 50),
    notes: number('--notes', 300),
    gapMs: number('--gap-ms', 100),
    presenceHz: number('--presence-hz', 0),
    profile: argv.includes('--profile'),
    json: value('--json') ?? null,
    noteChars: number('--note-chars', 120),
    syscalls: argv.includes('--syscalls'),
    serverFlags: (value('--server-flags') ?? '').split(' ').filter(Boolean),
  };
  if (options.people < 2) throw new Error('--people must be at least 2 (a writer and a reader)');
  // 10 notes a minute per person is the rule; stay under it so every note is published at once.
  const perPersonPerMinute = (options.notes / options.people) * Math.min(1, 60_000 / (options.notes * options.gapMs));
  if (perPersonPerMinute > 9) throw new Error(`${perPersonPerMinute.toFixed(1)} notes a minute per person would meet the rate limit: more --people or a longer --gap-ms`);
  return options;
}

/** CPU time of one thread in ms (Linux schedstat: ns on the CPU), or null. */
function threadCpuMs(pid: number, tid: number): number | null {
  try {
    return Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return null;
  }
}

function quantile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!; // reason: index clamped into range
}

function summary(samples: number[]): { count: number; p50: number; p90: number; p99: number; max: number; mean: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return {
    count: sorted.length,
    p50: round(quantile(sorted, 0.5)),
    p90: round(quantile(sorted, 0.9)),
    p99: round(quantile(sorted, 0.99)),
    max: round(sorted.at(-1) ?? Number.NaN),
    mean: round(sorted.reduce((sum, ms) => sum + ms, 0) / Math.max(1, sorted.length)),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const profileDir = options.profile ? path.join(tmpdir(), `oiw-quiet-profile-${process.pid}`) : null;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const server = await startServerUnderTest('ours', {
    nodeArgs: [...options.serverFlags, ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-interval=100'] : [])],
    env: { LOG_LEVEL: 'info' },
  });
  const connections: DocConnection[] = [];
  try {
    const officer = await setUpOfficer(server.url, server.setupUrl);
    const board = await createOurBoard(server.url, officer, { people: options.people, problemCount: 3 });
    const people = await joinParticipants(server.url, board, options.people);

    // Sent-at → arrivals, keyed by "writer/seq".
    const sentAt = new Map<string, number>();
    const arrivals = new Map<string, number[]>();
    const walls: Y.Doc[] = [];
    const drafts: Y.Doc[] = [];
    for (const person of people) {
      const wall = new Y.Doc();
      const draft = new Y.Doc();
      walls.push(wall);
      drafts.push(draft);
      wall.getMap<unknown>('notes').observe((event) => {
        if (event.transaction.local) return;
        const arrivedAt = sharedNow();
        for (const [key, change] of event.changes.keys) {
          if (change.action !== 'add') continue;
          const value = wall.getMap<unknown>('notes').get(key);
          const marker = parseNoteText(Array.isArray(value) ? value[0] : (value as { text?: unknown } | undefined)?.text);
          if (!marker || marker.writer === person.index) continue;
          const id = `${marker.writer}/${marker.seq}`;
          const list = arrivals.get(id) ?? [];
          list.push(arrivedAt);
          arrivals.set(id, list);
        }
      });
      const common = { flavour: 'ours' as const, baseUrl: server.url, cookie: person.cookie };
      connections.push(
        new DocConnection({ ...common, docName: `${board.boardId}/wall`, doc: wall }),
        new DocConnection({ ...common, docName: `${board.boardId}/drafts/${person.personId}`, doc: draft }),
      );
    }
    await Promise.all(connections.map((connection) => connection.synced));

    const presenceTimers: NodeJS.Timeout[] = [];
    if (options.presenceHz > 0) {
      const every = 1000 / options.presenceHz;
      const epoch = sharedNow();
      people.forEach((person, index) => {
        const wallConnection = connections[index * 2]!; // reason: two connections per person, wall first
        const send = () =>
          wallConnection.sendPresence(walls[index]!.clientID, { user: { id: person.personId, name: person.name, organisation: person.organisation, role: 'participant' }, typing: null }, Math.round(sharedNow() - epoch)); // reason: same index
        presenceTimers.push(setTimeout(() => presenceTimers.push(setInterval(send, every)), (index / people.length) * every));
      });
    }
    // Let connections settle (the publisher's first decisions, the presence pattern) before measuring.
    await sleep(1_000);

    const strace = options.syscalls ? await startStrace(server.pid) : null;
    const tid = server.pid;
    const cpuBefore = cpuSeconds(server.pid);
    const mainBefore = threadCpuMs(server.pid, tid);
    const windowFrom = monotonicMicros();
    const started = sharedNow();
    // The main thread's CPU per note over each batch of notes: the least of them is the figure least
    // disturbed by other work on the machine (a busy machine inflates CPU time too: caches, steal).
    const batchNotes = Math.max(1, Math.floor(options.notes / 10));
    const batchCpu: number[] = [];
    let batchStartCpu = mainBefore;
    for (let index = 0; index < options.notes; index += 1) {
      if (index > 0 && index % batchNotes === 0) {
        const now = threadCpuMs(server.pid, tid);
        if (now !== null && batchStartCpu !== null) batchCpu.push((now - batchStartCpu) / batchNotes);
        batchStartCpu = now;
      }
      const at = started + index * options.gapMs;
      const wait = at - sharedNow();
      if (wait > 0) await sleep(wait);
      const writer = index % people.length;
      const seq = Math.floor(index / people.length);
      const time = sharedNow();
      sentAt.set(`${writer}/${seq}`, time);
      addDraftNote(drafts[writer]!, { text: noteText(writer, seq, time, options.noteChars), colour: 'yellow', targetId: board.targetIds[index % board.targetIds.length]! }); // reason: indices in range
    }
    // Every note to every other wall, or 5 s.
    const expected = options.notes * (people.length - 1);
    const deadline = sharedNow() + 5_000;
    while ([...arrivals.values()].reduce((sum, list) => sum + list.length, 0) < expected && sharedNow() < deadline) await sleep(20);
    const windowTo = monotonicMicros();
    const cpuAfter = cpuSeconds(server.pid);
    const mainAfter = threadCpuMs(server.pid, tid);
    for (const timer of presenceTimers) clearInterval(timer);
    const syscalls = strace ? await strace.stop() : null;

    const all: number[] = [];
    const first: number[] = [];
    let delivered = 0;
    for (const [id, sent] of sentAt) {
      const list = arrivals.get(id) ?? [];
      delivered += list.length;
      for (const arrivedAt of list) all.push(arrivedAt - sent);
      if (list.length > 0) first.push(Math.min(...list) - sent);
    }
    const result = {
      options,
      load: readFileSync('/proc/loadavg', 'utf8').trim(),
      delivered: `${delivered} / ${expected}`,
      latencyAllMs: summary(all),
      latencyFirstMs: summary(first),
      serverCpuMsPerNote: cpuBefore !== null && cpuAfter !== null ? Math.round(((cpuAfter - cpuBefore) * 1000 * 100) / options.notes) / 100 : null,
      serverMainThreadCpuMsPerNoteByBatch: { least: Math.round(Math.min(...batchCpu) * 1000) / 1000, median: Math.round(quantile([...batchCpu].sort((a, b) => a - b), 0.5) * 1000) / 1000 },
      serverMainThreadCpuMsPerNote: mainBefore !== null && mainAfter !== null ? Math.round(((mainAfter - mainBefore) * 100) / options.notes) / 100 : null,
      syscallsPerNote: syscalls ? Object.fromEntries(Object.entries(syscalls).map(([name, calls]) => [name, Math.round((calls * 100) / options.notes) / 100])) : null,
      windowMicros: { from: windowFrom, to: windowTo },
      profile: null as unknown,
    };
    for (const connection of connections) connection.close();
    connections.length = 0;
    await server.remove();
    if (profileDir) {
      const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
      if (file) {
        const summaryOfProfile = summariseProfile(readProfile(path.join(profileDir, file)), { from: windowFrom, to: windowTo, top: 30 });
        result.profile = { file: path.join(profileDir, file), ...summaryOfProfile };
      }
    }
    process.stdout.write(`${JSON.stringify({ ...result, profile: result.profile ? '(in --json)' : null }, null, 2)}\n`);
    if (result.profile) printProfile(result.profile as ReturnType<typeof summariseProfile>, options.notes);
    if (options.json) writeFileSync(options.json, `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    for (const connection of connections) connection.close();
    await server.remove();
    if (profileDir && !options.profile) rmSync(profileDir, { recursive: true, force: true });
  }
}

/** `strace -c -f` on the server from now until `stop()`: calls per syscall in that window. */
async function startStrace(pid: number): Promise<{ stop(): Promise<Record<string, number>> }> {
  const child = spawn('strace', ['-c', '-f', '-p', String(pid)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // strace says it attached on stderr; give it a moment to attach to every thread.
  await sleep(500);
  return {
    async stop() {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGINT');
      await exited;
      const counts: Record<string, number> = {};
      for (const line of output.split('\n')) {
        const fields = line.trim().split(/\s+/);
        // % time, seconds, usecs/call, calls, [errors], syscall
        if (fields.length >= 5 && /^\d/.test(fields[0] ?? '') && !line.includes('total')) counts[fields.at(-1)!] = Number(fields[3]); // reason: length checked
      }
      return counts;
    },
  };
}

/** The profile's busy time per note, by area and by function (self), and our functions inclusive. */
function printProfile(profile: ReturnType<typeof summariseProfile>, notes: number): void {
  const perNote = (ms: number) => `${((ms * 1000) / notes).toFixed(0).padStart(6)} µs/note`;
  const line = (entry: { ms: number; percent: number; name: string; file: string }) =>
    `  ${perNote(entry.ms)} ${entry.percent.toFixed(1).padStart(5)} %  ${entry.name}${entry.file ? `  (${entry.file})` : ''}`;
  process.stdout.write(`\nprofile: busy ${profile.busyMs} ms of ${profile.totalMs} ms (${perNote(profile.busyMs)})\nby area:\n`);
  for (const area of profile.byArea) process.stdout.write(`${line(area)}\n`);
  process.stdout.write('top self:\n');
  for (const entry of profile.topSelf) process.stdout.write(`${line(entry)}\n`);
  process.stdout.write('our functions, inclusive:\n');
  for (const entry of profile.topInclusiveOurs) process.stdout.write(`${line(entry)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

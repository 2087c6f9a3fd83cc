/**
 * What permessage-deflate on the Yjs websocket costs the server (issue 15, phones), against the built
 * server (`node dist/server/main.js`):
 *
 *   1. CPU: `--joins` cold joins (brief + wall + own draft, as the bench's cold-join scenario) of a
 *      `--notes`-note board, one after another, first by clients that do not offer the extension, then
 *      by clients that do, on the same server. Server CPU (utime + stime from /proc) per block, join time
 *      p50, message bytes and bytes on the wire (the TCP socket's bytesRead) per join.
 *   2. Memory: `--idle` connections that each did a cold join of a small board (`--small-notes` notes,
 *      so its wall is over the 1 KiB threshold and IS compressed) and then stay idle; server RSS before
 *      and after, each after a full garbage collection (through the inspector: RSS alone counts garbage),
 *      with WS_COMPRESSION=on and =off (a fresh server each).
 *
 *   npx tsx tests/load/wsCompressionCost.ts                        (≈ 2 min)
 *   npx tsx tests/load/wsCompressionCost.ts --notes 500 --joins 5 --idle 100
 *
 * The machine is shared: /proc/loadavg is printed beside every figure.
 */
import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { ensureBuiltServer } from '../helpers/builtServer.js';
import { fillOurBoard, roomsOf, waitForNotes } from './coldJoin.js';
import { flagValue } from './flags.js';
import { cookieOf, createOurBoard, joinParticipants, setUpOfficer, type OurBoard, type Participant } from './ourBoard.js';
import { inspectorUrlFrom, memoryAfterGc } from './inspector.js';
import { cpuSeconds, memoryMiB } from './procStats.js';
import { connectAndSync, DocConnection } from './protocol.js';
import { startServerUnderTest, type ServerUnderTest } from './servers.js';
import { median } from './stats.js';

/** Each session may hold 24 connections (MAX_CONNECTIONS_PER_SESSION): the idle ones are spread over sessions of 20. */
const CONNECTIONS_PER_SESSION = 20;

const loadavg = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function boardWithNotes(server: ServerUnderTest, notes: number, extraPeople: number): Promise<{ board: OurBoard; extra: Participant[] }> {
  const officer = await setUpOfficer(server.url, server.setupUrl);
  const writerCount = Math.ceil(notes / 10);
  const board = await createOurBoard(server.url, officer, { title: 'Compression cost', people: writerCount + extraPeople });
  const writers = await joinParticipants(server.url, board, writerCount);
  const extra = await joinParticipants(server.url, board, extraPeople, { firstIndex: writerCount, namePrefix: 'Joiner' });
  const wallDoc = new Y.Doc();
  const wall = await connectAndSync({ flavour: 'ours', baseUrl: server.url, docName: `${board.boardId}/wall`, doc: wallDoc, cookie: cookieOf(officer) });
  const drafts = await fillOurBoard(server, board, writers, Math.min(10, notes), 120);
  await waitForNotes(wallDoc, notes, 180_000);
  for (const draft of [...drafts, wall]) draft.close();
  return { board, extra };
}

interface JoinCost {
  ms: number;
  messageBytes: number;
  wireBytes: number;
}

/** One joiner opens its three documents at once; resolves when all are synced. */
async function coldJoin(server: ServerUnderTest, boardId: string, joiner: Participant, offerDeflate: boolean, notes: number): Promise<JoinCost> {
  const started = performance.now();
  const docs = roomsOf(boardId, joiner).map((docName) => ({ docName, doc: new Y.Doc() }));
  const connections = docs.map(({ docName, doc }) => new DocConnection({ flavour: 'ours', baseUrl: server.url, docName, doc, cookie: joiner.cookie, perMessageDeflate: offerDeflate }));
  try {
    await Promise.all(connections.map((connection) => connection.synced));
    const ms = performance.now() - started;
    const seen = Math.max(...docs.map(({ doc }) => doc.getMap('notes').size));
    if (seen < notes) throw new Error(`the join saw ${seen} of ${notes} notes`);
    return {
      ms,
      messageBytes: connections.reduce((sum, connection) => sum + connection.total.bytes, 0),
      wireBytes: connections.reduce((sum, connection) => sum + (connection.socket?.bytesRead ?? 0), 0),
    };
  } finally {
    for (const connection of connections) connection.close();
    for (const { doc } of docs) doc.destroy();
  }
}

async function measureJoins(notes: number, joins: number): Promise<void> {
  const server = await startServerUnderTest('ours', {});
  try {
    const { board, extra: joiners } = await boardWithNotes(server, notes, joins);
    // Warm the code paths (and load every document) once each way before measuring.
    await coldJoin(server, board.boardId, joiners[0]!, false, notes);
    await coldJoin(server, board.boardId, joiners[0]!, true, notes);
    for (const offerDeflate of [false, true, false, true]) {
      const cpuBefore = cpuSeconds(server.pid) ?? 0;
      const costs: JoinCost[] = [];
      for (const joiner of joiners) {
        costs.push(await coldJoin(server, board.boardId, joiner, offerDeflate, notes));
        await sleep(50);
      }
      const cpu = (cpuSeconds(server.pid) ?? 0) - cpuBefore;
      console.log(
        `${joins} cold joins of ${notes} notes, ${offerDeflate ? 'deflate   ' : 'no deflate'}: server CPU ${(cpu * 1000).toFixed(0)} ms ` +
          `(${((cpu * 1000) / joins).toFixed(1)} ms a join), join p50 ${median(costs.map((cost) => cost.ms))!.toFixed(1)} ms, ` +
          `${median(costs.map((cost) => cost.messageBytes))} message bytes, ${median(costs.map((cost) => cost.wireBytes))} wire bytes a join  [load ${loadavg()}]`,
      );
    }
  } finally {
    await server.remove();
  }
}

async function measureIdleMemory(setting: 'on' | 'off', idle: number, smallNotes: number): Promise<void> {
  const server = await startServerUnderTest('ours', { env: { WS_COMPRESSION: setting }, nodeArgs: ['--inspect=127.0.0.1:0'] });
  const open: DocConnection[] = [];
  try {
    const sessions = Math.ceil(idle / CONNECTIONS_PER_SESSION);
    const { board, extra } = await boardWithNotes(server, smallNotes, sessions);
    const inspectorUrl = inspectorUrlFrom(server.output());
    if (!inspectorUrl) throw new Error('the server printed no inspector URL');
    const before = await memoryAfterGc(inspectorUrl);
    let wireBytes = 0;
    for (let index = 0; index < idle; index += 1) {
      const person = extra[Math.floor(index / CONNECTIONS_PER_SESSION)]!;
      const connection = await connectAndSync({ flavour: 'ours', baseUrl: server.url, docName: `${board.boardId}/wall`, doc: new Y.Doc(), cookie: person.cookie, perMessageDeflate: true });
      wireBytes += connection.socket?.bytesRead ?? 0;
      open.push(connection);
    }
    await sleep(2_000);
    const after = await memoryAfterGc(inspectorUrl);
    const mib = (bytes: number) => bytes / 1024 / 1024;
    const grew = mib(after.rss - before.rss);
    console.log(
      `WS_COMPRESSION=${setting}: ${idle} idle connections after a cold join of ${smallNotes} notes (${Math.round(wireBytes / idle)} wire bytes each): ` +
        `server RSS after a full GC ${mib(before.rss).toFixed(0)} → ${mib(after.rss).toFixed(0)} MiB (+${grew.toFixed(0)} MiB, ${((grew * 1024) / idle).toFixed(0)} KiB a connection; ` +
        `V8 heap +${mib(after.heapUsed - before.heapUsed).toFixed(1)} MiB, external +${mib(after.external - before.external).toFixed(1)} MiB), peak ${memoryMiB(server.pid)?.hwm.toFixed(0)} MiB  [load ${loadavg()}]`,
    );
  } finally {
    for (const connection of open) connection.close();
    await server.remove();
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const notes = Number(flagValue(argv, '--notes') ?? 2_000);
  const joins = Number(flagValue(argv, '--joins') ?? 20);
  const idle = Number(flagValue(argv, '--idle') ?? 1_000);
  const smallNotes = Number(flagValue(argv, '--small-notes') ?? 30);
  ensureBuiltServer();
  console.log(`start [load ${loadavg()}]`);
  if (!argv.includes('--memory-only')) await measureJoins(notes, joins);
  for (const setting of ['off', 'on', 'off', 'on'] as const) await measureIdleMemory(setting, idle, smallNotes);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

/**
 * Scenario 2, cold join: a board with 2,000 notes (200 people × 10 notes, ~120 characters each); a
 * fresh client (no cached copy) joins and is fully synced: ours = brief, wall and its own draft opened
 * in parallel, as the browser does; a reference server = its one shared document. Reported: p50/p95
 * over `joins` joins and the bytes received until synced; for ours also after the server restarted
 * (each join right after a restart, so the board is loaded from the store).
 *
 * Scenario 3, publisher cost (ours only), measured from outside on the same 2,000-note board: the
 * time from a writer's draft update leaving the client to the published note arriving at a wall
 * reader on loopback, one note at a time (so no coalescing wait), compared with an empty board.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import path from 'node:path';
import * as Y from 'yjs';
import { boardSnapshotPath, decodeBoardSnapshot } from '../../shared/protocol/boardSnapshot.js';
import { addDraftNote } from '../../shared/schema/draftNotes.js';
import { rawGet } from '../helpers/rawGet.js';
import { addProblem } from '../../shared/schema/problems.js';
import { inclusiveByNames, monotonicMicros, readProfile } from './cpuProfile.js';
import { cookieOf, createOurBoard, joinParticipants, setUpOfficer, type OurBoard, type Participant } from './ourBoard.js';
import { memoryMiB } from './procStats.js';
import { connectAndSync, DocConnection, sharedNow, type Flavour } from './protocol.js';
import { restartServer, startServerUnderTest, type ServerUnderTest } from './servers.js';
import { addSharedNote, noteText, parseNoteText } from './simClient.js';
import { median, quantileOf, round } from './stats.js';
import { markedVariedNoteText } from './variedText.js';

export interface ColdJoinOptions {
  flavour: Flavour;
  notes?: number;
  notesPerWriter?: number;
  joins?: number;
  /** Ours: joins each right after a restart (0 to skip). */
  restartJoins?: number;
  /** Ours: samples of the publisher's end-to-end cost (0 to skip). */
  publisherSamples?: number;
  noteChars?: number;
  /** Ours: profile the first server process (`node --cpu-prof`) to split the publisher's cost. */
  profileDir?: string;
  log?: (line: string) => void;
}

/**
 * Where a published note's server time goes, from the CPU profile of the publisher measurement: the
 * nearest of these frames on each sample's stack names its part. Function names of our server (a
 * rename there shows up here as 'other busy').
 */
export const PUBLISHER_PARTS: Record<string, string> = {
  'handleFrame@yjs/connection': 'receive: socket read + ws frame parsing',
  'handleUpdate@yjs/connection': 'apply: checks + Y.applyUpdate to the draft',
  'handleUpdate@rooms/SharedDocument': 'encode: broadcast message + queue the append',
  'tick@rooms/WallPublisher': 'decide: read brief + draft, rules',
  'decide@rooms/WallPublisher': 'decide: read brief + draft, rules',
  'identityOf@server/server': 'decide: identity from the store',
  'writeToWall@rooms/WallPublisher': 'write: the wall transaction',
  'transact@yjs': 'write: the wall transaction',
  'afterDecision@rooms/WallPublisher': 'decide: reports to the author',
  'appendDocumentUpdates': 'persist: SQLite commit (fsync)',
  'flush@store/groupCommit': 'persist: SQLite commit (fsync)',
  'sendDocumentMessage@yjs/connection': 'send: ws.send to each reader',
  'sendPresenceMessage@yjs/connection': 'send: ws.send to each reader',
  onStreamRead: 'receive: socket read + ws frame parsing',
  '(garbage collector)': 'garbage collection',
  processTicksAndRejections: 'promise continuations (send chain)',
};

export interface JoinFigures {
  joins: number;
  p50Ms: number | null;
  p95Ms: number | null;
  maxMs: number | null;
  /** Bytes received until synced (median over joins; every join gets the same document). */
  bytes: number | null;
  messages: number | null;
}

export interface PublisherFigures {
  samples: number;
  boardNotes: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

export interface ColdJoinResult {
  scenario: 'cold-join';
  server: Flavour;
  notes: number;
  noteChars: number;
  setupSeconds: number;
  /** Encoded size of the documents a joiner receives (Y.encodeStateAsUpdate), bytes. */
  documentBytes: Record<string, number>;
  warm: JoinFigures;
  /**
   * Ours as a browser joins on a first visit (ADR 0008): the brief and wall from the compressed HTTP
   * snapshot, then every websocket synced; bytes are the HTTP body as sent plus the websockets' bytes.
   */
  warmViaSnapshot?: JoinFigures;
  /** Ours: the first thing after a restart (cold process: code not yet optimised) is this join. */
  afterRestart: JoinFigures | null;
  /** Ours: after a restart and one join on another small board (warm process): the board loads from the store. */
  afterRestartStoreLoad: JoinFigures | null;
  /** Ours: scenario 3 from outside, on the full board and on an empty one. */
  publisher: { fullBoard: PublisherFigures; emptyBoard: PublisherFigures } | null;
  /** Ours with a profile: server CPU per published note by part, µs (mean), on the full and the empty board. */
  publisherSplit: { profile: string; fullBoard: Record<string, number>; emptyBoard: Record<string, number> } | null;
  serverRssMiB: number | null;
  remark: string;
}

async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

export async function runColdJoin(options: ColdJoinOptions): Promise<ColdJoinResult> {
  const log = options.log ?? (() => undefined);
  const totalNotes = options.notes ?? 2_000;
  const perWriter = options.notesPerWriter ?? 10;
  const writers = Math.ceil(totalNotes / perWriter);
  const joins = options.joins ?? 20;
  const restartJoins = options.restartJoins ?? 20;
  const publisherSamples = options.publisherSamples ?? 100;
  const noteChars = options.noteChars ?? 120;
  const started = sharedNow();
  const profileName = `publisher-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`;
  const profiling = options.flavour === 'ours' && options.profileDir !== undefined && publisherSamples > 0;
  // A sample every 100 µs: a note costs a few hundred µs, so the default 1 ms would be too coarse.
  const nodeArgs = profiling ? ['--cpu-prof', '--cpu-prof-interval=100', `--cpu-prof-dir=${options.profileDir}`, `--cpu-prof-name=${profileName}`] : [];
  // Hocuspocus stores with its own SQLite extension here, so it has an after-restart figure too.
  let server = await startServerUnderTest(options.flavour, { nodeArgs, storage: options.flavour === 'hocuspocus' });
  const firstServer = server;
  const windows: { full?: { from: number; to: number; notes: number }; empty?: { from: number; to: number; notes: number } } = {};
  let result: ColdJoinResult;
  const opened: DocConnection[] = [];
  try {
    if (options.flavour !== 'ours') {
      const docName = `bench-cold-${randomBytes(6).toString('hex')}`;
      const anchorDoc = new Y.Doc();
      // The anchor keeps the document loaded (Hocuspocus unloads a document nobody has open).
      const anchor = await connectAndSync({ flavour: options.flavour, baseUrl: server.url, docName, doc: anchorDoc });
      opened.push(anchor);
      const targetIds = [0, 1, 2].map((index) => addProblem(anchorDoc, { title: `Problem ${index + 1}`, body: 'Residents cannot see which branch holds a copy.', userNeeds: 'As a resident I need to…', constraints: 'Within the current budget.' }));
      await fillSharedDocument(server, options.flavour, docName, anchorDoc, targetIds, writers, perWriter, noteChars);
      await waitForNotes(anchorDoc, totalNotes, 120_000);
      const setupSeconds = (sharedNow() - started) / 1000;
      log(`  ${options.flavour} cold join: ${totalNotes} notes ready in ${setupSeconds.toFixed(1)} s`);
      const samples: JoinSample[] = [];
      for (let index = 0; index < joins; index += 1) {
        samples.push(await joinOnce(server, options.flavour, [docName], undefined, totalNotes));
        await sleep(50);
      }
      const serverRssMiB = memoryMiB(server.pid)?.rss ?? null;
      const documentBytes = { shared: Y.encodeStateAsUpdate(anchorDoc).byteLength };
      // The last client gone, Hocuspocus writes the document at once (and again on its way down).
      for (const connection of opened.splice(0)) connection.close();
      const restarts = server.dataDir
        ? await joinAfterRestarts(server, restartJoins, {
            warmUpJoin: (restarted) => joinOnce(restarted, options.flavour, [`${docName}-warm-up`], undefined, 0),
            bigJoin: (restarted) => joinOnce(restarted, options.flavour, [docName], undefined, totalNotes),
            log,
          })
        : null;
      if (restarts) server = restarts.server;
      return {
        scenario: 'cold-join',
        server: options.flavour,
        notes: totalNotes,
        noteChars,
        setupSeconds: round(setupSeconds) ?? 0,
        documentBytes,
        warm: figures(samples),
        afterRestart: restarts && restarts.restartSamples.length > 0 ? figures(restarts.restartSamples) : null,
        afterRestartStoreLoad: restarts && restarts.storeLoadSamples.length > 0 ? figures(restarts.storeLoadSamples) : null,
        publisher: null,
        publisherSplit: null,
        serverRssMiB,
        remark: restarts
          ? 'its own SQLite extension (whole state written on its debounce and when the last client leaves); after restart: the join is the first request of the new process (document loaded from SQLite); store load: after one join on another (empty) document'
          : 'no storage: a restart loses the document, so there is no after-restart figure',
      };
    }

    const officer = await setUpOfficer(server.url, server.setupUrl);
    const officerCookie = cookieOf(officer);
    const publisherWriters = publisherSamples > 0 ? 20 : 0;
    const board = await createOurBoard(server.url, officer, { people: writers + joins + restartJoins + publisherWriters });
    const people = await joinParticipants(server.url, board, writers + joins + restartJoins + publisherWriters);
    const noteWriters = people.slice(0, writers);
    const joiners = people.slice(writers, writers + joins);
    const restartJoiners = people.slice(writers + joins, writers + joins + restartJoins);
    const pubWriters = people.slice(writers + joins + restartJoins);
    const warmUpBoard = await createOurBoard(server.url, officer, { title: 'Load bench: warm-up board', problemCount: 1, people: 1 });
    const [warmUpPerson] = await joinParticipants(server.url, warmUpBoard, 1, { namePrefix: 'Warm-up' });
    const warmUp = { board: warmUpBoard, person: warmUpPerson! }; // reason: one join was asked for
    const wallDoc = new Y.Doc();
    const wall = await connectAndSync({ flavour: 'ours', baseUrl: server.url, docName: `${board.boardId}/wall`, doc: wallDoc, cookie: officerCookie });
    opened.push(wall);
    // Varied text (the same for every server): repeated text would flatter the compressed snapshot.
    const drafts = await fillOurBoard(server, board, noteWriters, perWriter, noteChars, (writer, seq) => markedVariedNoteText(writer, seq, noteChars));
    await waitForNotes(wallDoc, totalNotes, 120_000);
    for (const draft of drafts) draft.close();
    const setupSeconds = (sharedNow() - started) / 1000;
    log(`  ours cold join: ${totalNotes} notes published in ${setupSeconds.toFixed(1)} s`);
    const briefDoc = new Y.Doc();
    const brief = await connectAndSync({ flavour: 'ours', baseUrl: server.url, docName: `${board.boardId}/brief`, doc: briefDoc, cookie: officerCookie });
    brief.close();

    const warmSamples: JoinSample[] = [];
    for (const joiner of joiners) {
      warmSamples.push(await joinOnce(server, 'ours', roomsOf(board.boardId, joiner), joiner.cookie, totalNotes));
      await sleep(50);
    }
    log(`  ours cold join: warm p50 ${median(warmSamples.map((sample) => sample.ms))?.toFixed(1)} ms`);
    const snapshotSamples: JoinSample[] = [];
    for (const joiner of joiners) {
      snapshotSamples.push(await joinOnceViaSnapshot(server, board.boardId, joiner, totalNotes));
      await sleep(50);
    }
    log(`  ours cold join via the snapshot: warm p50 ${median(snapshotSamples.map((sample) => sample.ms))?.toFixed(1)} ms, ${median(snapshotSamples.map((sample) => sample.bytes))} bytes`);

    let publisher: ColdJoinResult['publisher'] = null;
    if (publisherSamples > 0) {
      const full = await measurePublishing(server, board, pubWriters, wallDoc, publisherSamples, noteChars, totalNotes);
      const fullBoard = full.figures;
      windows.full = full.window;
      // The same on an empty board of the same server.
      const emptyBoard = await createOurBoard(server.url, officer, { title: 'Load bench: empty board', people: publisherWriters });
      const emptyWriters = await joinParticipants(server.url, emptyBoard, publisherWriters, { namePrefix: 'Writer' });
      const emptyWallDoc = new Y.Doc();
      const emptyWall = await connectAndSync({ flavour: 'ours', baseUrl: server.url, docName: `${emptyBoard.boardId}/wall`, doc: emptyWallDoc, cookie: officerCookie });
      opened.push(emptyWall);
      const emptyRun = await measurePublishing(server, emptyBoard, emptyWriters, emptyWallDoc, publisherSamples, noteChars, 0);
      const empty = emptyRun.figures;
      windows.empty = emptyRun.window;
      publisher = { fullBoard: fullBoard, emptyBoard: empty };
      log(`  ours publisher: p50 ${fullBoard.p50Ms} ms on ${totalNotes} notes, ${empty.p50Ms} ms on an empty board`);
    }
    const serverRssMiB = memoryMiB(server.pid)?.rss ?? null;

    for (const connection of opened.splice(0)) connection.close();
    const restarts = await joinAfterRestarts(server, restartJoiners.length, {
      warmUpJoin: (restarted) => joinOnce(restarted, 'ours', roomsOf(warmUp.board.boardId, warmUp.person), warmUp.person.cookie, 0),
      bigJoin: (restarted, index) => joinOnce(restarted, 'ours', roomsOf(board.boardId, restartJoiners[index]!), restartJoiners[index]!.cookie, totalNotes), // reason: index < restartJoiners.length
      log,
    });
    server = restarts.server;
    const { restartSamples, storeLoadSamples } = restarts;
    result = {
      scenario: 'cold-join',
      server: 'ours',
      notes: totalNotes,
      noteChars,
      setupSeconds: round(setupSeconds) ?? 0,
      documentBytes: {
        brief: Y.encodeStateAsUpdate(briefDoc).byteLength,
        wall: Y.encodeStateAsUpdate(wallDoc).byteLength,
      },
      warm: figures(warmSamples),
      warmViaSnapshot: figures(snapshotSamples),
      afterRestart: restartSamples.length > 0 ? figures(restartSamples) : null,
      afterRestartStoreLoad: storeLoadSamples.length > 0 ? figures(storeLoadSamples) : null,
      publisher,
      publisherSplit: null,
      serverRssMiB,
      remark:
        'brief, wall and the joiner’s own (empty) draft opened in parallel; after restart: the join is the first request of the new process (board loaded from SQLite, code not yet optimised); store load: after one join on another small board',
    };
  } finally {
    for (const connection of opened) connection.close();
    await firstServer.stop(60_000);
    await server.remove();
  }
  const profileFile = profiling ? path.join(options.profileDir!, profileName) : null; // reason: profiling implies profileDir
  if (profileFile && existsSync(profileFile) && windows.full && windows.empty) {
    const profile = readProfile(profileFile);
    const perNote = (window: { from: number; to: number; notes: number }) => {
      const parts = inclusiveByNames(profile, PUBLISHER_PARTS, window);
      delete parts.idle;
      return Object.fromEntries(Object.entries(parts).map(([part, ms]) => [part, Math.round((ms * 1000) / Math.max(1, window.notes))]));
    };
    result.publisherSplit = { profile: profileFile, fullBoard: perNote(windows.full), emptyBoard: perNote(windows.empty) };
  }
  return result;
}

/**
 * `count` restarts of a server that stores, each followed by joins of the big document. Half the restarts:
 * the big join is the first thing the new process does. The other half: a join of something small first
 * (the code paths get warm), then the big document loads from the store.
 */
async function joinAfterRestarts(
  first: ServerUnderTest,
  count: number,
  joins: {
    warmUpJoin: (server: ServerUnderTest) => Promise<unknown>;
    bigJoin: (server: ServerUnderTest, index: number) => Promise<JoinSample>;
    log: (line: string) => void;
  },
): Promise<{ server: ServerUnderTest; restartSamples: JoinSample[]; storeLoadSamples: JoinSample[] }> {
  let server = first;
  const restartSamples: JoinSample[] = [];
  const storeLoadSamples: JoinSample[] = [];
  const started = sharedNow();
  for (let index = 0; index < count; index += 1) {
    server = await restartServer(server);
    if (index % 2 === 1) {
      await joins.warmUpJoin(server);
      storeLoadSamples.push(await joins.bigJoin(server, index));
    } else {
      restartSamples.push(await joins.bigJoin(server, index));
    }
  }
  if (count > 0) {
    const seconds = ((sharedNow() - started) / 1000).toFixed(1);
    joins.log(
      `  ${server.flavour} cold join after restart: p50 ${median(restartSamples.map((sample) => sample.ms))?.toFixed(1)} ms first in the process, ` +
        `${median(storeLoadSamples.map((sample) => sample.ms))?.toFixed(1)} ms after a warm-up join (${count} restarts in ${seconds} s)`,
    );
  }
  return { server, restartSamples, storeLoadSamples };
}

export function roomsOf(boardId: string, person: Participant): string[] {
  return [`${boardId}/brief`, `${boardId}/wall`, `${boardId}/drafts/${person.personId}`];
}

interface JoinSample {
  ms: number;
  bytes: number;
  messages: number;
}

/** A fresh client opens every document at once; resolves when all are synced, with the time and bytes. */
export async function joinOnce(server: ServerUnderTest, flavour: Flavour, docNames: string[], cookie: string | undefined, expectNotes: number): Promise<JoinSample> {
  const started = sharedNow();
  const docs = docNames.map(() => new Y.Doc());
  const connections = docNames.map((docName, index) => new DocConnection({ flavour, baseUrl: server.url, docName, doc: docs[index]!, cookie })); // reason: same length
  try {
    await Promise.race([
      Promise.all(connections.map((connection) => connection.synced)),
      sleep(60_000).then(() => {
        throw new Error('cold join took over 60 s');
      }),
    ]);
    const ms = Math.max(...connections.map((connection) => connection.syncedAt)) - started;
    const notes = Math.max(...docs.map((doc) => doc.getMap('notes').size));
    if (notes < expectNotes) throw new Error(`cold join saw ${notes} of ${expectNotes} notes`);
    return {
      ms,
      bytes: connections.reduce((sum, connection) => sum + connection.bytesUntilSynced, 0),
      messages: connections.reduce((sum, connection) => sum + connection.total.messages, 0),
    };
  } finally {
    for (const connection of connections) connection.close();
    for (const doc of docs) doc.destroy();
  }
}

/**
 * A fresh browser's first visit (ADR 0008): the brief and the wall come compressed over HTTP (brotli, as
 * a browser over HTTPS asks) while the draft's websocket opens; then the brief's and wall's websockets
 * sync what changed since. Time until every document is synced; bytes as they crossed the network.
 */
export async function joinOnceViaSnapshot(server: ServerUnderTest, boardId: string, joiner: Participant, expectNotes: number): Promise<JoinSample> {
  const started = sharedNow();
  const [brief, wall, draft] = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
  const open = (docName: string, doc: Y.Doc) => new DocConnection({ flavour: 'ours', baseUrl: server.url, docName, doc, cookie: joiner.cookie });
  const connections = [open(`${boardId}/drafts/${joiner.personId}`, draft)];
  try {
    const answer = await rawGet(`${server.url}${boardSnapshotPath(boardId)}`, { cookie: joiner.cookie ?? '', 'accept-encoding': 'gzip, deflate, br' });
    const body = answer.headers['content-encoding'] === 'br' ? brotliDecompressSync(answer.body) : answer.headers['content-encoding'] === 'gzip' ? gunzipSync(answer.body) : answer.body;
    const snapshot = decodeBoardSnapshot(body);
    if (answer.status !== 200 || !snapshot) throw new Error(`the board snapshot answered ${answer.status}`);
    Y.applyUpdate(brief, snapshot.brief);
    Y.applyUpdate(wall, snapshot.wall);
    connections.push(open(`${boardId}/brief`, brief), open(`${boardId}/wall`, wall));
    await Promise.race([
      Promise.all(connections.map((connection) => connection.synced)),
      sleep(60_000).then(() => {
        throw new Error('cold join took over 60 s');
      }),
    ]);
    const ms = Math.max(...connections.map((connection) => connection.syncedAt)) - started;
    if (wall.getMap('notes').size < expectNotes) throw new Error(`cold join saw ${wall.getMap('notes').size} of ${expectNotes} notes`);
    return {
      ms,
      bytes: answer.body.byteLength + connections.reduce((sum, connection) => sum + connection.bytesUntilSynced, 0),
      messages: 1 + connections.reduce((sum, connection) => sum + connection.total.messages, 0),
    };
  } finally {
    for (const connection of connections) connection.close();
    for (const doc of [brief, wall, draft]) doc.destroy();
  }
}

function figures(samples: JoinSample[]): JoinFigures {
  const times = samples.map((sample) => sample.ms);
  return {
    joins: samples.length,
    p50Ms: round(median(times)),
    p95Ms: round(quantileOf(times, 0.95)),
    maxMs: round(times.length > 0 ? Math.max(...times) : null),
    bytes: median(samples.map((sample) => sample.bytes)),
    messages: median(samples.map((sample) => sample.messages)),
  };
}

export async function waitForNotes(doc: Y.Doc, count: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (doc.getMap('notes').size < count) {
    if (Date.now() > deadline) throw new Error(`only ${doc.getMap('notes').size} of ${count} notes arrived within ${timeoutMs} ms`);
    await sleep(50);
  }
}

/**
 * Each writer opens its own draft and adds its notes (the server publishes them). `textOf` makes a note's
 * text (the default repeats one sentence behind a marker, as the other scenarios' notes do).
 */
export async function fillOurBoard(
  server: Pick<ServerUnderTest, 'url'>,
  board: OurBoard,
  writers: Participant[],
  perWriter: number,
  noteChars: number,
  textOf: (writer: number, seq: number) => string = (writer, seq) => noteText(writer, seq, 0, noteChars),
): Promise<DocConnection[]> {
  const opened: DocConnection[] = [];
  let next = 0;
  const worker = async () => {
    for (;;) {
      const writer = writers[next];
      next += 1;
      if (!writer) return;
      const draft = new Y.Doc();
      opened.push(await connectAndSync({ flavour: 'ours', baseUrl: server.url, docName: `${board.boardId}/drafts/${writer.personId}`, doc: draft, cookie: writer.cookie }));
      for (let seq = 0; seq < perWriter; seq += 1) {
        addDraftNote(draft, { text: textOf(writer.index, seq), colour: 'yellow', targetId: board.targetIds[seq % board.targetIds.length]! }); // reason: modulo
      }
    }
  };
  await Promise.all(Array.from({ length: 10 }, () => worker()));
  // The caller keeps the drafts open until it has seen everything published.
  return opened;
}

async function fillSharedDocument(
  server: ServerUnderTest,
  flavour: Flavour,
  docName: string,
  anchorDoc: Y.Doc,
  targetIds: string[],
  writers: number,
  perWriter: number,
  noteChars: number,
): Promise<void> {
  // Notes per writer as the anchor (another client) sees them: a writer leaves once all of its arrived.
  const seen = new Map<number, number>();
  anchorDoc.getMap<unknown>('notes').observe((event) => {
    for (const [key, change] of event.changes.keys) {
      if (change.action !== 'add') continue;
      const record = anchorDoc.getMap<unknown>('notes').get(key);
      const marker = parseNoteText(textOf(record));
      if (marker) seen.set(marker.writer, (seen.get(marker.writer) ?? 0) + 1);
    }
  });
  let next = 0;
  const worker = async () => {
    for (;;) {
      const index = next;
      next += 1;
      if (index >= writers) return;
      const doc = new Y.Doc();
      const connection = await connectAndSync({ flavour, baseUrl: server.url, docName, doc });
      const personId = `person-${index}-${randomBytes(4).toString('hex')}`;
      doc.getMap<unknown>('people').set(personId, { name: `Supplier ${index + 1}`, organisation: `Supplier Company ${index + 1} Ltd`, role: 'participant' });
      for (let seq = 0; seq < perWriter; seq += 1) {
        addSharedNote(doc, personId, { text: markedVariedNoteText(index, seq, noteChars), colour: 'yellow', targetId: targetIds[seq % targetIds.length]! }); // reason: modulo
      }
      const deadline = Date.now() + 30_000;
      while ((seen.get(index) ?? 0) < perWriter && Date.now() < deadline) await sleep(5);
      connection.close();
      doc.destroy();
    }
  };
  await Promise.all(Array.from({ length: 10 }, () => worker()));
}

/**
 * One note at a time, each by the next writer in turn (the rate limit is 10 a minute each), 300 ms apart
 * so the publisher is idle when it arrives: the time from the draft update leaving the writer to the
 * note arriving at a wall reader.
 */
async function measurePublishing(
  server: ServerUnderTest,
  board: OurBoard,
  writers: Participant[],
  wallDoc: Y.Doc,
  samples: number,
  noteChars: number,
  boardNotes: number,
): Promise<{ figures: PublisherFigures; window: { from: number; to: number; notes: number } }> {
  const drafts = await Promise.all(
    writers.map(async (writer) => {
      const doc = new Y.Doc();
      const connection = await connectAndSync({ flavour: 'ours', baseUrl: server.url, docName: `${board.boardId}/drafts/${writer.personId}`, doc, cookie: writer.cookie });
      return { writer, doc, connection };
    }),
  );
  const arrivals = new Map<string, number>();
  const observer = (event: Y.YMapEvent<unknown>) => {
    const now = sharedNow();
    for (const [key, change] of event.changes.keys) {
      if (change.action !== 'add') continue;
      const marker = parseNoteText(textOf(wallDoc.getMap<unknown>('notes').get(key)));
      if (marker) arrivals.set(`${marker.writer}/${marker.seq}`, now);
    }
  };
  wallDoc.getMap<unknown>('notes').observe(observer);
  const latencies: number[] = [];
  // Opening a draft makes the publisher decide it once: let that pass, so no note waits for a coalescing tick.
  await sleep(500);
  const from = monotonicMicros();
  try {
    for (let sample = 0; sample < samples; sample += 1) {
      const draft = drafts[sample % drafts.length]!; // reason: modulo
      const seq = 1_000_000 + sample;
      const sentAt = sharedNow();
      addDraftNote(draft.doc, { text: noteText(draft.writer.index, seq, sentAt, noteChars), colour: 'yellow', targetId: board.targetIds[0]! }); // reason: boards have problems
      const key = `${draft.writer.index}/${seq}`;
      const deadline = Date.now() + 5_000;
      while (!arrivals.has(key) && Date.now() < deadline) await sleep(1);
      const arrivedAt = arrivals.get(key);
      if (arrivedAt !== undefined) latencies.push(arrivedAt - sentAt);
      await sleep(300);
    }
  } finally {
    wallDoc.getMap<unknown>('notes').unobserve(observer);
    for (const draft of drafts) draft.connection.close();
  }
  const window = { from, to: monotonicMicros(), notes: latencies.length };
  return {
    figures: {
      samples: latencies.length,
      boardNotes,
      p50Ms: round(median(latencies), 2),
      p99Ms: round(quantileOf(latencies, 0.99), 2),
      maxMs: round(latencies.length > 0 ? Math.max(...latencies) : null, 2),
    },
    window,
  };
}

/** A note's text in any record form: our wall's compact array (text first), a plain object, or a Y.Map. */
function textOf(record: unknown): unknown {
  if (Array.isArray(record)) return record[0];
  if (record instanceof Y.Map) return record.get('text');
  return (record as { text?: unknown } | undefined)?.text;
}

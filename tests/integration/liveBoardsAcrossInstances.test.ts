/**
 * Issue 11: one live board served by three instances on one PostgreSQL and one Redis (this test's own
 * redis-server, so it can be stopped). Stock-provider clients are spread over the instances, as a load
 * balancer without sticky sessions spreads them; they must all see one board, converge to identical
 * documents, and find each note on the wall exactly once, also across a Redis outage.
 */
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { addDraftNote, readRawDraftNotes } from '../../shared/schema/draftNotes.js';
import { addProblem, problemText } from '../../shared/schema/problems.js';
import { BRIEF_ROOTS, WALL_ROOTS } from '../../shared/schema/roots.js';
import { readWallNotes } from '../../shared/schema/wall.js';
import { createClient } from 'redis';
import * as Y2 from 'yjs';
import { boardStreamKey, ENTRY_FIELD } from '../../server/cluster/busMessages.js';
import { documentNames } from '../../server/rooms/BoardRoom.js';
import { newBrowserClient } from '../helpers/http.js';
import { type Instance, sameBrowserOn, startInstances, useClusterFixtures } from '../helpers/clusterInstances.js';
import { boardWithPeople, connectDevice, docFromStored, rooms, stateVectorOf, type BoardWithPeople } from '../helpers/liveBoard.js';
import { rootsJson, waitFor, type LiveProvider } from '../helpers/liveClients.js';

const WALL_ROOT_NAMES = Object.values(WALL_ROOTS);

const cluster = useClusterFixtures();
const { open } = cluster;


interface Seat {
  instance: Instance;
  draft: LiveProvider;
  wall: LiveProvider;
  personId: string;
}

/** Every supplier on the instance of their index (round robin), with their draft and the wall open there. */
async function seatSuppliers(board: BoardWithPeople, instances: Instance[]): Promise<Seat[]> {
  return Promise.all(
    board.suppliers.map(async (supplier, index) => {
      const instance = instances[index % instances.length]!;
      const client = await sameBrowserOn(instance, supplier.client);
      const connect = async (room: string) => open.add(await connectDevice(instance.url, room, client), (live) => live.destroy());
      const [draft, wall] = await Promise.all([connect(rooms.draft(board.boardId, supplier.personId)), connect(rooms.wall(board.boardId))]);
      return { instance, draft, wall, personId: supplier.personId };
    }),
  );
}

/** The officer writes a problem on instance A: the target every note is written for. */
async function problemOnBrief(board: BoardWithPeople, instance: Instance): Promise<string> {
  const brief = open.add(await connectDevice(instance.url, rooms.brief(board.boardId), board.officer.client), (live) => live.destroy());
  return addProblem(brief.doc, { title: 'Repairs need second visits', body: 'Tenants wait.' });
}

function wallNoteKeys(doc: Y.Doc): string[] {
  return [...readWallNotes(doc).keys()];
}

async function serverWalls(instances: Instance[], boardId: string): Promise<Y.Doc[]> {
  const walls: Y.Doc[] = [];
  for (const instance of instances) {
    const room = await instance.server.rooms.loaded(boardId);
    if (room) walls.push(room.wall.doc);
  }
  return walls;
}

/** Every client copy and every instance's copy of the wall: the same state vector and the same JSON. */
async function expectOneWall(seats: Seat[], instances: Instance[], boardId: string): Promise<void> {
  const copies = [...seats.map((seat) => seat.wall.doc), ...(await serverWalls(instances, boardId))];
  const [first, ...others] = copies as [Y.Doc, ...Y.Doc[]];
  for (const other of others) {
    expect(stateVectorOf(other)).toEqual(stateVectorOf(first));
    expect(rootsJson(other, WALL_ROOT_NAMES)).toEqual(rootsJson(first, WALL_ROOT_NAMES));
  }
}

/** Waits until every copy of the wall is identical, then asserts it (so a failure shows the difference). */
async function untilOneWall(seats: Seat[], instances: Instance[], boardId: string, timeoutMs: number): Promise<void> {
  await waitFor(
    () =>
      expectOneWall(seats, instances, boardId).then(
        () => true,
        () => false,
      ),
    { timeoutMs, what: 'every copy of the wall identical' },
  ).catch(() => undefined);
  await expectOneWall(seats, instances, boardId);
}

describe('[#11] one live board on three instances', () => {
  it('suppliers spread over three instances see one wall: every note once, every copy identical, all stored', async () => {
    const instances = await startInstances(cluster.database, cluster.redis.url, 3, open);
    const [a] = instances as [Instance];
    const board = await boardWithPeople(a, { supplierCount: 6 });
    const seats = await seatSuppliers(board, instances);
    const problemId = await problemOnBrief(board, instances[1]!);

    const NOTES_EACH = 5;
    for (let round = 0; round < NOTES_EACH; round += 1) {
      for (const seat of seats) addDraftNote(seat.draft.doc, { text: `Idea ${round} from ${seat.personId.slice(0, 6)}`, colour: 'yellow', targetId: problemId });
    }
    const expected = seats.flatMap((seat) => [...readRawDraftNotes(seat.draft.doc).keys()].map((noteId) => `${seat.personId}:${noteId}`)).sort();
    expect(expected).toHaveLength(seats.length * NOTES_EACH);

    await waitFor(() => seats.every((seat) => wallNoteKeys(seat.wall.doc).length === expected.length), { timeoutMs: 20_000, what: 'every note on every client’s wall' });
    for (const seat of seats) expect(wallNoteKeys(seat.wall.doc).sort()).toEqual(expected);
    await untilOneWall(seats, instances, board.boardId, 10_000);

    // Exactly one instance publishes the board's wall.
    const publishers = instances.filter((instance) => instance.server.rooms.publishedHereCount === 1);
    expect(publishers).toHaveLength(1);
    // And the database holds it all (whichever instance stored it).
    const stored = docFromStored(await a.store.loadDocument(documentNames.wall(board.boardId)));
    expect(wallNoteKeys(stored).sort()).toEqual(expected);
  }, 60_000);

  it('Redis away for ten seconds while people write: every instance keeps serving, then everything converges with nothing lost', async () => {
    const instances = await startInstances(cluster.database, cluster.redis.url, 3, open);
    const [a] = instances as [Instance];
    const board = await boardWithPeople(a, { supplierCount: 6 });
    const seats = await seatSuppliers(board, instances);
    const problemId = await problemOnBrief(board, a);
    for (const seat of seats) addDraftNote(seat.draft.doc, { text: 'Before the outage', colour: 'yellow', targetId: problemId });
    await waitFor(() => seats.every((seat) => wallNoteKeys(seat.wall.doc).length === seats.length), { timeoutMs: 20_000, what: 'the first notes everywhere' });

    await cluster.redis.stop();
    const outageStarted = Date.now();
    await waitFor(async () => (await (await newBrowserClient(a.url)).get('/readyz')).body.degraded === 'redis-unreachable', { what: '/readyz to report the outage' });
    for (const seat of seats) addDraftNote(seat.draft.doc, { text: 'During the outage', colour: 'blue', targetId: problemId });
    // Each instance still serves its own people: a supplier's draft is stored wherever they are.
    await waitFor(() => seats.every((seat) => seat.draft.provider.synced), { what: 'drafts in sync during the outage' });
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 10_000 - (Date.now() - outageStarted))));
    await cluster.redis.start();

    for (const seat of seats) addDraftNote(seat.draft.doc, { text: 'After the outage', colour: 'green', targetId: problemId });
    const expected = seats.flatMap((seat) => [...readRawDraftNotes(seat.draft.doc).keys()].map((noteId) => `${seat.personId}:${noteId}`)).sort();
    expect(expected).toHaveLength(seats.length * 3);
    await waitFor(() => seats.every((seat) => wallNoteKeys(seat.wall.doc).length === expected.length), { timeoutMs: 30_000, what: 'every note on every wall after the outage' });
    for (const seat of seats) expect(wallNoteKeys(seat.wall.doc).sort()).toEqual(expected);
    await untilOneWall(seats, instances, board.boardId, 15_000);
    await waitFor(async () => (await (await newBrowserClient(a.url)).get('/readyz')).body.degraded === undefined, { what: '/readyz clean again' });
  }, 90_000);

  it('bad messages on a board’s stream are dropped or answered by a catch-up, never applied blindly, and nobody is cut off', async () => {
    const instances = await startInstances(cluster.database, cluster.redis.url, 2, open);
    const [a, b] = instances as [Instance, Instance];
    const board = await boardWithPeople(a, { supplierCount: 2 });
    const seats = await seatSuppliers(board, instances);
    const problemId = await problemOnBrief(board, a);
    const attacker = createClient({ url: cluster.redis.url });
    await attacker.connect();
    open.add(attacker, (client) => client.close());
    const key = boardStreamKey(board.boardId);
    const garbage = [
      'not json',
      JSON.stringify({ origin: 'x', number: 1, payload: { kind: 'update', document: '../../etc', update: 'AAAA' } }),
      JSON.stringify({ origin: 'x', number: 2, payload: { kind: 'update', document: 'wall', update: '%%%' } }),
      JSON.stringify({ origin: 'x', number: 3, payload: { kind: 'unknown' } }),
      // Well-formed, but the bytes are not a Yjs update: applying fails, and the board catches up instead.
      JSON.stringify({ origin: 'x', number: 4, payload: { kind: 'update', document: 'wall', update: Buffer.from([255, 255, 255, 1, 2]).toString('base64') } }),
    ];
    for (const entry of garbage) await attacker.xAdd(key, '*', { [ENTRY_FIELD]: entry });
    await attacker.xAdd(key, '*', { other: 'field' });

    for (const seat of seats) addDraftNote(seat.draft.doc, { text: 'After the garbage', colour: 'yellow', targetId: problemId });
    await waitFor(() => seats.every((seat) => wallNoteKeys(seat.wall.doc).length === seats.length), { timeoutMs: 20_000, what: 'the notes on both instances' });
    const metrics = await (await fetch(`${b.url}/metrics`)).text();
    expect(Number(/^oiw_bus_dropped_total\{reason="malformed"\} (\d+)/m.exec(metrics)?.[1] ?? 0)).toBeGreaterThanOrEqual(5);
    await untilOneWall(seats, instances, board.boardId, 10_000);
    expect(Y2.encodeStateVector((await a.server.rooms.loaded(board.boardId))!.wall.doc)).toEqual(Y2.encodeStateVector((await b.server.rooms.loaded(board.boardId))!.wall.doc));
  }, 60_000);

  it('two officers on two instances typing into one brief: both instances compact again and again while both append, and the store loses nothing', async () => {
    const instances = await startInstances(cluster.database, cluster.redis.url, 2, open);
    const [a, b] = instances as [Instance, Instance];
    const board = await boardWithPeople(a, { supplierCount: 0 });
    const onA = open.add(await connectDevice(a.url, rooms.brief(board.boardId), board.officer.client), (live) => live.destroy());
    const onB = open.add(await connectDevice(b.url, rooms.brief(board.boardId), await sameBrowserOn(b, board.officer.client)), (live) => live.destroy());
    const problemId = addProblem(onA.doc, { title: 'Typing race', body: '' });
    await waitFor(() => problemText(onB.doc, problemId, 'body') !== null, { what: 'the problem on B' });
    // Both instances fold the stored log again and again while both keep appending.
    const roomA = (await a.server.rooms.loaded(board.boardId))!;
    const roomB = (await b.server.rooms.loaded(board.boardId))!;
    const compactions: Array<Promise<unknown>> = [];
    const KEYSTROKES = 1_600;
    for (let index = 0; index < KEYSTROKES; index += 1) {
      problemText(onA.doc, problemId, 'body')!.insert(0, 'a');
      problemText(onB.doc, problemId, 'body')!.insert(0, 'b');
      if (index % 200 === 100) compactions.push(roomA.brief.compactNow(), roomB.brief.compactNow());
      if (index % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const bodyOf = (doc: Y.Doc) => problemText(doc, problemId, 'body')?.toString() ?? '';
    await waitFor(() => bodyOf(onA.doc).length === 2 * KEYSTROKES && bodyOf(onB.doc).length === 2 * KEYSTROKES, { timeoutMs: 30_000, what: 'every keystroke on both' });
    expect(bodyOf(onA.doc)).toEqual(bodyOf(onB.doc));
    // Both instances compacted (the log was folded at least twice), and the stored brief is the whole brief.
    const name = documentNames.brief(board.boardId);
    await Promise.all(compactions);
    expect((await a.store.describeDocumentLog(name)).snapshotThroughSeq).toBeGreaterThan(0);
    for (const instance of instances) await (await instance.server.rooms.loaded(board.boardId))?.settle();
    const stored = docFromStored(await a.store.loadDocument(name));
    expect(bodyOf(stored)).toEqual(bodyOf(onA.doc));
    expect(stored.store.pendingStructs).toBeNull();
    expect(rootsJson(stored, Object.values(BRIEF_ROOTS))).toEqual(rootsJson(onA.doc, Object.values(BRIEF_ROOTS)));
  }, 90_000);

  it('when the publisher dies between a commit and the stream, the instance taking over tells every other instance to read the board again', async () => {
    const instances = await startInstances(cluster.database, cluster.redis.url, 3, open);
    const [a, b, c] = instances as [Instance, Instance, Instance];
    const board = await boardWithPeople(a, { supplierCount: 0 });
    const wallOn = async (instance: Instance) =>
      open.add(await connectDevice(instance.url, rooms.wall(board.boardId), await sameBrowserOn(instance, board.officer.client)), (live) => live.destroy());
    const onA = await wallOn(a);
    await waitFor(() => a.server.rooms.publishedHereCount === 1, { what: 'A publishes the board' });
    const onB = await wallOn(b);
    const onC = await wallOn(c);
    // A change A committed, but A died before putting it on the stream: only the store has it.
    const lost = new Y2.Doc();
    lost.getMap(WALL_ROOTS.meta).set('committedLast', 'by the instance that died');
    await a.store.appendDocumentUpdates([{ documentName: documentNames.wall(board.boardId), update: Y2.encodeStateAsUpdate(lost) }]);
    // A dies: its Redis connection stops (no renewal, nothing more on the streams), its sockets go.
    onA.destroy();
    a.redis.commands.destroy();
    a.redis.subscriber.destroy();
    await waitFor(() => b.server.rooms.publishedHereCount + c.server.rooms.publishedHereCount === 1, { timeoutMs: 15_000, what: 'B or C to take over' });
    // Whichever took over, BOTH survivors' people get the change.
    for (const [name, wall] of [['B', onB], ['C', onC]] as const) {
      await waitFor(() => wall.doc.getMap(WALL_ROOTS.meta).get('committedLast') === 'by the instance that died', { timeoutMs: 10_000, what: `the last change on ${name}` });
    }
  }, 60_000);
});

/**
 * Issue 11, socket.io across instances: two instances on one PostgreSQL database and one Redis (a
 * redis-server of this test's own). An emit to a room on instance A reaches a socket.io client connected to
 * instance B through the Redis Streams adapter; an event every instance sends itself reaches each client
 * once, not once per instance; and a Redis outage neither stops an instance nor loses what is sent after.
 */
import type { Socket } from 'socket.io-client';
import { beforeEach, describe, expect, it } from 'vitest';
import { addDraftNote } from '../../shared/schema/draftNotes.js';
import { type Instance, sameBrowserOn, startInstances, useClusterFixtures } from '../helpers/clusterInstances.js';
import { newBrowserClient } from '../helpers/http.js';
import { boardWithPeople, connectBoardSocket, connectDevice, listenForNoteStatus, rooms, unusedId, type BoardWithPeople } from '../helpers/liveBoard.js';
import { waitFor } from '../helpers/liveClients.js';
import { expectStatus } from './scenario.js';

const cluster = useClusterFixtures();
const { open } = cluster;
let a: Instance;
let b: Instance;
let board: BoardWithPeople;

beforeEach(async () => {
  [a, b] = (await startInstances(cluster.database, cluster.redis.url, 2, open)) as [Instance, Instance];
  board = await boardWithPeople(a, { supplierCount: 1 });
});

/** Every `event` a socket gets from now on. */
function recordEvents(socket: Socket, event: string): unknown[] {
  const received: unknown[] = [];
  socket.on(event, (payload: unknown) => received.push(payload));
  return received;
}

/**
 * The supplier writes, on instance A, a draft note aimed at a problem that does not exist: A's publisher holds
 * it back and tells the author why ('note-status' to the author's room). Resolves with the note's id.
 */
async function draftNoteHeldBackOnA(): Promise<string> {
  const supplier = board.suppliers[0]!;
  const draft = open.add(await connectDevice(a.url, rooms.draft(board.boardId, supplier.personId), supplier.client), (live) => live.destroy());
  return addDraftNote(draft.doc, { text: 'For a problem nobody wrote yet', colour: 'blue', targetId: unusedId() });
}

describe('[#11] socket.io events across instances', () => {
  it('a note-status decided on A reaches its author’s socket.io connection on B', async () => {
    const supplier = board.suppliers[0]!;
    const onB = open.add(await listenForNoteStatus(b.url, await sameBrowserOn(b, supplier.client), board.boardId), (listener) => listener.close());
    const noteId = await draftNoteHeldBackOnA();
    await waitFor(() => onB.events.some((report) => report.notPublished.some((entry) => entry.noteId === noteId)), {
      what: 'the author on B told why the note waits',
    });
    expect(onB.latest()?.notPublished.find((entry) => entry.noteId === noteId)).toMatchObject({ kind: 'deferred', rule: 'unknown-target' });
    expect(b.server.rooms.loadedCount, 'B never loaded the board: the event came from A').toBe(0);
  });

  it('an author whose page connects on B, where the board is loaded but not published, gets the publisher’s report from A', async () => {
    const supplier = board.suppliers[0]!;
    const noteId = await draftNoteHeldBackOnA();
    await waitFor(async () => (await a.server.rooms.loaded(board.boardId))?.publisher.reportFor(supplier.personId).notPublished.some((entry) => entry.noteId === noteId) ?? false, {
      what: 'A decided the note (nobody was listening then)',
    });
    // The board is loaded on B too (someone reads the wall there), but A publishes it.
    open.add(await connectDevice(b.url, rooms.wall(board.boardId), await sameBrowserOn(b, board.officer.client)), (live) => live.destroy());
    await waitFor(async () => (await b.server.rooms.loaded(board.boardId)) !== null, { what: 'the board loaded on B' });
    expect(b.server.rooms.publishedHereCount, 'B does not publish the board').toBe(0);
    const onB = open.add(await listenForNoteStatus(b.url, await sameBrowserOn(b, supplier.client), board.boardId), (listener) => listener.close());
    await waitFor(() => onB.events.some((report) => report.notPublished.some((entry) => entry.noteId === noteId)), {
      what: 'the author on B told, at connect, why the note waits',
    });
  });

  it('an event every instance sends itself (the board archived) reaches each client once, not once per instance', async () => {
    const officerOnB = await sameBrowserOn(b, board.officer.client);
    const socketOnA = open.add(await connectBoardSocket(a.url, board.officer.client, board.boardId), (socket) => socket.disconnect());
    const socketOnB = open.add(await connectBoardSocket(b.url, officerOnB, board.boardId), (socket) => socket.disconnect());
    const seenOnA = recordEvents(socketOnA, 'board-status-changed');
    const seenOnB = recordEvents(socketOnB, 'board-status-changed');

    expectStatus(await board.officer.client.post(`/api/boards/${board.boardId}/archive`), 200);
    expectStatus(await board.officer.client.post(`/api/boards/${board.boardId}/restore`), 200);
    await waitFor(() => seenOnA.length >= 2 && seenOnB.length >= 2, { what: 'both clients told the board changed, twice' });
    // A duplicate would come from the other instance, through Redis, within milliseconds: give it ample time.
    await sleep(500);
    expect(seenOnA, 'A’s client').toHaveLength(2);
    expect(seenOnB, 'B’s client').toHaveLength(2);
  });
});

describe('[#11] socket.io across instances during a Redis outage', () => {
  it('keeps both instances serving, and events sent after Redis is back cross again', async () => {
    const supplier = board.suppliers[0]!;
    const onB = open.add(await listenForNoteStatus(b.url, await sameBrowserOn(b, supplier.client), board.boardId), (listener) => listener.close());
    await cluster.redis.stop();
    await waitFor(async () => (await (await newBrowserClient(a.url)).get('/readyz')).body.degraded === 'redis-unreachable', { what: '/readyz to report the outage' });
    // Both instances still answer promptly (the adapter's reader waits for Redis instead of spinning).
    const startedAt = Date.now();
    for (const instance of [a, b]) expectStatus(await (await newBrowserClient(instance.url)).get('/healthz'), 200);
    expect(Date.now() - startedAt).toBeLessThan(1_000);
    expect(onB.socket.connected).toBe(true);

    await cluster.redis.start();
    await waitFor(async () => (await (await newBrowserClient(b.url)).get('/readyz')).body.degraded === undefined, { what: '/readyz to be clean again' });
    const noteId = await draftNoteHeldBackOnA();
    await waitFor(() => onB.events.some((report) => report.notPublished.some((entry) => entry.noteId === noteId)), {
      what: 'the author on B told why the note waits, after the outage',
      timeoutMs: 10_000,
    });
  }, 60_000);
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Issue 11: presence across instances. People connected to instance B are shown to people on instance A
 * (and back), as on one instance: the identity B stamped from the session, typing to officers only, gone
 * when they leave, and gone after the expiry when B dies without a word.
 */
import { describe, expect, it } from 'vitest';
import { Awareness, applyAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { isNoteTargetId } from '../../shared/schema/brief.js';
import { addProblem } from '../../shared/schema/problems.js';
import { type Instance, type InstanceOptions, sameBrowserOn, startInstances, useClusterFixtures } from '../helpers/clusterInstances.js';
import { awarenessUpdatesOf, boardWithPeople, connectDevice, rooms, type BoardWithPeople, type Person } from '../helpers/liveBoard.js';
import { connectRaw, waitFor, type LiveProvider, type RawClient } from '../helpers/liveClients.js';

const cluster = useClusterFixtures();
const { open } = cluster;


/** Short enough for a test: a heartbeat every half second, a state not heard of for 2 s is gone. */
const FAST_PRESENCE: InstanceOptions = { presenceTimes: { heartbeatMs: 500, expiryMs: 2_000 } };

interface Scene {
  a: Instance;
  b: Instance;
  /** A third instance, when asked for (the board is not loaded there yet). */
  c: Instance | undefined;
  board: BoardWithPeople;
  /** The officer's wall on A, watching presence as the stock provider sees it. */
  watcher: LiveProvider;
  /** A problem of the brief, known on both instances: something to be typing for. */
  problemId: string;
}

async function scene(options: InstanceOptions = {}, count = 2): Promise<Scene> {
  const [a, b, c] = (await startInstances(cluster.database, cluster.redis.url, count, open, options)) as [Instance, Instance, Instance | undefined];
  const board = await boardWithPeople(a, { supplierCount: 2 });
  const watcher = await device(a, rooms.wall(board.boardId), board.officer);
  const brief = await device(a, rooms.brief(board.boardId), board.officer);
  const problemId = addProblem(brief.doc, { title: 'Repairs need second visits' });
  // The instance where a person types checks `typing` against its own copy of the brief (the officer's
  // brief open on B too keeps the board loaded there).
  const briefOnB = await device(b, rooms.brief(board.boardId), board.officer);
  await waitFor(() => isNoteTargetId(briefOnB.doc, problemId), { what: 'the problem on B' });
  return { a, b, c, board, watcher, problemId };
}

async function device(instance: Instance, room: string, person: Person): Promise<LiveProvider> {
  const client = await sameBrowserOn(instance, person.client);
  return open.add(await connectDevice(instance.url, room, client), (live) => live.destroy());
}

async function rawWall(instance: Instance, boardId: string, person: Person): Promise<RawClient> {
  const client = await sameBrowserOn(instance, person.client);
  return open.add(await connectRaw(instance.url, rooms.wall(boardId), client), (connection) => connection.close());
}

function statesAt(live: LiveProvider): Map<number, Record<string, unknown>> {
  return live.provider.awareness.getStates() as Map<number, Record<string, unknown>>;
}

/** Every state a raw client was sent for `clientId`, in order, as the stock awareness would apply them. */
function statesSentFor(raw: RawClient, clientId: number): unknown[] {
  return awarenessUpdatesOf(raw.received).flatMap((update) => {
    const view = new Awareness(new Y.Doc());
    applyAwarenessUpdate(view, update, 'server');
    const state = view.getStates().get(clientId);
    view.destroy();
    return state === undefined ? [] : [state];
  });
}

describe('[#11] presence across instances', () => {
  it('shows a person connected to B on A with the identity B stamped, counts them once, and removes them when they leave', async () => {
    const { a, b, board, watcher } = await scene();
    const supplier = board.suppliers[0]!;
    const onB = await device(b, rooms.wall(board.boardId), supplier);
    const clientId = onB.doc.clientID;
    // The client claims to be the officer; B stamps who the session says it is.
    onB.provider.awareness.setLocalState({ user: { id: board.officer.personId, name: 'Priya Shah', organisation: 'The council', role: 'officer' }, typing: null });

    await waitFor(() => statesAt(watcher).has(clientId), { what: 'the supplier on B shown on A' });
    expect(statesAt(watcher).get(clientId)).toEqual({
      user: { id: supplier.personId, name: supplier.name, organisation: supplier.organisation, role: 'participant' },
      typing: null,
    });
    // A's people: the officer here and the supplier on B; the supplier opening a second tab on A counts once.
    const roomOnA = (await a.server.rooms.loaded(board.boardId))!;
    expect(roomOnA.presence.peopleCount).toBe(2);
    const secondTab = await device(a, rooms.wall(board.boardId), supplier);
    await waitFor(() => statesAt(watcher).has(secondTab.doc.clientID), { what: 'the second tab on A' });
    expect(roomOnA.presence.peopleCount).toBe(2);
    secondTab.destroy();

    onB.provider.destroy();
    await waitFor(() => !statesAt(watcher).has(clientId), { what: 'the supplier gone from A after leaving B' });
    expect(roomOnA.presence.peopleCount).toBe(1);
    expect(watcher.closes).toEqual([]);
  }, 60_000);

  it('sends typing on B to officers on A, and never to a participant on A', async () => {
    const { a, b, board, watcher, problemId } = await scene();
    const [writer, otherSupplier] = board.suppliers as [Person, Person];
    const participantOnA = await rawWall(a, board.boardId, otherSupplier);
    const onB = await device(b, rooms.wall(board.boardId), writer);
    const clientId = onB.doc.clientID;
    await waitFor(() => statesSentFor(participantOnA, clientId).length > 0, { what: 'the writer’s arrival at the participant on A' });
    // The arrival may come twice (in the newcomer's first view and in a tick): wait for a quiet spell.
    let count = statesSentFor(participantOnA, clientId).length;
    let quietSince = Date.now();
    await waitFor(() => {
      const now = statesSentFor(participantOnA, clientId).length;
      if (now !== count) [count, quietSince] = [now, Date.now()];
      return Date.now() - quietSince > 400;
    }, { what: 'presence at the participant to settle' });
    const before = statesSentFor(participantOnA, clientId).length;

    for (const typing of [problemId, null, problemId]) {
      onB.provider.awareness.setLocalStateField('typing', typing);
      await waitFor(() => statesAt(watcher).get(clientId)?.typing === typing, { what: `typing ${typing} at the officer on A` });
    }
    // Time for anything else to arrive at the participant: several presence ticks and a heartbeat.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const seen = statesSentFor(participantOnA, clientId);
    // Nothing about the writer because they wrote (A's renewals to participants come every 14 s).
    expect(seen.length).toBe(before);
    for (const state of seen) {
      expect(state).toEqual({ user: { id: writer.personId, name: writer.name, organisation: writer.organisation, role: 'participant' }, typing: null });
    }
    expect(awarenessUpdatesOf(participantOnA.received).map((update) => Buffer.from(update).toString('latin1')).join('')).not.toContain(problemId);
    expect(participantOnA.isOpen()).toBe(true);
  }, 60_000);

  it('keeps a client id its person’s across instances: a state from B never takes over an id another person holds on A', async () => {
    const { a, b, c, board, watcher } = await scene({}, 3);
    const [owner, other] = board.suppliers as [Person, Person];
    const ownerDoc = open.add(new Y.Doc(), (doc) => doc.destroy());
    const onA = await connectDevice(a.url, rooms.wall(board.boardId), await sameBrowserOn(a, owner.client), { doc: ownerDoc });
    open.add(onA, (live) => live.provider.destroy());
    await waitFor(() => statesAt(watcher).has(ownerDoc.clientID), { what: 'the owner on A' });
    // B knows them too (the officer and the owner, both on A), so B holds the id for the owner.
    const roomOnB = (await b.server.rooms.loaded(board.boardId))!;
    await waitFor(() => roomOnB.presence.peopleCount === 2, { what: 'the owner known on B' });

    // Another person on B announces the owner's client id (any client can pick any id).
    const squatterDoc = new Y.Doc();
    squatterDoc.clientID = ownerDoc.clientID;
    open.add(squatterDoc, (doc) => doc.destroy());
    const squatter = open.add(await connectDevice(b.url, rooms.wall(board.boardId), await sameBrowserOn(b, other.client), { doc: squatterDoc }), (live) => live.provider.destroy());
    squatter.provider.awareness.setLocalStateField('typing', null);
    const mark = await device(b, rooms.wall(board.boardId), other);
    await waitFor(() => statesAt(watcher).has(mark.doc.clientID), { what: 'a later arrival from B on A' });
    expect(statesAt(watcher).get(ownerDoc.clientID)).toMatchObject({ user: { id: owner.personId } });

    // The owner leaves. C, where the board was not loaded, never heard of them: it lets the other person
    // take the id there, but A still keeps it for the owner.
    onA.provider.disconnect();
    await waitFor(() => !statesAt(watcher).has(ownerDoc.clientID), { what: 'the owner gone from A' });
    squatter.provider.destroy();
    const squatterOnCDoc = new Y.Doc();
    squatterOnCDoc.clientID = ownerDoc.clientID;
    open.add(squatterOnCDoc, (doc) => doc.destroy());
    const squatterOnC = open.add(await connectDevice(c!.url, rooms.wall(board.boardId), await sameBrowserOn(c!, other.client), { doc: squatterOnCDoc }), (live) => live.provider.destroy());
    squatterOnC.provider.awareness.setLocalStateField('typing', null);
    const markOnC = await device(c!, rooms.wall(board.boardId), other);
    await waitFor(() => statesAt(watcher).has(markOnC.doc.clientID), { what: 'a later arrival from C on A' });
    expect(statesAt(watcher).has(ownerDoc.clientID)).toBe(false);
    squatterOnC.provider.destroy();

    // The owner moves from A to B (same device, same client id): shown from B now, and still as themself.
    const moved = await connectDevice(b.url, rooms.wall(board.boardId), await sameBrowserOn(b, owner.client), { doc: ownerDoc });
    open.add(moved, (live) => live.provider.destroy());
    await waitFor(() => statesAt(watcher).has(ownerDoc.clientID), { what: 'the owner, now on B, shown on A' });
    expect(statesAt(watcher).get(ownerDoc.clientID)).toMatchObject({ user: { id: owner.personId, name: owner.name } });
  }, 60_000);

  it('tells the other instances that its people left when it shuts down', async () => {
    const { b, board, watcher } = await scene();
    const onB = await device(b, rooms.wall(board.boardId), board.suppliers[0]!);
    const clientId = onB.doc.clientID;
    await waitFor(() => statesAt(watcher).has(clientId), { what: 'the supplier on B shown on A' });
    const closingAt = Date.now();
    await b.server.close();
    // Long before the default expiry (30 s): B said so.
    await waitFor(() => !statesAt(watcher).has(clientId), { timeoutMs: 5_000, what: 'the supplier gone from A when B shut down' });
    expect(Date.now() - closingAt).toBeLessThan(5_000);
  }, 60_000);

  it('forgets the people of an instance that died without a word, after the expiry', async () => {
    const { b, board, watcher } = await scene(FAST_PRESENCE);
    const onB = await device(b, rooms.wall(board.boardId), board.suppliers[0]!);
    const clientId = onB.doc.clientID;
    await waitFor(() => statesAt(watcher).has(clientId), { what: 'the supplier on B shown on A' });
    // Heartbeats keep them shown well past the expiry.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(statesAt(watcher).has(clientId)).toBe(true);

    // B dies: its Redis connection just stops (nothing more reaches the stream), then it goes away. Its
    // shutdown tries to send its people as left, and cannot.
    b.redis.commands.destroy();
    const diedAt = Date.now();
    await b.server.close();
    await waitFor(() => !statesAt(watcher).has(clientId), { timeoutMs: 10_000, what: 'the supplier of the dead instance expired on A' });
    // Not at once (a left message takes a tick or two): by the expiry, with a heartbeat's slack.
    const goneAfterMs = Date.now() - diedAt;
    expect(goneAfterMs).toBeGreaterThan(1_000);
    expect(goneAfterMs).toBeLessThan(8_000);
    expect(watcher.closes).toEqual([]);
  }, 60_000);
});

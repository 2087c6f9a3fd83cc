/**
 * Presence (awareness) on the wall connection (THREATS.md C): the server stamps identity from the
 * session, ignores states for other connections' client ids, bounds and validates states, and
 * removes a connection's state when it goes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { addProblem } from '../../shared/schema/problems.js';
import { addServiceMap, addStage } from '../../shared/schema/serviceMaps.js';
import type { BrowserClient } from '../helpers/http.js';
import { isNoteTargetId } from '../../shared/schema/brief.js';
import { Disposables, awarenessMessage, awarenessUpdatesOf, boardWithPeople, closeOf, connectDevice, rooms, withServerRoom, type BoardWithPeople } from '../helpers/liveBoard.js';
import { connectRaw, waitFor, type LiveProvider, type RawClient } from '../helpers/liveClients.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';
import { handWrittenAwareness } from '../helpers/handWrittenAwareness.js';

describe('presence on the wall', () => {
  let server: TestServer;
  let board: BoardWithPeople;
  let boardId: string;
  /** The officer's wall, watching everyone's presence as the stock provider sees it. */
  let watcher: LiveProvider;
  /** Ids the brief knows: `typing` may name one of these, and nothing else. */
  let targets: { someTarget: string; victimTarget: string; attackerMarker: string; victimAgain: string; protoTarget: string; here: string };
  const open = new Disposables();

  const attacker = () => board.suppliers[0]!;
  const victim = () => board.suppliers[1]!;
  const statesSeen = () => watcher.provider.awareness.getStates() as Map<number, Record<string, unknown>>;

  beforeEach(async () => {
    server = await startTestServer();
    board = await boardWithPeople(server, { supplierCount: 2 });
    boardId = board.boardId;
    watcher = await device(rooms.wall(boardId), board.officer.client);
    const brief = await device(rooms.brief(boardId), board.officer.client);
    const mapId = addServiceMap(brief.doc, { title: 'Getting a repair' });
    const stage = (title: string) => addStage(brief.doc, mapId, { title }) ?? '';
    targets = {
      someTarget: addProblem(brief.doc, { title: 'Repairs need second visits' }),
      victimTarget: stage('Report'),
      attackerMarker: stage('Book'),
      victimAgain: addProblem(brief.doc, { title: 'Letters are unclear' }),
      protoTarget: stage('Visit'),
      here: stage('Follow up'),
    };
    await withServerRoom(server, boardId, (room) =>
      waitFor(() => Object.values(targets).every((id) => isNoteTargetId(room.brief.doc, id)), { what: 'the brief at the server' }),
    );
  });

  afterEach(async () => {
    await open.disposeAll();
    await server.remove();
  });

  async function device(room: string, client: BrowserClient): Promise<LiveProvider> {
    return open.add(await connectDevice(server.url, room, client), (live) => live.destroy());
  }

  async function rawWall(client: BrowserClient): Promise<RawClient> {
    return open.add(await connectRaw(server.url, rooms.wall(boardId), client), (connection) => connection.close());
  }

  /** A raw client's own awareness, on its own Y.Doc (so its own client id). */
  function ownAwareness(state: Record<string, unknown>): { awareness: Awareness; clientId: number } {
    const doc = open.add(new Y.Doc(), (owned) => owned.destroy());
    const awareness = open.add(new Awareness(doc), (owned) => owned.destroy());
    awareness.setLocalState(state);
    return { awareness, clientId: doc.clientID };
  }

  it('shows others the name, organisation and role the server knows, whatever the client claims', async () => {
    const connection = await rawWall(attacker().client);
    const { awareness, clientId } = ownAwareness({
      user: { id: board.officer.personId, name: 'Priya Shah', organisation: 'The council', role: 'officer' },
      typing: targets.someTarget,
      colour: 'red;background:url(https://evil.example)',
    });
    connection.send(awarenessMessage(encodeAwarenessUpdate(awareness, [clientId])));
    await waitFor(() => statesSeen().has(clientId), { what: 'the attacker’s presence at the watcher' });
    expect(statesSeen().get(clientId)).toEqual({
      user: { id: attacker().personId, name: attacker().name, organisation: attacker().organisation, role: 'participant' },
      typing: targets.someTarget,
    });
    expect(connection.isOpen()).toBe(true);
  });

  it('ignores a state sent for another connection’s client id', async () => {
    const victimWall = await device(rooms.wall(boardId), victim().client);
    const victimId = victimWall.doc.clientID;
    victimWall.provider.awareness.setLocalStateField('typing', targets.victimTarget);
    await waitFor(() => statesSeen().get(victimId)?.typing === targets.victimTarget, { what: 'the victim’s presence at the watcher' });
    const victimState = statesSeen().get(victimId);

    const connection = await rawWall(attacker().client);
    const { awareness, clientId: attackerId } = ownAwareness({ typing: targets.attackerMarker });
    // First a forged state for the victim's id, then a "left" (null) with a higher clock, then the attacker's own state.
    connection.send(awarenessMessage(handWrittenAwareness([{ clientId: victimId, clock: 1_000, state: JSON.stringify({ typing: 'forged' }) }])));
    connection.send(awarenessMessage(handWrittenAwareness([{ clientId: victimId, clock: 2_000, state: 'null' }])));
    connection.send(awarenessMessage(encodeAwarenessUpdate(awareness, [attackerId])));
    await waitFor(() => statesSeen().get(attackerId)?.typing === targets.attackerMarker, { what: 'the attacker’s own presence' });

    expect(statesSeen().get(victimId)).toEqual(victimState);
    expect(statesSeen().get(victimId)).toMatchObject({ user: { id: victim().personId, name: victim().name }, typing: targets.victimTarget });
    // The victim's own later change still goes through.
    victimWall.provider.awareness.setLocalStateField('typing', targets.victimAgain);
    await waitFor(() => statesSeen().get(victimId)?.typing === targets.victimAgain, { what: 'the victim’s next presence change' });
  });

  it('closes a connection that sends a 1 MB state, and one just over the state limit', async () => {
    for (const size of [1_000_000, 3_000]) {
      const connection = await rawWall(attacker().client);
      const { clientId } = ownAwareness({});
      const state = JSON.stringify({ typing: 'x', padding: 'p'.repeat(size) });
      connection.send(awarenessMessage(handWrittenAwareness([{ clientId, clock: 1, state }])));
      const close = await closeOf(connection);
      expect(close.code, `a state of ${size} characters: ${close.reason}`).toBe(4413);
      expect(statesSeen().has(clientId)).toBe(false);
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(watcher.closes).toEqual([]);
  });

  it('closes a connection that sends a state that is not an object with 4400', async () => {
    for (const state of [JSON.stringify('x'), '42', '[1,2]', 'not json']) {
      const connection = await rawWall(attacker().client);
      const { clientId } = ownAwareness({});
      connection.send(awarenessMessage(handWrittenAwareness([{ clientId, clock: 1, state }])));
      const close = await closeOf(connection);
      expect(close.code, `state ${state}: ${close.reason}`).toBe(4400);
      expect(statesSeen().has(clientId)).toBe(false);
    }
    expect(watcher.closes).toEqual([]);
  });

  it('lets a __proto__ key in a state pollute nothing and reach no one', async () => {
    const connection = await rawWall(attacker().client);
    const { clientId } = ownAwareness({});
    const state = '{"__proto__":{"isAdmin":true},"typing":"' + targets.protoTarget + '","constructor":{"prototype":{"isAdmin":true}}}';
    connection.send(awarenessMessage(handWrittenAwareness([{ clientId, clock: 1, state }])));
    // Refused (4400) or stripped to the known fields: both are fine; anything else reaching the watcher is not.
    await Promise.race([
      connection.closed,
      waitFor(() => statesSeen().has(clientId), { what: 'the state at the watcher' }),
    ]);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    if (connection.isOpen()) {
      expect(statesSeen().get(clientId)).toEqual({
        user: { id: attacker().personId, name: attacker().name, organisation: attacker().organisation, role: 'participant' },
        typing: targets.protoTarget,
      });
    } else {
      expect((await connection.closed).code).toBe(4400);
    }
  });

  it('removes a connection’s presence for everyone when it goes, even without saying goodbye', async () => {
    for (const leave of ['close', 'vanish'] as const) {
      const connection = await rawWall(attacker().client);
      const { awareness, clientId } = ownAwareness({ typing: targets.here });
      connection.send(awarenessMessage(encodeAwarenessUpdate(awareness, [clientId])));
      await waitFor(() => statesSeen().has(clientId), { what: 'the presence at the watcher' });
      if (leave === 'close') connection.close();
      else connection.ws.terminate();
      await waitFor(() => !statesSeen().has(clientId), { what: `the presence gone after ${leave}` });
    }
    // A stock provider that leaves is removed too.
    const other = await device(rooms.wall(boardId), victim().client);
    const otherId = other.doc.clientID;
    other.provider.awareness.setLocalStateField('typing', targets.here);
    await waitFor(() => statesSeen().get(otherId)?.typing === targets.here, { what: 'the other presence' });
    other.provider.destroy();
    await waitFor(() => !statesSeen().has(otherId), { what: 'the other presence gone' });
  });

  it('[#10.7] shows a supplier’s writing to officers only: another supplier is sent nothing about it', async () => {
    const writerWall = await device(rooms.wall(boardId), attacker().client);
    const otherSupplier = await rawWall(victim().client);
    otherSupplier.send(awarenessMessage(encodeAwarenessUpdate(ownAwareness({ typing: null }).awareness, [])));
    // The writer's arrival is news the other supplier may have (it says nothing of writing): wait for it first.
    const writerShown = () => {
      const view = new Awareness(new Y.Doc());
      for (const update of awarenessUpdatesOf(otherSupplier.received)) applyAwarenessUpdate(view, update, 'server');
      const isShown = view.getStates().has(writerWall.doc.clientID);
      view.destroy();
      return isShown;
    };
    await waitFor(writerShown, { what: 'the writer’s arrival at the other supplier' });
    // The arrival may come twice (in the newcomer's first view and in the tick that announces it): wait for
    // a quiet spell of several presence ticks before counting.
    let count = awarenessUpdatesOf(otherSupplier.received).length;
    let quietSince = Date.now();
    await waitFor(
      () => {
        const now = awarenessUpdatesOf(otherSupplier.received).length;
        if (now !== count) [count, quietSince] = [now, Date.now()];
        return Date.now() - quietSince > 400;
      },
      { what: 'presence at the other supplier to settle' },
    );
    const before = awarenessUpdatesOf(otherSupplier.received).length;
    // Starts a note (it may become confidential), stops, starts again on a stage.
    for (const typing of [targets.someTarget, null, targets.victimTarget]) {
      writerWall.provider.awareness.setLocalStateField('typing', typing);
      await waitFor(() => statesSeen().get(writerWall.doc.clientID)?.typing === typing, { what: `typing ${typing} at the officer` });
    }
    // Give the server ticks enough to have sent anything it would send.
    const settled = Date.now() + 500;
    await waitFor(() => Date.now() > settled, { what: 'a few presence ticks' });
    const seen = new Awareness(open.add(new Y.Doc(), (doc) => doc.destroy()));
    for (const update of awarenessUpdatesOf(otherSupplier.received)) applyAwarenessUpdate(seen, update, 'server');
    expect(seen.getStates().get(writerWall.doc.clientID)).toEqual({
      user: { id: attacker().personId, name: attacker().name, organisation: attacker().organisation, role: 'participant' },
      typing: null,
    });
    // Nothing went to the other supplier about the writer because of the writing (renewals of people who
    // have been here a while may come; the writer joined too recently for one).
    const after = awarenessUpdatesOf(otherSupplier.received).slice(before);
    expect(after.map((update) => Buffer.from(update).toString('latin1')).join('')).not.toMatch(new RegExp(`${targets.someTarget}|${targets.victimTarget}`));
    const aboutWriter = after.flatMap((update) => {
      const view = new Awareness(new Y.Doc());
      applyAwarenessUpdate(view, update, 'server');
      const states = [...view.getStates().entries()].filter(([clientId]) => clientId === writerWall.doc.clientID);
      view.destroy();
      return states;
    });
    expect(aboutWriter).toEqual([]);
    expect(otherSupplier.isOpen()).toBe(true);
    seen.destroy();
  });

  it('[#10.8] relays `typing` only as a problem or stage id of the brief', async () => {
    const writerWall = await device(rooms.wall(boardId), attacker().client);
    const id = writerWall.doc.clientID;
    for (const typing of [targets.someTarget, 'x'.repeat(40), 'an-id-the-brief-does-not-know', targets.here]) {
      writerWall.provider.awareness.setLocalStateField('typing', typing);
      const expected = typing === targets.someTarget || typing === targets.here ? typing : null;
      await waitFor(() => statesSeen().get(id)?.typing === expected, { what: `typing ${typing} shown as ${expected}` });
    }
    expect(writerWall.closes).toEqual([]);
  });

  it('[#10.8] a new socket cannot take a departed person’s client id, and the person is shown again when they return', async () => {
    const victimDoc = open.add(new Y.Doc(), (doc) => doc.destroy());
    const first = await connectDevice(server.url, rooms.wall(boardId), victim().client, { doc: victimDoc });
    const victimId = victimDoc.clientID;
    first.provider.awareness.setLocalStateField('typing', targets.victimTarget);
    await waitFor(() => statesSeen().get(victimId)?.typing === targets.victimTarget, { what: 'the victim at the watcher' });
    const awareness = first.provider.awareness;
    first.provider.disconnect();
    await waitFor(() => !statesSeen().has(victimId), { what: 'the victim gone' });

    // The attacker claims the departed id, with a clock far ahead, on a new socket.
    const squatter = await rawWall(attacker().client);
    squatter.send(awarenessMessage(handWrittenAwareness([{ clientId: victimId, clock: 1_000_000, state: JSON.stringify({ typing: targets.someTarget }) }])));
    // And its own id afterwards: once that shows, the squat has been handled.
    const { awareness: attackerAwareness, clientId: attackerId } = ownAwareness({ typing: null });
    squatter.send(awarenessMessage(encodeAwarenessUpdate(attackerAwareness, [attackerId])));
    await waitFor(() => statesSeen().has(attackerId), { what: 'the attacker’s own presence' });
    expect(statesSeen().has(victimId)).toBe(false);

    // The victim comes back: same device, same client id, same awareness clock.
    first.provider.connect();
    await waitFor(() => statesSeen().get(victimId)?.typing === targets.victimTarget, { what: 'the returning victim shown again' });
    expect(statesSeen().get(victimId)).toMatchObject({ user: { id: victim().personId, name: victim().name } });
    expect(awareness.getLocalState()).toMatchObject({ typing: targets.victimTarget });
    expect(squatter.isOpen()).toBe(true);
    first.provider.destroy();
  });
});

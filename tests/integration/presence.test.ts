/**
 * Presence (awareness) on the wall connection (THREATS.md C): the server stamps identity from the
 * session, ignores states for other connections' client ids, bounds and validates states, and
 * removes a connection's state when it goes.
 */
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { BrowserClient } from '../helpers/http.js';
import { Disposables, awarenessMessage, boardWithPeople, closeOf, connectDevice, rooms, type BoardWithPeople } from '../helpers/liveBoard.js';
import { connectRaw, waitFor, type LiveProvider, type RawClient } from '../helpers/liveClients.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';

/** An awareness update written by hand: any client id, clock and state text. */
function handWrittenAwareness(entries: Array<{ clientId: number; clock: number; state: string }>): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, state);
  }
  return encoding.toUint8Array(encoder);
}

describe('presence on the wall', () => {
  let server: TestServer;
  let board: BoardWithPeople;
  let boardId: string;
  /** The officer's wall, watching everyone's presence as the stock provider sees it. */
  let watcher: LiveProvider;
  const open = new Disposables();

  const attacker = () => board.suppliers[0]!;
  const victim = () => board.suppliers[1]!;
  const statesSeen = () => watcher.provider.awareness.getStates() as Map<number, Record<string, unknown>>;

  beforeEach(async () => {
    server = await startTestServer();
    board = await boardWithPeople(server, { supplierCount: 2 });
    boardId = board.boardId;
    watcher = await device(rooms.wall(boardId), board.officer.client);
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
      typing: 'someTarget',
      colour: 'red;background:url(https://evil.example)',
    });
    connection.send(awarenessMessage(encodeAwarenessUpdate(awareness, [clientId])));
    await waitFor(() => statesSeen().has(clientId), { what: 'the attacker’s presence at the watcher' });
    expect(statesSeen().get(clientId)).toEqual({
      user: { id: attacker().personId, name: attacker().name, organisation: attacker().organisation, role: 'participant' },
      typing: 'someTarget',
    });
    expect(connection.isOpen()).toBe(true);
  });

  it('ignores a state sent for another connection’s client id', async () => {
    const victimWall = await device(rooms.wall(boardId), victim().client);
    const victimId = victimWall.doc.clientID;
    victimWall.provider.awareness.setLocalStateField('typing', 'victimTarget');
    await waitFor(() => statesSeen().get(victimId)?.typing === 'victimTarget', { what: 'the victim’s presence at the watcher' });
    const victimState = statesSeen().get(victimId);

    const connection = await rawWall(attacker().client);
    const { awareness, clientId: attackerId } = ownAwareness({ typing: 'attackerMarker' });
    // First a forged state for the victim's id, then a "left" (null) with a higher clock, then the attacker's own state.
    connection.send(awarenessMessage(handWrittenAwareness([{ clientId: victimId, clock: 1_000, state: JSON.stringify({ typing: 'forged' }) }])));
    connection.send(awarenessMessage(handWrittenAwareness([{ clientId: victimId, clock: 2_000, state: 'null' }])));
    connection.send(awarenessMessage(encodeAwarenessUpdate(awareness, [attackerId])));
    await waitFor(() => statesSeen().get(attackerId)?.typing === 'attackerMarker', { what: 'the attacker’s own presence' });

    expect(statesSeen().get(victimId)).toEqual(victimState);
    expect(statesSeen().get(victimId)).toMatchObject({ user: { id: victim().personId, name: victim().name }, typing: 'victimTarget' });
    // The victim's own later change still goes through.
    victimWall.provider.awareness.setLocalStateField('typing', 'victimAgain');
    await waitFor(() => statesSeen().get(victimId)?.typing === 'victimAgain', { what: 'the victim’s next presence change' });
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
    const state = '{"__proto__":{"isAdmin":true},"typing":"protoTarget","constructor":{"prototype":{"isAdmin":true}}}';
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
        typing: 'protoTarget',
      });
    } else {
      expect((await connection.closed).code).toBe(4400);
    }
  });

  it('removes a connection’s presence for everyone when it goes, even without saying goodbye', async () => {
    for (const leave of ['close', 'vanish'] as const) {
      const connection = await rawWall(attacker().client);
      const { awareness, clientId } = ownAwareness({ typing: `leaving by ${leave}` });
      connection.send(awarenessMessage(encodeAwarenessUpdate(awareness, [clientId])));
      await waitFor(() => statesSeen().has(clientId), { what: 'the presence at the watcher' });
      if (leave === 'close') connection.close();
      else connection.ws.terminate();
      await waitFor(() => !statesSeen().has(clientId), { what: `the presence gone after ${leave}` });
    }
    // A stock provider that leaves is removed too.
    const other = await device(rooms.wall(boardId), victim().client);
    const otherId = other.doc.clientID;
    other.provider.awareness.setLocalStateField('typing', 'here');
    await waitFor(() => statesSeen().get(otherId)?.typing === 'here', { what: 'the other presence' });
    other.provider.destroy();
    await waitFor(() => !statesSeen().has(otherId), { what: 'the other presence gone' });
  });
});

/**
 * Fan-out under load (issue 7): presence is coalesced per board, and a client that stops reading is
 * dropped instead of growing the server's memory.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { isNoteTargetId } from '../../shared/schema/brief.js';
import { addProblem } from '../../shared/schema/problems.js';
import { Disposables, awarenessMessage, awarenessUpdatesOf, boardWithPeople, rooms, withServerRoom } from '../helpers/liveBoard.js';
import { connectProvider, connectRaw, waitFor, type RawClient } from '../helpers/liveClients.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';

describe('fan-out', () => {
  let server: TestServer;
  const open = new Disposables();

  afterEach(async () => {
    await open.disposeAll();
    await server.remove();
  });

  it('coalesces presence: 20 clients × 20 changes in one tick give each a few messages and everyone’s latest state', async () => {
    server = await startTestServer();
    const board = await boardWithPeople(server, { supplierCount: 20 });
    // Typing may only name problems or stages of the brief: one problem per round.
    const brief = open.add(await connectProvider(server.url, rooms.brief(board.boardId), board.officer.client), (live) => live.destroy());
    const targets = Array.from({ length: 20 }, (_, round) => addProblem(brief.doc, { title: `Problem ${round}` }));
    await withServerRoom(server, board.boardId, (room) =>
      waitFor(() => targets.every((id) => isNoteTargetId(room.brief.doc, id)), { what: 'the problems at the server' }),
    );
    // Officers see who is writing where; suppliers see who is here.
    const officerRaw = open.add(await connectRaw(server.url, rooms.wall(board.boardId), board.officer.client), (connection) => connection.close());
    const clients: Array<{ raw: RawClient; awareness: Awareness }> = [];
    for (const supplier of board.suppliers) {
      const raw = open.add(await connectRaw(server.url, rooms.wall(board.boardId), supplier.client), (connection) => connection.close());
      clients.push({ raw, awareness: new Awareness(new Y.Doc()) });
    }
    const receivers = [officerRaw, ...clients.map(({ raw }) => raw)];
    // Let the join-time messages arrive, then count only what the burst causes.
    await waitFor(() => clients.every(({ raw }) => raw.received.length > 0), { what: 'every client welcomed' });
    for (const { raw, awareness } of clients) {
      awareness.setLocalState({ typing: null });
      raw.send(awarenessMessage(encodeAwarenessUpdate(awareness, [awareness.clientID])));
    }
    const ids = clients.map(({ awareness }) => awareness.clientID);
    // What each client would know by applying what the server sent it.
    const knownBy = (raw: RawClient) => {
      const view = new Awareness(new Y.Doc());
      for (const update of awarenessUpdatesOf(raw.received)) applyAwarenessUpdate(view, update, 'server');
      return view.getStates();
    };
    // (Everyone but themselves: a person's own states come with clock 0, never applied over their own.)
    const othersOf = (raw: RawClient) => ids.filter((_, index) => clients[index]!.raw !== raw);
    await waitFor(() => receivers.every((raw) => othersOf(raw).every((id) => knownBy(raw).has(id))), { what: 'everyone shown everywhere' });
    const countsBefore = receivers.map((raw) => awarenessUpdatesOf(raw.received).length);
    for (let round = 0; round < 20; round += 1) {
      for (const { raw, awareness } of clients) {
        awareness.setLocalState({ typing: targets[round] });
        raw.send(awarenessMessage(encodeAwarenessUpdate(awareness, [awareness.clientID])));
      }
    }
    await waitFor(
      () => {
        const states = knownBy(officerRaw);
        return ids.every((id) => (states.get(id) as { typing?: string } | undefined)?.typing === targets[19]);
      },
      { what: 'everyone’s latest state at the officer', timeoutMs: 5_000 },
    );
    const burstMessages = receivers.map((raw, index) => awarenessUpdatesOf(raw.received).length - countsBefore[index]!);
    // 400 changes in all; forwarded one by one that would be 400 messages to each client.
    expect(Math.max(...burstMessages)).toBeLessThanOrEqual(5);
    // Suppliers are sent nothing about where others write.
    for (const { raw } of clients) {
      const states = knownBy(raw);
      expect(othersOf(raw).every((id) => (states.get(id) as { typing?: unknown } | undefined)?.typing === null)).toBe(true);
    }
  });

  it('drops a client that stops reading, while the others keep receiving, without growing memory', async () => {
    server = await startTestServer();
    const board = await boardWithPeople(server, { supplierCount: 2 });
    const [slow, steady] = board.suppliers as [(typeof board.suppliers)[0], (typeof board.suppliers)[0]];
    const slowRaw = open.add(await connectRaw(server.url, rooms.brief(board.boardId), slow!.client), (c) => c.close());
    const steadyRaw = open.add(await connectRaw(server.url, rooms.brief(board.boardId), steady!.client), (c) => c.close());
    const writer = open.add(await connectRaw(server.url, rooms.brief(board.boardId), board.officer.client), (c) => c.close());
    // The slow phone stops reading: its socket's buffers fill and the server's send buffer grows.
    (slowRaw.ws as unknown as { _socket: { pause(): void } })._socket.pause();

    const rssBefore = process.memoryUsage().rss;
    const doc = new Y.Doc();
    const text = doc.getText('bulk');
    const started = Date.now();
    let sent = 0;
    let slowClosed: { code: number } | null = null;
    void slowRaw.closed.then((closed) => (slowClosed = closed));
    // About 400 KB per update; stop as soon as the slow client is dropped (or after 60 updates, 24 MB).
    while (!slowClosed && sent < 60) {
      const before = Y.encodeStateVector(doc);
      text.insert(0, 'y'.repeat(400_000));
      writer.sendUpdate(Y.encodeStateAsUpdate(doc, before));
      sent += 1;
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    (slowRaw.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    await waitFor(() => slowClosed !== null, { timeoutMs: 15_000, what: 'the slow client dropped' });
    expect(slowClosed!.code).toBe(4408);
    expect(Date.now() - started).toBeLessThan(20_000);
    // The steady client received every update.
    await waitFor(() => steadyRaw.received.length >= sent, { timeoutMs: 15_000, what: 'the steady client keeps up' });
    expect(steadyRaw.isOpen()).toBe(true);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(400 * 1024 * 1024);
  });
});

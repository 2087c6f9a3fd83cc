/**
 * Issue 10 item 6: connections are bounded per session (MAX_CONNECTIONS_PER_SESSION, Yjs and socket.io
 * together) and per server (MAX_CONNECTIONS). Past a cap a socket is closed with a clear code (4430 per
 * session, 4503 for a full server) or socket.io answers connect_error with that name; nothing is loaded for it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import * as Y from 'yjs';
import { ConfigError, loadConfig } from '../../server/config.js';
import { DEFAULT_MAX_CONNECTIONS, MAX_CONNECTIONS_PER_SESSION } from '../../shared/limits.js';
import { CLOSE_CODES } from '../../shared/protocol/closeCodes.js';
import { addDraftNote } from '../../shared/schema/draftNotes.js';
import type { BrowserClient } from '../helpers/http.js';
import { Disposables, boardWithPeople, closeOf, connectBoardSocket, connectDevice, rooms, storedRowCount } from '../helpers/liveBoard.js';
import { connectRaw, waitFor, type RawClient } from '../helpers/liveClients.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

describe('[#10.6] connection caps', () => {
  let server: TestServer;
  const open = new Disposables();

  afterEach(async () => {
    await open.disposeAll();
    await server.remove();
  });

  async function openSocket(client: BrowserClient, boardId: string): Promise<Socket> {
    return open.add(await connectBoardSocket(server.url, client, boardId), (held) => held.disconnect());
  }

  async function raw(room: string, client: BrowserClient): Promise<RawClient> {
    const connection = open.add(await connectRaw(server.url, room, client), (held) => held.close());
    // Admitted: the server's sync step 1 came.
    await waitFor(() => connection.received.length > 0 || !connection.isOpen(), { what: `first message on ${room}` });
    return connection;
  }

  it('[#10.6] one participant session opening many sockets: those past the cap are closed with 4430, earlier ones keep working, nothing is loaded for them', async () => {
    server = await startTestServer();
    const board = await boardWithPeople(server, { supplierCount: 2 });
    const [supplier, other] = [board.suppliers[0]!, board.suppliers[1]!];
    // Fill the session's cap with brief and wall sockets and one socket.io connection.
    const socket = await openSocket(supplier.client, board.boardId);
    const earlier: RawClient[] = [];
    for (let index = 0; index < MAX_CONNECTIONS_PER_SESSION - 1; index += 1) {
      earlier.push(await raw(index % 2 === 0 ? rooms.brief(board.boardId) : rooms.wall(board.boardId), supplier.client));
    }
    expect(earlier.every((connection) => connection.isOpen())).toBe(true);

    // Many more at once, to the person's draft (not loaded yet): every one is refused, none loads it.
    const draftRoom = rooms.draft(board.boardId, supplier.personId);
    const refused = await Promise.all(Array.from({ length: 40 }, () => connectRaw(server.url, draftRoom, supplier.client)));
    for (const connection of refused) open.add(connection, (held) => held.close());
    const closes = await Promise.all(refused.map((connection) => closeOf(connection, 3_000)));
    for (const close of closes) {
      expect(close.code).toBe(CLOSE_CODES.tooManyConnections.code);
      expect(close.reason).toMatch(/too many open connections/i);
    }
    expect(refused.every((connection) => connection.received.length === 0)).toBe(true);
    const room = await server.server.rooms.loaded(board.boardId);
    expect(room?.documents.map((document) => document.name)).not.toContain(draftRoom);
    expect(await storedRowCount(server, draftRoom)).toBe(0);
    await expect(openSocket(supplier.client, board.boardId)).rejects.toThrow('too-many-connections');

    // The earlier ones keep working: the socket.io one, and a wall socket answers a sync step 1.
    expect(socket.connected).toBe(true);
    expect(earlier.every((connection) => connection.isOpen())).toBe(true);
    const wallSocket = earlier[1]!;
    const before = wallSocket.received.length;
    wallSocket.sendSyncStep1(new Y.Doc());
    await waitFor(() => wallSocket.received.length > before, { what: 'an answer on an earlier socket' });

    // Another person's session has its own count.
    const otherDraft = open.add(await connectDevice(server.url, rooms.draft(board.boardId, other.personId), other.client), (held) => held.destroy());
    expect(otherDraft.provider.wsconnected).toBe(true);

    // Closing one frees its place: the draft now opens and an edit reaches the server.
    const sizeBefore = server.server.registry.size;
    earlier.pop()?.close();
    await waitFor(() => server.server.registry.size === sizeBefore - 1, { what: 'the closed socket’s place given back' });
    const draft = open.add(await connectDevice(server.url, draftRoom, supplier.client, { timeoutMs: 5_000 }), (held) => held.destroy());
    addDraftNote(draft.doc, { text: 'Still works', targetId: 'p0000000000000000000' });
    await waitFor(async () => (await server.server.rooms.loaded(board.boardId))?.documents.some((document) => document.name === draftRoom) ?? false, {
      what: 'the draft loaded once there was room',
    });
  });

  it('[#10.6] the global cap (MAX_CONNECTIONS) refuses connections past it with 4503 and socket.io with server-busy', async () => {
    server = await startTestServer({ env: { MAX_CONNECTIONS: '3' } });
    const board = await boardWithPeople(server, { supplierCount: 3 });
    const [first, second, third] = board.suppliers.map((supplier) => supplier.client) as [BrowserClient, BrowserClient, BrowserClient];
    const held = [await raw(rooms.wall(board.boardId), first), await raw(rooms.wall(board.boardId), second)];
    await openSocket(third, board.boardId);
    const refused = await connectRaw(server.url, rooms.wall(board.boardId), third);
    open.add(refused, (connection) => connection.close());
    const close = await closeOf(refused, 3_000);
    expect(close.code).toBe(CLOSE_CODES.serverBusy.code);
    expect(close.code).toBe(4503);
    await expect(openSocket(first, board.boardId)).rejects.toThrow('server-busy');
    expect(held.every((connection) => connection.isOpen())).toBe(true);
    expect(server.server.registry.size).toBe(3);
  });
});

describe('[#10.6] MAX_CONNECTIONS configuration', () => {
  it('[#10.6] MAX_CONNECTIONS is read from the environment, with a default and one clear line for a bad value', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'oiw-config-'));
    try {
      expect(loadConfig({ DATA_DIR: dataDir }).maxConnections).toBe(DEFAULT_MAX_CONNECTIONS);
      expect(loadConfig({ DATA_DIR: dataDir, MAX_CONNECTIONS: '250' }).maxConnections).toBe(250);
      // An empty variable counts as unset (as compose files often pass them), like every other setting.
      expect(loadConfig({ DATA_DIR: dataDir, MAX_CONNECTIONS: '' }).maxConnections).toBe(DEFAULT_MAX_CONNECTIONS);
      for (const bad of ['lots', '0', '-5', '1.5', '1e6', '99999999']) {
        expect(() => loadConfig({ DATA_DIR: dataDir, MAX_CONNECTIONS: bad }), bad).toThrow(ConfigError);
        expect(() => loadConfig({ DATA_DIR: dataDir, MAX_CONNECTIONS: bad }), bad).toThrow(/^Configuration error: MAX_CONNECTIONS must be a whole number/);
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

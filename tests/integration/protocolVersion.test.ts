/**
 * Issue 12, "version the wall schema": the protocol version is exchanged at connect. A page older than the
 * server is answered 'outdated-client' (it tells its person to reload); the current page is answered with
 * the server's version; and every loaded wall carries the server's schema version.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { OUTDATED_CLIENT, PROTOCOL_VERSION } from '../../shared/protocol/socketEvents.js';
import { readWallSchemaVersion, WALL_SCHEMA_VERSION } from '../../shared/schema/wallMeta.js';
import { Disposables, boardWithPeople, connectBoardSocket, type BoardWithPeople } from '../helpers/liveBoard.js';
import { waitFor } from '../helpers/liveClients.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';

type HelloAnswer = { ok: boolean; protocolVersion?: number; error?: { code: string; message: string } };

describe('[#12.version] protocol and wall schema versions', () => {
  let server: TestServer;
  let board: BoardWithPeople;
  const open = new Disposables();

  beforeEach(async () => {
    server = await startTestServer();
    board = await boardWithPeople(server, { supplierCount: 1 });
  });

  afterEach(async () => {
    await open.disposeAll();
    await server.remove();
  });

  it('[#12.version] an older page is told it is out of date; the current page gets the server’s version', async () => {
    const socket = open.add(await connectBoardSocket(server.url, board.suppliers[0]!.client, board.boardId), (held) => held.disconnect());
    const hello = (protocolVersion: number) =>
      socket.timeout(2_000).emitWithAck('hello', { protocolVersion, boardId: board.boardId } as never) as Promise<HelloAnswer>;
    const older = await hello(PROTOCOL_VERSION - 1);
    expect(older.ok).toBe(false);
    expect(older.error?.code).toBe(OUTDATED_CLIENT);
    expect(older.error?.message).toMatch(/reload/i);
    expect(await hello(PROTOCOL_VERSION)).toEqual({ ok: true, protocolVersion: PROTOCOL_VERSION });
    // Being out of date is not abuse: the socket stays.
    expect(socket.connected).toBe(true);
  });

  it('[#12.version] a loaded board’s wall carries the server’s schema version, stored like any change', async () => {
    const room = await server.server.rooms.acquire(board.boardId);
    try {
      await waitFor(() => readWallSchemaVersion(room.wall.doc) === WALL_SCHEMA_VERSION, { what: 'the version stamped on the wall' });
      await room.settle();
    } finally {
      server.server.rooms.release(room);
    }
    const stored = await server.store.loadDocument(`${board.boardId}/wall`);
    const reloaded = new Y.Doc();
    for (const update of [...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates]) Y.applyUpdate(reloaded, update);
    expect(readWallSchemaVersion(reloaded)).toBe(WALL_SCHEMA_VERSION);
  });
});

/**
 * Issue 10 item 11: unknown socket.io events (and known events with bad payloads) are counted per socket,
 * logged once, and the socket is disconnected after MAX_BAD_SOCKET_EVENTS. The server's pino log is
 * captured to count its lines.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { createLogger } from '../../server/log.js';
import { MAX_BAD_SOCKET_EVENTS } from '../../shared/limits.js';
import { PROTOCOL_VERSION } from '../../shared/protocol/socketEvents.js';
import type { BrowserClient } from '../helpers/http.js';
import { Disposables, boardWithPeople, connectBoardSocket, type BoardWithPeople } from '../helpers/liveBoard.js';
import { waitFor } from '../helpers/liveClients.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';

describe('[#10.11] unknown socket.io events', () => {
  let server: TestServer;
  let board: BoardWithPeople;
  const logLines: string[] = [];
  const open = new Disposables();

  beforeEach(async () => {
    logLines.length = 0;
    const log = createLogger('info', { write: (line: string) => void logLines.push(line) });
    server = await startTestServer({ log });
    board = await boardWithPeople(server, { supplierCount: 1 });
  });

  afterEach(async () => {
    await open.disposeAll();
    await server.remove();
  });

  async function openSocket(client: BrowserClient): Promise<Socket> {
    return open.add(await connectBoardSocket(server.url, client, board.boardId), (held) => held.disconnect());
  }

  /** Log lines about refused socket.io events (not the HTTP request lines). */
  const socketEventLines = () => logLines.filter((line) => line.includes('socket.io'));

  it('[#10.11] 2,000 unknown events: the socket is closed after the limit and the log stays a few lines long', async () => {
    const socket = await openSocket(board.suppliers[0]!.client);
    const bystander = await openSocket(board.officer.client);
    const disconnected = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the socket was still connected after 5 s')), 5_000);
      socket.once('disconnect', (reason) => {
        clearTimeout(timer);
        resolve(reason);
      });
    });
    for (let index = 0; index < 2_000; index += 1) socket.emit(`no-such-event-${index}`, { index });
    expect(await disconnected).toBe('io server disconnect');
    await waitFor(() => server.server.registry.countOnBoard(board.boardId) === 1, { what: 'the flooding socket out of the registry' });
    // Bounded: the first refusal and the disconnect, not one line per event.
    const lines = socketEventLines();
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.length).toBeLessThanOrEqual(2);
    expect(lines.join('\n')).toContain(`"badEvents":${MAX_BAD_SOCKET_EVENTS}`);
    expect(bystander.connected).toBe(true);
  });

  it('[#10.11] a known event with a bad payload counts too; a good hello is answered and costs nothing', async () => {
    const socket = await openSocket(board.suppliers[0]!.client);
    const hello = (payload: unknown) =>
      socket.timeout(2_000).emitWithAck('hello', payload as never) as Promise<{ ok: boolean; protocolVersion?: number; error?: { code: string } }>;
    for (let index = 0; index < 10; index += 1) {
      expect(await hello({ protocolVersion: PROTOCOL_VERSION, boardId: board.boardId })).toEqual({ ok: true, protocolVersion: PROTOCOL_VERSION });
    }
    const disconnected = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
    for (let index = 0; index < MAX_BAD_SOCKET_EVENTS - 1; index += 1) {
      const answer = await hello({ protocolVersion: 'one', boardId: board.boardId, extra: true });
      expect(answer.ok).toBe(false);
      expect(answer.error?.code).toBe('invalid-input');
    }
    expect(socket.connected).toBe(true);
    socket.emit('hello', { protocolVersion: -1, boardId: '../../etc' } as never, () => undefined);
    await disconnected;
    expect(socketEventLines().length).toBeLessThanOrEqual(2);
  });
});

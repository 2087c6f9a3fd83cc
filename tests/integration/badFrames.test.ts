/**
 * Bad frames and bad handshakes on the Yjs socket (THREATS.md A, E, F): each is closed with its
 * documented code, the process stays up, and an honest client on the same board keeps working.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { SESSION_COOKIE } from '../../server/http/middleware/session.js';
import { MAX_WS_FRAME_BYTES } from '../../shared/limits.js';
import { addDraftNote } from '../../shared/schema/draftNotes.js';
import { addProblem } from '../../shared/schema/problems.js';
import { BRIEF_ROOTS } from '../../shared/schema/roots.js';
import { readWallNotes } from '../../shared/schema/wall.js';
import type { BrowserClient } from '../helpers/http.js';
import {
  Disposables,
  attemptConnection,
  boardWithPeople,
  closeOf,
  connectDevice,
  rooms,
  seededRandom,
  unusedId,
  type BoardWithPeople,
} from '../helpers/liveBoard.js';
import { connectRaw, cookieHeader, waitFor, type LiveProvider, type RawClient } from '../helpers/liveClients.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';

/** Pinned seed of the random-frame cases: change it only together with a note of what it found. */
const RANDOM_FRAMES_SEED = 0x5eed_0a11;

describe('frames the y-websocket endpoint cannot use', () => {
  let server: TestServer;
  let board: BoardWithPeople;
  let boardId: string;
  let problemId: string;
  let officerBrief: LiveProvider;
  /** Two honest authors take turns, so the proof notes stay under the per-person rate limit. */
  let authors: LiveProvider[];
  let honestWall: LiveProvider;
  let honestBrief: LiveProvider;
  let proofCount = 0;
  const open = new Disposables();

  beforeEach(async () => {
    server = await startTestServer();
    board = await boardWithPeople(server, { supplierCount: 3 });
    boardId = board.boardId;
    const device = async (room: string, client: BrowserClient) => open.add(await connectDevice(server.url, room, client), (live) => live.destroy());
    officerBrief = await device(rooms.brief(boardId), board.officer.client);
    problemId = addProblem(officerBrief.doc, { title: 'Repairs need second visits' });
    authors = [
      await device(rooms.draft(boardId, board.officer.personId), board.officer.client),
      await device(rooms.draft(boardId, board.suppliers[2]!.personId), board.suppliers[2]!.client),
    ];
    honestWall = await device(rooms.wall(boardId), board.suppliers[1]!.client);
    honestBrief = await device(rooms.brief(boardId), board.suppliers[1]!.client);
    await waitFor(() => honestBrief.doc.getMap(BRIEF_ROOTS.problems).has(problemId), { what: 'the honest client sees the brief' });
  });

  afterEach(async () => {
    await open.disposeAll();
    await server.remove();
  });

  const attackerClient = () => board.suppliers[0]!.client;

  async function raw(room = rooms.wall(boardId), client: BrowserClient = attackerClient()): Promise<RawClient> {
    return open.add(await connectRaw(server.url, room, client), (connection) => connection.close());
  }

  async function expectProcessUp(): Promise<void> {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
  }

  /** The process answers, and the honest supplier still receives a new note on the wall. */
  async function expectBoardStillWorks(after: string): Promise<void> {
    await expectProcessUp();
    proofCount += 1;
    const text = `A new note after ${after} (${proofCount})`;
    addDraftNote(authors[proofCount % authors.length]!.doc, { text, colour: 'green', targetId: problemId });
    await waitFor(() => [...readWallNotes(honestWall.doc).values()].some((note) => note.text === text), {
      what: `the honest client receives a new note after ${after}`,
    });
    expect([...honestWall.closes, ...honestBrief.closes]).toEqual([]);
  }

  /** Cheaper proof for the many random cases: the process answers and an officer edit reaches the honest client. */
  async function expectProcessUpAndBriefLive(after: string): Promise<void> {
    await expectProcessUp();
    const laterProblem = addProblem(officerBrief.doc, { title: `Problem after ${after}` });
    await waitFor(() => honestBrief.doc.getMap(BRIEF_ROOTS.problems).has(laterProblem), { what: `the officer's edit after ${after}` });
  }

  it('closes a frame over 1 MiB with 1009 and stays up', async () => {
    const connection = await raw(rooms.draft(boardId, board.suppliers[0]!.personId));
    const frame = new Uint8Array(MAX_WS_FRAME_BYTES + 1);
    frame[0] = 0;
    frame[1] = 2;
    connection.send(frame);
    expect((await closeOf(connection)).code).toBe(1009);
    await expectBoardStillWorks('an oversized frame');
  });

  it('closes a text frame with 4400', async () => {
    const connection = await raw();
    connection.ws.send('{"type":"sync","update":"hello"}');
    const close = await closeOf(connection);
    expect(close.code).toBe(4400);
    expect(close.reason.length).toBeGreaterThan(0);
    await expectBoardStillWorks('a text frame');
  });

  it('closes an empty binary frame, a truncated number and an unknown message type with a 44xx code', async () => {
    const cases: Array<{ what: string; bytes: number[] }> = [
      { what: 'an empty binary frame', bytes: [] },
      { what: 'a truncated varuint', bytes: [0x00, 0x80] },
      { what: 'an unknown message type', bytes: [0x07, 0x00] },
      { what: 'an unknown sync subtype', bytes: [0x00, 0x09, 0x00] },
      { what: 'a sync update whose length runs past the frame', bytes: [0x00, 0x02, 0x05, 0x00] },
    ];
    for (const { what, bytes } of cases) {
      const connection = await raw();
      connection.send(Uint8Array.from(bytes));
      const close = await closeOf(connection);
      expect(close.code, `${what}: ${close.code} ${close.reason}`).toBeGreaterThanOrEqual(4400);
      expect(close.code, what).toBeLessThan(4500);
      await expectBoardStillWorks(what);
    }
  });

  it('closes 50 frames of seeded random bytes with a 44xx code each', async () => {
    const random = seededRandom(RANDOM_FRAMES_SEED);
    for (let caseIndex = 0; caseIndex < 50; caseIndex += 1) {
      const length = 2 + Math.floor(random() * 63);
      const bytes = Uint8Array.from({ length }, () => Math.floor(random() * 256));
      const room = caseIndex % 2 === 0 ? rooms.wall(boardId) : rooms.draft(boardId, board.suppliers[0]!.personId);
      const connection = await raw(room);
      connection.send(bytes);
      const close = await closeOf(connection, 3_000).catch((error: unknown) => {
        throw new Error(`seed ${RANDOM_FRAMES_SEED} case ${caseIndex} [${[...bytes].join(',')}] on ${room}: ${String(error)}`);
      });
      expect(close.code, `case ${caseIndex} [${[...bytes].join(',')}]: ${close.reason}`).toBeGreaterThanOrEqual(4400);
      expect(close.code, `case ${caseIndex}`).toBeLessThan(4500);
      await expectProcessUpAndBriefLive(`random frame ${caseIndex}`);
      if (caseIndex % 10 === 9) await expectBoardStillWorks(`random frame ${caseIndex}`);
    }
  });
});

describe('handshakes the y-websocket endpoint refuses', () => {
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

  async function expectRefused(room: string, headers: Record<string, string>, code: number): Promise<void> {
    const attempt = await attemptConnection(server.url, room, headers);
    expect(attempt.opened, `${room} was refused before the websocket opened`).toBe(true);
    if (!attempt.opened) return;
    expect(attempt.code, `${room}: ${attempt.reason}`).toBe(code);
    expect(attempt.messagesBeforeClose, 'document bytes sent before the refusal').toBe(0);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }

  const supplier = () => board.suppliers[0]!;

  it('refuses a websocket from another website even with a valid cookie (4403)', async () => {
    await expectRefused(rooms.wall(board.boardId), { cookie: cookieHeader(supplier().client), origin: 'https://evil.example' }, 4403);
    await expectRefused(rooms.brief(board.boardId), { cookie: cookieHeader(board.officer.client), origin: 'null' }, 4403);
  });

  it('refuses a websocket with no session cookie (4401)', async () => {
    await expectRefused(rooms.wall(board.boardId), { origin: server.url }, 4401);
  });

  it('refuses a websocket with a tampered session cookie (4401)', async () => {
    const cookies = supplier().client.cookies();
    const session = cookies[SESSION_COOKIE];
    expect(session, 'the supplier has a session cookie').toBeDefined();
    const decoded = decodeURIComponent(session!);
    const flipped = decoded.slice(0, 6) + (decoded[6] === 'A' ? 'B' : 'A') + decoded.slice(7);
    const tampered = { ...cookies, [SESSION_COOKIE]: encodeURIComponent(flipped) };
    const header = Object.entries(tampered)
      .map(([name, value]) => `${name}=${value}`)
      .join('; ');
    await expectRefused(rooms.wall(board.boardId), { cookie: header, origin: server.url }, 4401);
    // The same cookie unsigned (the value without its signature) is no better.
    const unsigned = decoded.replace(/^s:/, '').split('.')[0] ?? '';
    await expectRefused(rooms.wall(board.boardId), { cookie: `${SESSION_COOKIE}=${encodeURIComponent(unsigned)}`, origin: server.url }, 4401);
  });

  it('refuses a websocket to a board that does not exist (4404)', async () => {
    await expectRefused(`${unusedId()}/wall`, { cookie: cookieHeader(board.officer.client), origin: server.url }, 4404);
    await expectRefused(`${unusedId()}/brief`, { cookie: cookieHeader(supplier().client), origin: server.url }, 4404);
  });

  it('serves an honest websocket and refuses upgrades on other paths', async () => {
    const wall = open.add(await connectDevice(server.url, rooms.wall(board.boardId), supplier().client), (live) => live.destroy());
    expect(wall.provider.synced).toBe(true);
    expect(Y.encodeStateVector(wall.doc)).toBeInstanceOf(Uint8Array);
    const socket = new WebSocket(server.url.replace(/^http/, 'ws') + '/not-yjs/anything');
    const outcome = await new Promise<string>((resolve) => {
      socket.on('open', () => resolve('open'));
      socket.on('error', () => resolve('refused'));
    });
    expect(outcome).toBe('refused');
  });
});

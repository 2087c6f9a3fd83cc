/**
 * permessage-deflate on the Yjs websocket (issue 15, phones): a cold join of a big wall crosses the wire
 * compressed; the stock y-websocket provider (its `ws` offers the extension) still converges; a client
 * that does not offer it is served as before; and a small compressed frame that inflates past our largest
 * message (a "zip bomb") is closed with 1009 (ws stops inflating at maxPayload) while the board keeps
 * serving everyone else. Counting raw socket bytes (the net socket's bytesRead/bytesWritten), not messages.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { constants as zlibConstants, createDeflateRaw } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { ConfigError, loadConfig } from '../../server/config.js';
import { MAX_WS_FRAME_BYTES } from '../../shared/limits.js';
import { CLOSE_CODES } from '../../shared/protocol/closeCodes.js';
import { addDraftNote } from '../../shared/schema/draftNotes.js';
import { readWallNotes } from '../../shared/schema/wall.js';
import { docFromMessages, waitFor } from '../helpers/liveClients.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';
import { fillOurBoard, waitForNotes } from '../load/coldJoin.js';
import { cookieOf, createOurBoard, joinParticipants, setUpOfficer, type OurBoard, type Participant } from '../load/ourBoard.js';
import { connectAndSync, type DocConnection } from '../load/protocol.js';

const NOTES = 500;
const WRITERS = NOTES / 10;
const SETUP_TIMEOUT_MS = 180_000;

/** A raw `ws` client counting what crossed its TCP socket, beside the (inflated) messages it got. */
interface CountedSocket {
  ws: WebSocket;
  socket: Socket;
  received: Uint8Array[];
  closed: Promise<{ code: number; reason: string }>;
  /** Bytes of the messages as the application sees them (after inflating). */
  messageBytes(): number;
}

async function openCounted(baseUrl: string, room: string, cookie: string, offerDeflate: boolean): Promise<CountedSocket> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/yjs/${room}`, {
    headers: { cookie, origin: baseUrl },
    perMessageDeflate: offerDeflate,
  });
  const received: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  let socket: Socket | null = null;
  ws.once('upgrade', (response: IncomingMessage) => (socket = response.socket as Socket));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  if (!socket) throw new Error('no upgrade response seen');
  // Sync step 1 from an empty document: the server answers with the whole document (sync step 2).
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeSyncStep1(encoder, new Y.Doc());
  ws.send(encoding.toUint8Array(encoder));
  return { ws, socket, received, closed, messageBytes: () => received.reduce((sum, message) => sum + message.byteLength, 0) };
}

const wallNoteCount = (messages: Uint8Array[]) => readWallNotes(docFromMessages(messages)).size;

/** `bytes` zero bytes as one raw-deflate message body (RFC 7692: sync flush, its 4 trailing bytes dropped). */
async function deflatedZeros(bytes: number): Promise<Buffer> {
  const deflate = createDeflateRaw();
  const parts: Buffer[] = [];
  deflate.on('data', (part: Buffer) => parts.push(part));
  const step = Buffer.alloc(1024 * 1024);
  for (let written = 0; written < bytes; written += step.length) {
    if (!deflate.write(step)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  await new Promise<void>((resolve) => deflate.flush(zlibConstants.Z_SYNC_FLUSH, () => resolve()));
  const body = Buffer.concat(parts);
  deflate.close();
  return body.subarray(0, body.length - 4);
}

/** One final binary frame from a client (masked, as RFC 6455 requires), RSV1 set when `compressed`. */
function maskedFrame(payload: Buffer, options: { compressed: boolean }): Buffer {
  const header = Buffer.alloc(14);
  header[0] = 0x80 | (options.compressed ? 0x40 : 0) | 0x02;
  header[1] = 0x80 | 127;
  header.writeBigUInt64BE(BigInt(payload.length), 2);
  const mask = randomBytes(4);
  mask.copy(header, 10);
  const masked = Buffer.alloc(payload.length);
  for (let index = 0; index < payload.length; index += 1) masked[index] = payload[index]! ^ mask[index % 4]!; // reason: modulo
  return Buffer.concat([header, masked]);
}

describe('[#15.phones] permessage-deflate on the Yjs websocket', () => {
  let server: TestServer;
  let board: OurBoard;
  let viewer: Participant;
  let author: Participant;
  let authorDraft: DocConnection;
  const authorDoc = new Y.Doc();
  const toClose: Array<() => void> = [];

  beforeAll(async () => {
    // The simulated joiners each say their own address (tests/load/ourBoard.ts), as phones behind a proxy
    // would: without it, the per-address join limit would refuse the 51st.
    server = await startTestServer({ env: { TRUST_PROXY: '1', WS_COMPRESSION: 'on' } });
    const officer = await setUpOfficer(server.url, server.setupUrl);
    board = await createOurBoard(server.url, officer, { title: 'A big compressed wall', people: WRITERS + 2 });
    const writers = await joinParticipants(server.url, board, WRITERS);
    [viewer, author] = (await joinParticipants(server.url, board, 2, { firstIndex: WRITERS, namePrefix: 'Viewer' })) as [Participant, Participant];
    const wallDoc = new Y.Doc();
    const wall = await connectAndSync({ flavour: 'ours', baseUrl: server.url, docName: `${board.boardId}/wall`, doc: wallDoc, cookie: cookieOf(officer) });
    const drafts = await fillOurBoard(server, board, writers, NOTES / WRITERS, 120);
    await waitForNotes(wallDoc, NOTES, SETUP_TIMEOUT_MS - 30_000);
    for (const draft of drafts) draft.close();
    wall.close();
    authorDraft = await connectAndSync({ flavour: 'ours', baseUrl: server.url, docName: `${board.boardId}/drafts/${author.personId}`, doc: authorDoc, cookie: author.cookie });
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    for (const close of toClose) close();
    authorDraft?.close();
    await server?.remove();
  });

  /** An author's new note reaches `doc` (the board still publishes and broadcasts). */
  async function expectNoteArrives(doc: () => Y.Doc, what: string): Promise<void> {
    const text = `A note after ${what}`;
    addDraftNote(authorDoc, { text, colour: 'green', targetId: board.targetIds[0]! });
    await waitFor(() => [...readWallNotes(doc()).values()].some((note) => note.text === text), { timeoutMs: 10_000, what: `the note after ${what}` });
  }

  it('sends a cold join of a 500-note wall compressed: far fewer bytes on the wire than in the messages', async () => {
    const client = await openCounted(server.url, `${board.boardId}/wall`, viewer.cookie, true);
    toClose.push(() => client.ws.close());
    expect(client.ws.extensions).toContain('permessage-deflate');
    await waitFor(() => wallNoteCount(client.received) >= NOTES, { timeoutMs: 20_000, what: 'the whole wall' });
    const wire = client.socket.bytesRead;
    const inflated = client.messageBytes();
    console.info(`cold join of ${NOTES} notes: ${inflated} bytes of messages, ${wire} bytes on the wire (${((100 * wire) / inflated).toFixed(1)} %)`);
    expect(inflated).toBeGreaterThan(NOTES * 120);
    expect(wire).toBeLessThan(inflated / 3);
  }, 30_000);

  it('serves a client that does not offer the extension uncompressed, and it converges', async () => {
    const client = await openCounted(server.url, `${board.boardId}/wall`, viewer.cookie, false);
    toClose.push(() => client.ws.close());
    expect(client.ws.extensions).toBe('');
    await waitFor(() => wallNoteCount(client.received) >= NOTES, { timeoutMs: 20_000, what: 'the whole wall, uncompressed' });
    // Every message byte crossed the wire as it is (plus frame headers and the 101 answer).
    expect(client.socket.bytesRead).toBeGreaterThan(client.messageBytes());
    await expectNoteArrives(() => docFromMessages(client.received), 'an uncompressed join');
  }, 30_000);

  it('the stock y-websocket provider negotiates compression, syncs the whole wall and receives new notes', async () => {
    const doc = new Y.Doc();
    const cookie = viewer.cookie;
    const baseUrl = server.url;
    const WebSocketWithCookie = class extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers: { cookie, origin: baseUrl } });
      }
    };
    const provider = new WebsocketProvider(baseUrl.replace(/^http/, 'ws') + '/yjs', `${board.boardId}/wall`, doc, {
      WebSocketPolyfill: WebSocketWithCookie as never,
      disableBc: true,
    });
    toClose.push(() => provider.destroy());
    await waitFor(() => provider.synced && readWallNotes(doc).size >= NOTES, { timeoutMs: 20_000, what: 'the stock provider syncs the wall' });
    expect((provider.ws as unknown as WebSocket).extensions).toContain('permessage-deflate');
    await expectNoteArrives(() => doc, 'a stock provider join');
  }, 30_000);

  it('closes a small compressed frame that inflates past the largest message with 1009, and keeps serving the board', async () => {
    const watcher = await openCounted(server.url, `${board.boardId}/wall`, viewer.cookie, true);
    toClose.push(() => watcher.ws.close());
    await waitFor(() => wallNoteCount(watcher.received) >= NOTES, { timeoutMs: 20_000, what: 'the watcher syncs' });

    for (const inflatedBytes of [MAX_WS_FRAME_BYTES + 1, 64 * MAX_WS_FRAME_BYTES]) {
      const attacker = await openCounted(server.url, `${board.boardId}/drafts/${author.personId}`, author.cookie, true);
      const written = attacker.socket.bytesWritten;
      // A sync update message of zeros: deflates about 1,000 to 1.
      const bomb = new Uint8Array(inflatedBytes);
      bomb[1] = 2;
      attacker.ws.send(bomb, { binary: true, compress: true });
      const close = await attacker.closed;
      expect(close.code).toBe(CLOSE_CODES.frameTooBig.code);
      // What crossed the wire was small: the server inflated it, and stopped at the limit.
      expect(attacker.socket.bytesWritten - written).toBeLessThan(inflatedBytes / 100);
    }
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    await expectNoteArrives(() => docFromMessages(watcher.received), 'two zip bombs');
  }, 60_000);

  it('inflates a 512 MiB bomb only up to the limit: the server process never grows by anything like it', async () => {
    // Hand-made, so the test process never holds the 512 MiB either: zeros deflated in 1 MiB steps.
    const inflatedBytes = 512 * 1024 * 1024;
    const compressed = await deflatedZeros(inflatedBytes);
    expect(compressed.length).toBeLessThan(MAX_WS_FRAME_BYTES); // so ws's check of the frame's own length passes it on
    const attacker = await openCounted(server.url, `${board.boardId}/drafts/${author.personId}`, author.cookie, true);
    const baseline = process.memoryUsage.rss();
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 2);
    try {
      attacker.socket.write(maskedFrame(compressed, { compressed: true }));
      expect((await attacker.closed).code).toBe(CLOSE_CODES.frameTooBig.code);
    } finally {
      clearInterval(sampler);
    }
    // This process is the server: had ws inflated the whole message, it would have grown by 512 MiB.
    expect(peak - baseline).toBeLessThan(64 * 1024 * 1024);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 60_000);
});

describe('[#15.phones] WS_COMPRESSION', () => {
  /** The extensions the server accepted for a handshake that offers permessage-deflate (no session needed). */
  async function negotiated(baseUrl: string): Promise<string> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/yjs/not-a-room`, { headers: { origin: baseUrl }, perMessageDeflate: true });
    const closed = new Promise<void>((resolve) => ws.on('close', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const extensions = ws.extensions;
    await closed; // refused (unknown room), as any bad handshake is: the extension was agreed first
    return extensions;
  }

  it('is off by default (THREATS.md: no per-message compression on the server); WS_COMPRESSION=on offers it', async () => {
    const byDefault = await startTestServer();
    const on = await startTestServer({ env: { WS_COMPRESSION: 'on' } });
    try {
      expect(await negotiated(byDefault.url)).toBe('');
      expect(await negotiated(on.url)).toContain('permessage-deflate');
    } finally {
      await byDefault.remove();
      await on.remove();
    }
  });

  it('reads on or off, and any other value is one clear line', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'oiw-config-'));
    try {
      expect(loadConfig({ DATA_DIR: dataDir }).wsCompression).toBe(false);
      expect(loadConfig({ DATA_DIR: dataDir, WS_COMPRESSION: 'off' }).wsCompression).toBe(false);
      expect(loadConfig({ DATA_DIR: dataDir, WS_COMPRESSION: 'on' }).wsCompression).toBe(true);
      for (const bad of ['false', 'OFF', '0', 'gzip']) {
        expect(() => loadConfig({ DATA_DIR: dataDir, WS_COMPRESSION: bad }), bad).toThrow(ConfigError);
        expect(() => loadConfig({ DATA_DIR: dataDir, WS_COMPRESSION: bad }), bad).toThrow(/^Configuration error: WS_COMPRESSION must be on or off/);
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

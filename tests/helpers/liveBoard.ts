/**
 * Shared pieces for the live-document integration tests: a board with people on it, "devices" (stock
 * y-websocket providers that react to close codes as the browser does), socket.io note-status
 * listeners, raw websocket attempts that may be refused at the handshake, and document comparisons.
 * Everything that opens something registers it with a `Disposables` so `afterEach` closes it all.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { closeCodeFor } from '../../shared/protocol/closeCodes.js';
import type { NoteStatusPayload } from '../../shared/protocol/socketEvents.js';
import type { InviteLinkView } from '../../shared/protocol/api.js';
import type { StoredDocument } from '../../server/store/store.js';
import { createBoard, createInviteLink, joinBoard, setUpFirstOfficer } from '../integration/scenario.js';
import type { BrowserClient } from './http.js';
import { cookieHeader, waitFor, type LiveProvider, type RawClient } from './liveClients.js';
import type { TestServer } from './startServer.js';

// Every stock provider adds a process 'exit' listener; tests open dozens at once on purpose.
process.setMaxListeners(Math.max(process.getMaxListeners(), 500));

/** Things to close after a test, closed in reverse order; a failing close does not stop the others. */
export class Disposables {
  private readonly items: Array<() => unknown> = [];

  add<T>(item: T, dispose: (item: T) => unknown): T {
    this.items.push(() => dispose(item));
    return item;
  }

  async disposeAll(): Promise<void> {
    for (const dispose of this.items.splice(0).reverse()) {
      try {
        await dispose();
      } catch {
        // reason: cleanup keeps going; the test itself reports what failed
      }
    }
  }
}

/** The person id a browser uses on a board (`documents.personId`): it names that person's draft. */
export async function personIdOf(client: BrowserClient, boardId: string): Promise<string> {
  const response = await client.get(`/api/boards/${boardId}`);
  if (response.status !== 200) throw new Error(`GET /api/boards/${boardId} answered ${response.status}: ${response.text}`);
  return response.body.documents.personId as string;
}

export interface Person {
  client: BrowserClient;
  personId: string;
  name: string;
  organisation: string;
}

export interface BoardWithPeople {
  officer: Person;
  boardId: string;
  participantLink: InviteLinkView;
  suppliers: Person[];
  observer: Person | null;
}

/** The first officer, a board, `supplierCount` suppliers who joined it and, optionally, an observer. */
export async function boardWithPeople(
  server: Pick<TestServer, 'url' | 'setupUrl'>,
  options: { supplierCount?: number; withObserver?: boolean; eachFromOwnAddress?: boolean } = {},
): Promise<BoardWithPeople> {
  const officerClient = await setUpFirstOfficer(server);
  const { board, participantLink } = await createBoard(officerClient);
  const boardId = board.id;
  const officer: Person = {
    client: officerClient,
    personId: await personIdOf(officerClient, boardId),
    name: 'Priya Shah',
    organisation: 'Council officer',
  };
  const suppliers = await Promise.all(
    Array.from({ length: options.supplierCount ?? 2 }, async (_, index) => {
      const person = { name: `Supplier ${index + 1}`, organisation: `Supplier Company ${index + 1} Ltd` };
      // `eachFromOwnAddress` (for a server with TRUST_PROXY=1): a room of phones, not one script's address.
      const forwardedFor = options.eachFromOwnAddress ? `10.0.${Math.floor(index / 250)}.${(index % 250) + 1}` : undefined;
      const client = await joinBoard(server.url, participantLink, person, { forwardedFor });
      return { client, personId: await personIdOf(client, boardId), ...person };
    }),
  );
  let observer: Person | null = null;
  if (options.withObserver) {
    const link = await createInviteLink(officerClient, boardId, { role: 'observer' });
    const person = { name: 'Olu Watcher', organisation: 'Audit Office' };
    const client = await joinBoard(server.url, link, person);
    observer = { client, personId: await personIdOf(client, boardId), ...person };
  }
  return { officer, boardId, participantLink, suppliers, observer };
}

/** Room names of a board's documents (the contract in ARCHITECTURE.md). */
export const rooms = {
  brief: (boardId: string) => `${boardId}/brief`,
  wall: (boardId: string) => `${boardId}/wall`,
  draft: (boardId: string, personId: string) => `${boardId}/drafts/${personId}`,
};

/** A WebSocket class that sends this browser's cookie and a same-origin Origin header. */
function socketClassFor(baseUrl: string, cookie: string): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie, origin: baseUrl } });
    }
  } as typeof WebSocket;
}

/**
 * A browser's document connection: the stock WebsocketProvider with `disableBc`, and the close-code
 * policy of `client/net/yjsProvider.ts` (reconnect after 'reconnect' and 'resync' codes such as 4409,
 * stop after the others). Pass `doc` to reconnect a device's existing copy. Resolves once synced.
 */
export async function connectDevice(
  baseUrl: string,
  room: string,
  client: BrowserClient,
  options: { doc?: Y.Doc; waitForSync?: boolean; timeoutMs?: number; onConnected?: (provider: WebsocketProvider) => void } = {},
): Promise<LiveProvider> {
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(baseUrl.replace(/^http/, 'ws') + '/yjs', room, doc, {
    WebSocketPolyfill: socketClassFor(baseUrl, cookieHeader(client)) as never,
    disableBc: true,
    maxBackoffTime: 300,
    connect: false,
    shouldReconnect: (event: CloseEvent) => {
      const action = closeCodeFor(event.code)?.clientAction ?? 'reconnect';
      return action === 'reconnect' || action === 'resync';
    },
  });
  const closes: LiveProvider['closes'] = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  if (options.onConnected) {
    const onConnected = options.onConnected;
    provider.on('status', ({ status }) => {
      if (status === 'connected') onConnected(provider);
    });
  }
  provider.connect();
  const live: LiveProvider = {
    doc,
    provider,
    closes,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
  if (options.waitForSync !== false) {
    try {
      await waitFor(() => provider.synced, { timeoutMs: options.timeoutMs ?? 5_000, what: `sync of ${room}` });
    } catch (error) {
      live.destroy();
      throw error;
    }
  }
  return live;
}

/** True when both documents hold exactly the same structs and deletions' clocks (state vectors equal). */
export function sameStateVector(left: Y.Doc, right: Y.Doc): boolean {
  return Buffer.from(Y.encodeStateVector(left)).equals(Buffer.from(Y.encodeStateVector(right)));
}

/** The state vector as a readable object (client id → clock), for assertion messages. */
export function stateVectorOf(doc: Y.Doc): Record<string, number> {
  return Object.fromEntries([...Y.decodeStateVector(Y.encodeStateVector(doc))].map(([client, clock]) => [String(client), clock]));
}

/** Runs `use` with the server's in-memory room of a board, and always releases it. */
export async function withServerRoom<T>(
  server: TestServer,
  boardId: string,
  use: (room: Awaited<ReturnType<TestServer['server']['rooms']['acquire']>>) => Promise<T> | T,
): Promise<T> {
  const room = await server.server.rooms.acquire(boardId);
  try {
    return await use(room);
  } finally {
    server.server.rooms.release(room);
  }
}

/** Updates in a document's stored log, asked through the store's document log port (never its tables). */
export async function storedUpdateCount(server: TestServer, documentName: string): Promise<number> {
  return (await server.store.describeDocumentLog(documentName)).updates;
}

/** What the store holds for a document name: its logged updates, plus one when it has a snapshot. */
export async function storedRowCount(server: TestServer, documentName: string): Promise<number> {
  const log = await server.store.describeDocumentLog(documentName);
  const hasSnapshot = log.snapshotBytes > 0 || log.snapshotThroughSeq > 0;
  return log.updates + (hasSnapshot ? 1 : 0);
}

/** A new socket.io client for a board with this browser's cookie and a same-origin Origin, never reconnecting. */
function boardSocket(baseUrl: string, client: BrowserClient, boardId: string): Socket {
  return io(baseUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    auth: { boardId },
    extraHeaders: { cookie: cookieHeader(client), origin: baseUrl },
    reconnection: false,
    forceNew: true,
  });
}

/**
 * A socket.io connection to a board as the board page opens it (this browser's cookie, same origin, no
 * reconnection). Resolves once connected; rejects with the server's connect_error (and closes the socket).
 */
export function connectBoardSocket(baseUrl: string, client: BrowserClient, boardId: string): Promise<Socket> {
  const socket = boardSocket(baseUrl, client, boardId);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** A fresh doc holding what the store returned for a document: its snapshot, then every update after it. */
export function docFromStored(stored: StoredDocument): Y.Doc {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return doc;
}

export interface NoteStatusListener {
  socket: Socket;
  events: NoteStatusPayload[];
  /** The latest 'note-status' payload, or null before the first. */
  latest(): NoteStatusPayload | null;
  close(): void;
}

/** A socket.io connection as the board page opens it, collecting 'note-status' events. Resolves once connected. */
export async function listenForNoteStatus(baseUrl: string, client: BrowserClient, boardId: string): Promise<NoteStatusListener> {
  const socket = boardSocket(baseUrl, client, boardId);
  const events: NoteStatusPayload[] = [];
  socket.on('note-status', (payload: NoteStatusPayload) => events.push(payload));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('socket.io did not connect within 5 s')), 5_000);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  return { socket, events, latest: () => events.at(-1) ?? null, close: () => socket.close() };
}

/** How a websocket attempt ended: refused before it opened (HTTP or socket error), or opened and closed. */
export type Attempt =
  | { opened: false; error: string }
  | { opened: true; code: number; reason: string; messagesBeforeClose: number };

/**
 * Opens `/yjs/<room>` with exactly these headers and waits until the server ends it, without sending
 * anything. For refusals at admission; fails after `timeoutMs` if the server keeps the connection open.
 */
export async function attemptConnection(
  baseUrl: string,
  room: string,
  headers: Record<string, string>,
  timeoutMs = 5_000,
): Promise<Attempt> {
  return new Promise<Attempt>((resolve, reject) => {
    const ws = new WebSocket(baseUrl.replace(/^http/, 'ws') + '/yjs/' + room, { headers });
    let opened = false;
    let messages = 0;
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`the server kept /yjs/${room} open for ${timeoutMs} ms`));
    }, timeoutMs);
    ws.on('open', () => (opened = true));
    ws.on('message', () => (messages += 1));
    ws.on('error', (error) => {
      if (opened) return;
      clearTimeout(timer);
      resolve({ opened: false, error: error.message });
    });
    ws.on('close', (code, reason) => {
      clearTimeout(timer);
      resolve(opened ? { opened: true, code, reason: reason.toString(), messagesBeforeClose: messages } : { opened: false, error: `closed ${code}` });
    });
  });
}

/** Waits for a raw client's close, failing after the deadline (a connection the server kept open). */
export async function closeOf(raw: RawClient, timeoutMs = 5_000): Promise<{ code: number; reason: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the connection was still open after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([raw.closed, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Sync messages of the y-websocket protocol a raw client received, decoded. */
export function syncMessagesOf(messages: Uint8Array[]): Array<{ kind: 'step1' | 'step2' | 'update'; payload: Uint8Array }> {
  const out: Array<{ kind: 'step1' | 'step2' | 'update'; payload: Uint8Array }> = [];
  for (const message of messages) {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== 0) continue;
    const type = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (type === syncProtocol.messageYjsSyncStep1) out.push({ kind: 'step1', payload });
    else if (type === syncProtocol.messageYjsSyncStep2) out.push({ kind: 'step2', payload });
    else if (type === syncProtocol.messageYjsUpdate) out.push({ kind: 'update', payload });
  }
  return out;
}

/** The server's state vector as sent in its sync step 1 (the first message on every connection). */
export function serverStateVectorFrom(messages: Uint8Array[]): Uint8Array {
  const step1 = syncMessagesOf(messages).find((message) => message.kind === 'step1');
  if (!step1) throw new Error('no sync step 1 received from the server');
  return step1.payload;
}

/** An awareness message (type 1) wrapping an encoded awareness update. */
export function awarenessMessage(awarenessUpdate: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, awarenessUpdate);
  return encoding.toUint8Array(encoder);
}

/** Awareness updates (the payload of type-1 messages) a raw client received. */
export function awarenessUpdatesOf(messages: Uint8Array[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const message of messages) {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) === 1) out.push(decoding.readVarUint8Array(decoder));
  }
  return out;
}

/** A small seeded PRNG (mulberry32): the same seed gives the same bytes on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A well-formed id that names nothing (the server's ids have this shape). */
export function unusedId(random: () => number = Math.random): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from({ length: 21 }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
}

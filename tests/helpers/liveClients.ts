/**
 * Real websocket clients for the live documents: the stock y-websocket provider (as the browser uses it)
 * and a raw y-protocols client that sends exactly the bytes a test gives it, as a hostile client would.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { BrowserClient } from './http.js';

/** The Cookie header a browser client would send. */
export function cookieHeader(client: BrowserClient): string {
  return Object.entries(client.cookies())
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');
}

/** A WebSocket class that sends this browser's cookies and a same-origin Origin header. */
function socketClassFor(baseUrl: string, cookie: string, origin = baseUrl): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie, origin } });
    }
  } as typeof WebSocket;
}

export interface LiveProvider {
  doc: Y.Doc;
  provider: WebsocketProvider;
  closes: Array<{ code: number; reason: string }>;
  destroy(): void;
}

/** A stock WebsocketProvider on `/yjs/<room>` with this browser's cookie. Resolves once synced. */
export async function connectProvider(
  baseUrl: string,
  room: string,
  client: BrowserClient,
  options: { doc?: Y.Doc; waitForSync?: boolean; timeoutMs?: number } = {},
): Promise<LiveProvider> {
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(baseUrl.replace(/^http/, 'ws') + '/yjs', room, doc, {
    WebSocketPolyfill: socketClassFor(baseUrl, cookieHeader(client)) as never,
    disableBc: true,
    maxBackoffTime: 300,
  });
  const closes: LiveProvider['closes'] = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
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
    await waitFor(() => provider.synced, { timeoutMs: options.timeoutMs ?? 5_000, what: `sync of ${room}` });
  }
  return live;
}

export interface RawClient {
  ws: WebSocket;
  /** Every binary message received, in order. */
  received: Uint8Array[];
  closed: Promise<{ code: number; reason: string }>;
  isOpen(): boolean;
  send(bytes: Uint8Array): void;
  /** Sends a sync update (message type 0, subtype 2) carrying `update`. */
  sendUpdate(update: Uint8Array): void;
  sendSyncStep2(update: Uint8Array): void;
  sendSyncStep1(doc: Y.Doc): void;
  close(): void;
}

/** A raw y-protocols client: nothing happens that the test does not send. */
export async function connectRaw(
  baseUrl: string,
  room: string,
  client: BrowserClient | null,
  options: { origin?: string } = {},
): Promise<RawClient> {
  const headers: Record<string, string> = { origin: options.origin ?? baseUrl };
  if (client) headers.cookie = cookieHeader(client);
  const ws = new WebSocket(baseUrl.replace(/^http/, 'ws') + '/yjs/' + room, { headers });
  const received: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const syncMessage = (write: (encoder: encoding.Encoder) => void) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    write(encoder);
    return encoding.toUint8Array(encoder);
  };
  return {
    ws,
    received,
    closed,
    isOpen: () => ws.readyState === WebSocket.OPEN,
    send: (bytes) => ws.send(bytes),
    sendUpdate: (update) => ws.send(syncMessage((encoder) => syncProtocol.writeUpdate(encoder, update))),
    sendSyncStep2: (update) =>
      ws.send(
        syncMessage((encoder) => {
          encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
          encoding.writeVarUint8Array(encoder, update);
        }),
      ),
    sendSyncStep1: (doc) => ws.send(syncMessage((encoder) => syncProtocol.writeSyncStep1(encoder, doc))),
    close: () => ws.close(),
  };
}

/** Applies every sync message a raw client received to a fresh doc: what the server told it. */
export function docFromMessages(messages: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const message of messages) {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== 0) continue;
    const type = decoding.readVarUint(decoder);
    if (type === syncProtocol.messageYjsSyncStep2 || type === syncProtocol.messageYjsUpdate) {
      Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
    }
  }
  return doc;
}

/** Waits until `condition` is true, polling; fails with `what` after the deadline. No bare sleeps. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  options: { timeoutMs?: number; what?: string; intervalMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 5_000);
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${options.what ?? 'a condition'}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 20));
  }
}

/** The JSON of every named root, for comparing copies of a document. */
export function rootsJson(doc: Y.Doc, roots: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(roots.map((root) => [root, doc.getMap(root).toJSON()]));
}

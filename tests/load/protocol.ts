/**
 * The load clients' side of the wire: one websocket per document, speaking the y-websocket protocol
 * (y-protocols sync + awareness) to our server and to `@y/websocket-server`, and the same messages with
 * Hocuspocus's framing (every message starts with the document name; a token message first) to
 * `@hocuspocus/server`. Every message is decoded properly: sync messages are applied to a real Y.Doc
 * with y-protocols, awareness entries are read and their JSON parsed, as a browser would.
 */
import type { Socket } from 'node:net';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

/** Which server the clients talk to: decides the framing and the URL. */
export type Flavour = 'ours' | 'y-websocket' | 'hocuspocus';

export const FLAVOURS: readonly Flavour[] = ['ours', 'y-websocket', 'hocuspocus'];

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_AUTH = 2;
/** Hocuspocus: a sync message that does not ask for another step 1. */
const MESSAGE_SYNC_REPLY = 4;
/** Hocuspocus: the acknowledgement it sends after every update it applied. */
const MESSAGE_SYNC_STATUS = 8;

/** A shared monotonic clock in milliseconds: comparable across processes on one machine. */
export function sharedNow(): number {
  return performance.timeOrigin + performance.now();
}

/** What one connection received, split by kind. */
export interface ReceiveCounters {
  messages: number;
  bytes: number;
  docMessages: number;
  docBytes: number;
  presenceMessages: number;
  presenceBytes: number;
  /** Hocuspocus acknowledgements, auth answers and anything else. */
  otherMessages: number;
  otherBytes: number;
}

export function emptyCounters(): ReceiveCounters {
  return { messages: 0, bytes: 0, docMessages: 0, docBytes: 0, presenceMessages: 0, presenceBytes: 0, otherMessages: 0, otherBytes: 0 };
}

export function addCounters(into: ReceiveCounters, from: ReceiveCounters): void {
  for (const key of Object.keys(into) as Array<keyof ReceiveCounters>) into[key] += from[key];
}

/** One awareness entry as received: the client id, its clock and its parsed state (null = removed). */
export interface PresenceEntry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
}

export interface DocConnectionOptions {
  flavour: Flavour;
  /** http://127.0.0.1:port of the server. */
  baseUrl: string;
  /** Room name (ours: `<boardId>/wall` …) or shared document name (reference servers). */
  docName: string;
  doc: Y.Doc;
  /** Cookie header for our server (its session). */
  cookie?: string;
  /** Called for every awareness entry received (after JSON.parse of its state). */
  onPresence?: (entries: PresenceEntry[]) => void;
  /** Counters are added here only while this returns true (the measured window); `total` always. */
  isMeasuring?: () => boolean;
  /**
   * Offer permessage-deflate, as browsers do. Off by default: the bench compares servers on the same
   * uncompressed messages (and counts message bytes); tests/load/wsCompressionCost.ts turns it on.
   */
  perMessageDeflate?: boolean;
}

/**
 * One document over one websocket. `synced` resolves when the server's sync step 2 has been applied.
 * Local changes to `doc` (not from this connection) are sent as update messages.
 */
export class DocConnection {
  readonly ws: WebSocket;
  readonly total = emptyCounters();
  readonly measured = emptyCounters();
  readonly synced: Promise<void>;
  readonly opened: Promise<void>;
  /** The TCP socket under the websocket, once upgraded: `bytesRead` counts what crossed the wire (compressed). */
  socket: Socket | null = null;
  /** Close code and reason once closed. */
  closeInfo: { code: number; reason: string } | null = null;
  /** Time the first byte of the sync step 2 arrived, and the bytes received until then. */
  syncedAt = 0;
  bytesUntilSynced = 0;
  isSynced = false;
  private markSynced!: () => void;
  private failSync!: (error: Error) => void;
  private presenceClock = 0;
  private readonly prefix: Uint8Array;
  private readonly onLocalUpdate: (update: Uint8Array, origin: unknown) => void;

  constructor(private readonly options: DocConnectionOptions) {
    const { flavour, baseUrl, docName, doc } = options;
    const wsBase = baseUrl.replace(/^http/, 'ws');
    const url = flavour === 'ours' ? `${wsBase}/yjs/${docName}` : flavour === 'y-websocket' ? `${wsBase}/${docName}` : `${wsBase}/`;
    const headers: Record<string, string> = { origin: baseUrl };
    if (options.cookie) headers.cookie = options.cookie;
    this.ws = new WebSocket(url, { headers, perMessageDeflate: options.perMessageDeflate ?? false });
    this.ws.once('upgrade', (response) => (this.socket = response.socket as Socket));
    this.ws.binaryType = 'nodebuffer';
    const prefixEncoder = encoding.createEncoder();
    if (flavour === 'hocuspocus') encoding.writeVarString(prefixEncoder, docName);
    this.prefix = encoding.toUint8Array(prefixEncoder);
    this.synced = new Promise<void>((resolve, reject) => {
      this.markSynced = resolve;
      this.failSync = reject;
    });
    this.synced.catch(() => undefined);
    this.opened = new Promise<void>((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', (error) => reject(error));
    });
    this.opened.catch(() => undefined);
    this.ws.on('open', () => this.handleOpen());
    this.ws.on('message', (data: Buffer) => this.handleMessage(data));
    this.ws.on('error', () => undefined);
    this.ws.on('close', (code, reason) => {
      this.closeInfo = { code, reason: reason.toString() };
      if (!this.isSynced) this.failSync(new Error(`${docName} closed before sync: ${code} ${reason.toString()}`));
    });
    this.onLocalUpdate = (update, origin) => {
      if (origin !== this) this.sendSync((encoder) => syncProtocol.writeUpdate(encoder, update));
    };
    doc.on('update', this.onLocalUpdate);
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /**
   * Sends one awareness entry for `clientId`, as y-protocols encodes it. `clock` must grow with every
   * message (y-protocols adds 1; the load clients use the send time in ms, so receivers can tell a state's age).
   */
  sendPresence(clientId: number, state: Record<string, unknown> | null, clock?: number): void {
    this.presenceClock = Math.max(this.presenceClock + 1, clock ?? 0);
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, clientId);
    encoding.writeVarUint(inner, this.presenceClock);
    encoding.writeVarString(inner, JSON.stringify(state));
    const encoder = this.startMessage(MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
    this.send(encoding.toUint8Array(encoder));
  }

  close(): void {
    this.options.doc.off('update', this.onLocalUpdate);
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
  }

  private startMessage(type: number): encoding.Encoder {
    const encoder = encoding.createEncoder();
    if (this.prefix.length > 0) encoding.writeUint8Array(encoder, this.prefix);
    encoding.writeVarUint(encoder, type);
    return encoder;
  }

  private sendSync(write: (encoder: encoding.Encoder) => void): void {
    const encoder = this.startMessage(MESSAGE_SYNC);
    write(encoder);
    this.send(encoding.toUint8Array(encoder));
  }

  private send(bytes: Uint8Array): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(bytes);
  }

  private handleOpen(): void {
    if (this.options.flavour === 'hocuspocus') {
      // Hocuspocus waits for a token message before anything else (its provider sends one, even empty).
      const encoder = this.startMessage(MESSAGE_AUTH);
      encoding.writeVarUint(encoder, 0);
      encoding.writeVarString(encoder, 'bench');
      this.send(encoding.toUint8Array(encoder));
      return;
    }
    // As the stock provider: our sync step 1 at once.
    this.sendSync((encoder) => syncProtocol.writeSyncStep1(encoder, this.options.doc));
  }

  private handleMessage(data: Buffer): void {
    const measuring = this.options.isMeasuring?.() ?? false;
    const size = data.byteLength;
    const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    if (this.options.flavour === 'hocuspocus') decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    let kind: 'doc' | 'presence' | 'other' = 'other';
    if (type === MESSAGE_SYNC || type === MESSAGE_SYNC_REPLY) {
      kind = 'doc';
      const reply = this.startMessage(MESSAGE_SYNC);
      const replyEmptyLength = encoding.length(reply);
      const subtype = syncProtocol.readSyncMessage(decoder, reply, this.options.doc, this);
      if (encoding.length(reply) > replyEmptyLength) this.send(encoding.toUint8Array(reply));
      if (subtype === syncProtocol.messageYjsSyncStep2 && !this.isSynced) {
        this.isSynced = true;
        this.syncedAt = sharedNow();
        this.bytesUntilSynced = this.total.bytes + size;
        this.markSynced();
      }
    } else if (type === MESSAGE_AWARENESS) {
      kind = 'presence';
      const entries = readAwarenessUpdate(decoding.readVarUint8Array(decoder));
      this.options.onPresence?.(entries);
    } else if (type === MESSAGE_AUTH && this.options.flavour === 'hocuspocus') {
      const authType = decoding.readVarUint(decoder);
      // 2 = authenticated: now the provider starts syncing.
      if (authType === 2) this.sendSync((encoder) => syncProtocol.writeSyncStep1(encoder, this.options.doc));
    } else if (type === MESSAGE_SYNC_STATUS) {
      kind = 'other';
    }
    count(this.total, kind, size);
    if (measuring) count(this.measured, kind, size);
  }
}

function count(counters: ReceiveCounters, kind: 'doc' | 'presence' | 'other', size: number): void {
  counters.messages += 1;
  counters.bytes += size;
  if (kind === 'doc') {
    counters.docMessages += 1;
    counters.docBytes += size;
  } else if (kind === 'presence') {
    counters.presenceMessages += 1;
    counters.presenceBytes += size;
  } else {
    counters.otherMessages += 1;
    counters.otherBytes += size;
  }
}

/** Decodes an awareness update as y-protocols does (count, then client id, clock and JSON state). */
export function readAwarenessUpdate(update: Uint8Array): PresenceEntry[] {
  const decoder = decoding.createDecoder(update);
  const length = decoding.readVarUint(decoder);
  const entries: PresenceEntry[] = [];
  for (let index = 0; index < length; index += 1) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = JSON.parse(decoding.readVarString(decoder)) as Record<string, unknown> | null;
    entries.push({ clientId, clock, state });
  }
  return entries;
}

/** Opens a connection and waits for its sync, failing after `timeoutMs`. */
export async function connectAndSync(options: DocConnectionOptions, timeoutMs = 30_000): Promise<DocConnection> {
  const connection = new DocConnection(options);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      connection.synced,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`sync of ${options.docName} took over ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (error) {
    connection.close();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return connection;
}

/** The state vector of a document as base64, for comparing copies. */
export function stateVectorText(doc: Y.Doc): string {
  return Buffer.from(Y.encodeStateVector(doc)).toString('base64');
}

/**
 * Compressed snapshots of boards (brief and wall), for phones that join (issue 15: "phones served light";
 * ADR 0008).
 *
 * A wall of 2,000 notes is about 440 kB as a Yjs update. The websocket sends it uncompressed (THREATS.md:
 * no per-message compression on the server by default), which on a 1.6 Mbps venue link is over 2 s before
 * the first note shows. Over HTTP the same bytes compress to a quarter or less with the standard
 * Content-Encoding every browser speaks, and the websockets then only send what changed since.
 *
 * A venue scanning the QR code at once must not cost one compression a phone: a board's snapshot is made at
 * most once per `MAX_AGE_MS` and shared by every request in that time. A snapshot a little old is harmless:
 * the websockets' sync sends the difference. Compression runs on libuv's threads, off the event loop.
 */
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';

export type SnapshotEncoding = 'br' | 'gzip' | 'identity';

export interface StoredSnapshot {
  /** The snapshot's body (`shared/protocol/boardSnapshot.ts`), everything in it stored. */
  body: Uint8Array;
  /** The documents' epoch when it was read: a page of another epoch must not apply it. */
  epoch: string;
}

export interface EncodedSnapshot {
  body: Buffer;
  epoch: string;
  encoding: SnapshotEncoding;
}

/** How long one snapshot serves every joiner of a board, in ms. */
export const MAX_AGE_MS = 1_000;
/** Brotli quality 5: about gzip's speed (≈ 9 ms for 440 kB) at a few % fewer bytes; 11, the default, is ~50× slower. */
const BROTLI_QUALITY = 5;

const compressBrotli = promisify(brotliCompress);
const compressGzip = promisify(gzip);

interface Entry {
  madeAt: number;
  snapshot: Promise<StoredSnapshot>;
  encoded: Map<SnapshotEncoding, Promise<Buffer>>;
}

export class BoardSnapshots {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The board's snapshot in `encoding`, reading it with `read` only when no fresh one is at hand. */
  async get(boardId: string, encoding: SnapshotEncoding, read: () => Promise<StoredSnapshot>): Promise<EncodedSnapshot> {
    const entry = this.fresh(boardId) ?? this.start(boardId, read);
    let body = entry.encoded.get(encoding);
    if (!body) {
      body = entry.snapshot.then((snapshot) => encode(snapshot.body, encoding));
      entry.encoded.set(encoding, body);
    }
    const [snapshot, bytes] = await Promise.all([entry.snapshot, body]);
    return { body: bytes, epoch: snapshot.epoch, encoding };
  }

  /** Boards with a snapshot held now (memory is bounded by the boards joined in the last second). */
  get size(): number {
    this.dropExpired();
    return this.entries.size;
  }

  private fresh(boardId: string): Entry | null {
    this.dropExpired();
    return this.entries.get(boardId) ?? null;
  }

  private start(boardId: string, read: () => Promise<StoredSnapshot>): Entry {
    const entry: Entry = { madeAt: this.now(), snapshot: read(), encoded: new Map() };
    this.entries.set(boardId, entry);
    // A failed read is not kept: the next request tries again.
    entry.snapshot.catch(() => {
      if (this.entries.get(boardId) === entry) this.entries.delete(boardId);
    });
    return entry;
  }

  private dropExpired(): void {
    const oldest = this.now() - MAX_AGE_MS;
    for (const [boardId, entry] of this.entries) {
      if (entry.madeAt < oldest) this.entries.delete(boardId);
    }
  }
}

function encode(body: Uint8Array, encoding: SnapshotEncoding): Promise<Buffer> {
  const input = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  switch (encoding) {
    case 'br':
      return compressBrotli(input, {
        params: {
          [zlib.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
          [zlib.BROTLI_PARAM_SIZE_HINT]: input.byteLength,
        },
      });
    case 'gzip':
      return compressGzip(input);
    case 'identity':
      return Promise.resolve(input);
  }
}

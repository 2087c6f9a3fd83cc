/**
 * A slow link as a TCP proxy on 127.0.0.1: bytes are paced at `downBitsPerSecond` towards the client and
 * `upBitsPerSecond` towards the server, each direction shared by every connection through it (one phone's
 * radio), and each piece arrives `latencyMs / 2` after it was sent (so a round trip adds `latencyMs`).
 *
 * Why not Chromium's network emulation alone: it paces a websocket's messages by their size after
 * inflating, not by the bytes on the wire, so it hides what permessage-deflate saves (BENCHMARKS.md,
 * "the wall compressed on the websocket"). This paces what crosses the socket, compressed or not.
 * `setThrottled(false)` passes bytes at once (the bench's set-up goes through the same address).
 */
import { createServer, connect, type Socket } from 'node:net';

export interface LinkConditions {
  downBitsPerSecond: number;
  upBitsPerSecond: number;
  latencyMs: number;
}

export interface ThrottledLink {
  url: string;
  port: number;
  setThrottled(isThrottled: boolean): void;
  close(): Promise<void>;
}

/** Pieces are paced this big at most, so a 64 KiB read does not arrive all at once after its last byte. */
const PIECE_BYTES = 4_096;

/**
 * One direction of the link: pieces leave in the order they came, each once the link has carried it and
 * its one-way delay has passed. One queue and one timer, not a timer per piece: a small piece that came
 * just after a larger one, when the link had gone idle in between, would otherwise be due sooner than it
 * and overtake it (a websocket's first frame before its handshake's answer: `ERR_INVALID_HTTP_RESPONSE`
 * in about one phone in three).
 */
export class LinkDirection {
  /** When the link is next free to send, in ms (performance.now()). */
  private freeAt = 0;
  private readonly queue: Array<{ at: number; deliver: () => void }> = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly bitsPerSecond: number, private readonly oneWayMs: number) {}

  /** Delivers `bytes` through `write` when the link has carried them, keeping order. */
  carry(bytes: Buffer, write: (piece: Buffer) => void, isThrottled: boolean): void {
    if (!isThrottled) {
      // Unthrottled bytes still wait behind throttled ones in flight.
      if (this.queue.length === 0) write(bytes);
      else this.enqueue(this.lastAt(), () => write(bytes));
      return;
    }
    // An empty buffer (a close) still waits its turn behind what was sent before it.
    for (let offset = 0; offset < Math.max(bytes.length, 1); offset += PIECE_BYTES) {
      const piece = bytes.subarray(offset, offset + PIECE_BYTES);
      this.freeAt = Math.max(performance.now(), this.freeAt) + (piece.length * 8 * 1000) / this.bitsPerSecond;
      this.enqueue(Math.max(this.lastAt(), this.freeAt + this.oneWayMs), () => write(piece));
    }
  }

  private lastAt(): number {
    return this.queue.at(-1)?.at ?? 0;
  }

  private enqueue(at: number, deliver: () => void): void {
    this.queue.push({ at, deliver });
    this.schedule();
  }

  private schedule(): void {
    const first = this.queue[0];
    if (this.timer || !first) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      // Timers fire up to a millisecond early or late: deliver everything due within it, in order.
      const now = performance.now() + 1;
      while (this.queue.length > 0 && this.queue[0]!.at <= now) this.queue.shift()!.deliver(); // reason: length checked
      this.schedule();
    }, Math.max(0, first.at - performance.now()));
  }

  /** Drops what is in flight (the link closes). */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.queue.length = 0;
  }
}

export async function startThrottledLink(targetPort: number, conditions: LinkConditions, listenPort = 0): Promise<ThrottledLink> {
  const down = new LinkDirection(conditions.downBitsPerSecond, conditions.latencyMs / 2);
  const up = new LinkDirection(conditions.upBitsPerSecond, conditions.latencyMs / 2);
  let isThrottled = false;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    const writeTo = (socket: Socket) => (piece: Buffer) => {
      if (!socket.destroyed) socket.write(piece);
    };
    client.on('data', (bytes: Buffer) => up.carry(bytes, writeTo(upstream), isThrottled));
    upstream.on('data', (bytes: Buffer) => down.carry(bytes, writeTo(client), isThrottled));
    // A close travels after the bytes before it (the same delay), so nothing in flight is cut off.
    client.on('end', () => up.carry(Buffer.alloc(0), () => upstream.end(), isThrottled));
    upstream.on('end', () => down.carry(Buffer.alloc(0), () => client.end(), isThrottled));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => setTimeout(() => client.destroy(), isThrottled ? conditions.latencyMs + 1_000 : 0));
  });
  await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    setThrottled: (value) => (isThrottled = value),
    close: async () => {
      down.stop();
      up.stop();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

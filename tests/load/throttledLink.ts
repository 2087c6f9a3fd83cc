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

/** One direction of the link: when it is next free to send, in ms (performance.now()). */
class Direction {
  private freeAt = 0;

  constructor(private readonly bitsPerSecond: number, private readonly oneWayMs: number) {}

  /** Delivers `bytes` through `write` when the link has carried them, keeping order. */
  carry(bytes: Buffer, write: (piece: Buffer) => void, isThrottled: boolean): void {
    if (!isThrottled) {
      write(bytes);
      return;
    }
    // An empty buffer (a close) still waits its turn behind what was sent before it.
    for (let offset = 0; offset < Math.max(bytes.length, 1); offset += PIECE_BYTES) {
      const piece = bytes.subarray(offset, offset + PIECE_BYTES);
      const now = performance.now();
      this.freeAt = Math.max(now, this.freeAt) + (piece.length * 8 * 1000) / this.bitsPerSecond;
      setTimeout(() => write(piece), this.freeAt + this.oneWayMs - now);
    }
  }
}

export async function startThrottledLink(targetPort: number, conditions: LinkConditions, listenPort = 0): Promise<ThrottledLink> {
  const down = new Direction(conditions.downBitsPerSecond, conditions.latencyMs / 2);
  const up = new Direction(conditions.upBitsPerSecond, conditions.latencyMs / 2);
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
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';

/**
 * The HTTP server's side of a graceful shutdown: once `begin()` is called, no new request or websocket
 * upgrade is admitted, and `destroyAll()` ends every socket still open, upgraded ones included (an
 * upgraded socket is invisible to `closeAllConnections()` yet keeps `httpServer.close()` waiting).
 */
export class ConnectionGate {
  private readonly sockets = new Set<Socket>();
  private isClosing = false;

  constructor(private readonly httpServer: Server) {
    httpServer.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    // First among the upgrade listeners: the others (ws, socket.io) find the socket already destroyed.
    httpServer.prependListener('upgrade', (_req: IncomingMessage, socket: Duplex) => {
      if (this.isClosing) refuseUpgrade(socket);
    });
  }

  get isShuttingDown(): boolean {
    return this.isClosing;
  }

  /** Wraps the request handler: during shutdown, new requests get 503 and the connection closes. */
  handler(app: (req: IncomingMessage, res: ServerResponse) => void): (req: IncomingMessage, res: ServerResponse) => void {
    return (req, res) => {
      if (!this.isClosing) return app(req, res);
      res.writeHead(503, { 'Content-Type': 'application/json', Connection: 'close', 'Retry-After': '5' });
      res.end(JSON.stringify({ error: { code: 'shutting-down', message: 'The server is restarting. Try again in a moment.' } }));
    };
  }

  /** Stops listening and admitting; resolves when every connection has gone (see `destroyAll`). */
  begin(): Promise<void> {
    this.isClosing = true;
    const closed = new Promise<void>((resolve) => this.httpServer.close(() => resolve()));
    this.httpServer.closeIdleConnections();
    return closed;
  }

  /** Ends everything still open, at once: websockets in admission or mid-handshake too. */
  destroyAll(wss: WebSocketServer): void {
    for (const client of wss.clients) client.terminate();
    this.httpServer.closeAllConnections();
    for (const socket of this.sockets) socket.destroy();
  }
}

/** A websocket during shutdown: no handshake, the TCP connection ends (the client retries elsewhere or later). */
function refuseUpgrade(socket: Duplex): void {
  socket.destroy();
}

/** Resolves with `promise`'s result, or with `fallback` once `timeoutMs` has passed. */
export async function withDeadline<T>(promise: Promise<T>, timeoutMs: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | null = null;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), Math.max(0, timeoutMs));
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    if (timer) clearTimeout(timer);
  }
}

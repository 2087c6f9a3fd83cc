import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { createSessions } from './auth/sessions.js';
import type { Config } from './config.js';
import type { AccessEvents } from './http/routes/deps.js';
import type { Logger } from './log.js';
import type { Store } from './store/store.js';

export interface RunningServer {
  httpServer: Server;
  /** The address it listens on, e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
}

export interface ServerDeps {
  config: Config;
  store: Store;
  log: Logger;
  clientDir: string | null;
  now?: () => number;
}

/** Wires the app, the realtime endpoints and the store together and starts listening. */
export async function startServer(deps: ServerDeps): Promise<RunningServer> {
  const now = deps.now ?? Date.now;
  const sessions = createSessions(deps.store, now);
  const accessEvents: AccessEvents = {
    boardStatusChanged: () => undefined,
    inviteLinkRevoked: () => undefined,
  };
  const app = createApp({ ...deps, sessions, accessEvents, now });
  const httpServer = createHttpServer(app);
  // Slow-loris and header-flood bounds: a request must arrive whole, with a sane number of headers.
  httpServer.headersTimeout = 20_000;
  httpServer.requestTimeout = 60_000;
  httpServer.maxHeadersCount = 100;
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(deps.config.port, deps.config.host, () => resolve());
  });
  const address = httpServer.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;
  return {
    httpServer,
    url,
    async close() {
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}

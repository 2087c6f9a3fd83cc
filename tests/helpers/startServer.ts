import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSetupLinkIfNoOfficer } from '../../server/auth/setupLink.js';
import { loadConfig, type Config } from '../../server/config.js';
import { createLogger, type Logger } from '../../server/log.js';
import { startServer, type RunningServer } from '../../server/server.js';
import type { WriterLimits } from '../../server/store/groupCommit.js';
import { SqliteStore } from '../../server/store/sqlite.js';
import type { Store } from '../../server/store/store.js';
import { slowStore } from './slowStore.js';

export interface TestServer {
  url: string;
  dataDir: string;
  /** The configuration it was started with (e.g. the session secret, to read a session cookie). */
  config: Config;
  store: SqliteStore;
  server: RunningServer;
  /** The one-time set-up link printed at start, or null when an officer already existed. */
  setupUrl: string | null;
  /** Stops the server and closes the store; keeps the data directory (see `remove`). */
  stop(): Promise<void>;
  /** Stops and deletes the data directory. */
  remove(): Promise<void>;
}

/**
 * A real server on an ephemeral port with a real SQLite file in a temp directory, in this process.
 * Pass `dataDir` to restart on the data of an earlier server; `wrapStore` to serve through a slow or failing
 * wrapper of the real store; `now` to move the server's clock (expiry tests). `TEST_STORE_DELAY_MS=15 npm test` runs every such suite on a slow store.
 */
export async function startTestServer(
  options: {
    dataDir?: string;
    env?: Record<string, string>;
    wrapStore?: (store: Store) => Store;
    /** A logger to read what the server logged (default: the configured level, to stdout). */
    log?: Logger;
    /** How long an idle board stays loaded (default 15 s): short, to see a board unload in a test. */
    unloadAfterIdleMs?: number;
    /** The server's clock (expiry tests). */
    now?: () => number;
    /** Bounds of the writer's backlog and batches (small, to reach them in a test). */
    writerLimits?: Partial<WriterLimits>;
    /** Longest a shutdown may take, in ms. */
    shutdownMaxMs?: number;
  } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'oiw-test-'));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test', ...options.env });
  const store = SqliteStore.inDataDir(dataDir, { sync: config.sqliteSync });
  const served = options.wrapStore ? options.wrapStore(store) : withTestDelay(store);
  const server = await startServer({
    config,
    store: served,
    log: options.log ?? createLogger(config.logLevel),
    clientDir: null,
    unloadAfterIdleMs: options.unloadAfterIdleMs,
    now: options.now,
    writerLimits: options.writerLimits,
    shutdownMaxMs: options.shutdownMaxMs,
  });
  // PUBLIC_URL defaults to the configured port (0): links must point at the real port.
  config.publicUrl = server.url;
  const setupUrl = await createSetupLinkIfNoOfficer(store, server.url, Date.now());
  let isStopped = false;
  const stop = async () => {
    if (isStopped) return;
    isStopped = true;
    await server.close();
    await store.close();
  };
  return {
    url: server.url,
    dataDir,
    config,
    store,
    server,
    setupUrl,
    stop,
    async remove() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The store as served: delayed by TEST_STORE_DELAY_MS when set (every suite must pass on a slow store). */
function withTestDelay(store: Store): Store {
  const delayMs = Number(process.env.TEST_STORE_DELAY_MS ?? 0);
  return Number.isFinite(delayMs) && delayMs > 0 ? slowStore(store, delayMs) : store;
}

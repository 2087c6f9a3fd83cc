/**
 * Several instances of the server in this process on one PostgreSQL schema and one Redis (issue 11), as
 * a load balancer without sticky sessions sees them. Each has its own data folder (unused by the store)
 * and its own Redis connections.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSetupLinkIfNoOfficer } from '../../server/auth/setupLink.js';
import { connectRedis, type RedisConnection } from '../../server/cluster/redisConnection.js';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/log.js';
import { startServer, type RunningServer } from '../../server/server.js';
import type { RemotePresenceTimes } from '../../server/rooms/RemotePresence.js';
import type { Store } from '../../server/store/store.js';
import { newBrowserClient, type BrowserClient } from './http.js';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { Disposables } from './liveBoard.js';
import { createTestDatabase, type TestDatabase } from './postgres.js';
import { startTestRedis, type TestRedis } from './redisServer.js';

export const CLUSTER_SESSION_SECRET = 'cluster-test-secret-0123456789abcdef-0123';

export interface Instance {
  url: string;
  /** The first officer's set-up link (first instance only). */
  setupUrl: string | null;
  server: RunningServer;
  store: Store;
  /** Its own Redis connection (a test may destroy it, as a killed instance's connection just stops). */
  redis: RedisConnection;
}

export interface InstanceOptions {
  /** Presence heartbeat and expiry across instances (default: the product's). */
  presenceTimes?: RemotePresenceTimes;
}

/** `count` instances on one new schema of `database` and the Redis at `redisUrl`; `open` closes them. */
export async function startInstances(database: TestDatabase, redisUrl: string, count: number, open: Disposables, options: InstanceOptions = {}): Promise<Instance[]> {
  const first = await database.openStore();
  const schema = database.schemas.at(-1)!; // reason: openStore just added it
  const instances: Instance[] = [];
  for (let index = 0; index < count; index += 1) {
    const store = index === 0 ? first : await database.openStoreOnSchema(schema);
    const dataDir = mkdtempSync(path.join(tmpdir(), 'oiw-instance-'));
    open.add(dataDir, (dir) => rmSync(dir, { recursive: true, force: true }));
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test', SESSION_SECRET: CLUSTER_SESSION_SECRET, DATABASE_URL: database.url, REDIS_URL: redisUrl });
    const log = createLogger('silent');
    const connection: RedisConnection = await connectRedis(redisUrl, log);
    const server = await startServer({ config, store, log, clientDir: null, redis: connection, ...(options.presenceTimes ? { presenceTimes: options.presenceTimes } : {}) });
    config.publicUrl = server.url;
    open.add(null, async () => {
      await server.close();
      await connection.close();
    });
    instances.push({ url: server.url, server, store, redis: connection, setupUrl: index === 0 ? await createSetupLinkIfNoOfficer(store, server.url, Date.now()) : null });
  }
  return instances;
}

/** The same browser (its cookies) talking to another instance, as a load balancer without sticky sessions does. */
export async function sameBrowserOn(instance: Pick<Instance, 'url'>, client: BrowserClient): Promise<BrowserClient> {
  return newBrowserClient(instance.url, client.cookies());
}

export interface ClusterFixtures {
  /** The file's database: made before its first test, dropped after its last. */
  readonly database: TestDatabase;
  /** Each test's own redis-server (a test may stop and start it). */
  readonly redis: TestRedis;
  /** Closed after each test, newest first (instances, clients, folders). */
  readonly open: Disposables;
}

/**
 * The vitest hooks every several-instances test file needs: one PostgreSQL database per file, one Redis per
 * test, and everything a test opened closed after it. Call once at the top of the file.
 */
export function useClusterFixtures(): ClusterFixtures {
  let database: TestDatabase | null = null;
  let redis: TestRedis | null = null;
  const open = new Disposables();
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });
  beforeEach(async () => {
    redis = await startTestRedis();
  });
  afterEach(async () => {
    await open.disposeAll();
    await redis?.stop();
  });
  return {
    get database() {
      if (!database) throw new Error('the database is made in beforeAll: use it inside a test or hook');
      return database;
    },
    get redis() {
      if (!redis) throw new Error('Redis is started in beforeEach: use it inside a test or hook');
      return redis;
    },
    open,
  };
}

/**
 * Several in-process instances of the server on one PostgreSQL schema and one Redis, as the compose stack
 * runs them (issue 11): each with its own data directory, store pool and Redis connection, all with one
 * SESSION_SECRET. The first prints the set-up link. Everything is closed by `open.disposeAll()`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSetupLinkIfNoOfficer } from '../../server/auth/setupLink.js';
import { connectRedis } from '../../server/cluster/redisConnection.js';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/log.js';
import { startServer, type RunningServer } from '../../server/server.js';
import type { Disposables } from './liveBoard.js';
import type { TestDatabase } from './postgres.js';

export const CLUSTER_SESSION_SECRET = 'shared-access-test-secret-0123456789abcdef';

export interface Instance {
  url: string;
  setupUrl: string | null;
  server: RunningServer;
}

/** `count` instances on one new schema of `database` and the Redis at `redisUrl`. */
export async function startInstances(count: number, shared: { database: TestDatabase; redisUrl: string; open: Disposables }): Promise<Instance[]> {
  const { database, redisUrl, open } = shared;
  const first = await database.openStore();
  const schema = database.schemas.at(-1)!; // reason: openStore just added it
  const instances: Instance[] = [];
  for (let index = 0; index < count; index += 1) {
    const store = index === 0 ? first : await database.openStoreOnSchema(schema);
    const dataDir = mkdtempSync(path.join(tmpdir(), 'oiw-shared-'));
    open.add(dataDir, (dir) => rmSync(dir, { recursive: true, force: true }));
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      SESSION_SECRET: CLUSTER_SESSION_SECRET,
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl,
    });
    const log = createLogger('silent');
    const connection = await connectRedis(redisUrl, log);
    const server = await startServer({ config, store, log, clientDir: null, redis: connection });
    config.publicUrl = server.url;
    open.add(null, async () => {
      await server.close();
      await connection.close();
    });
    instances.push({ url: server.url, server, setupUrl: index === 0 ? await createSetupLinkIfNoOfficer(store, server.url, Date.now()) : null });
  }
  return instances;
}

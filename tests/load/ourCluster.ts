/**
 * Our server as several identical instances on one PostgreSQL database and one Redis (issue 11), for the
 * scale-out bench: a fresh `redis-server` of its own on a free port (the machine's shared Redis would mix
 * other runs' keys in), a fresh PostgreSQL database made for the run and dropped after, one
 * SESSION_SECRET for all (a session made on one instance is valid on the others), and each instance the
 * built app started exactly as the single-instance bench starts it (servers.ts).
 */
import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';
import { startTestRedis, type TestRedis } from '../helpers/redisServer.js';
import { startServerUnderTest, type ServerUnderTest, type StartOptions } from './servers.js';

/** Where our server keeps its data and how many instances serve the board. */
export interface Deployment {
  store: 'sqlite' | 'postgres';
  instances: number;
}

export const DEFAULT_DEPLOYMENT: Deployment = { store: 'sqlite', instances: 1 };

/** A short name for tables and logs: "SQLite", "PostgreSQL + Redis, 1 instance", "… 3 instances". */
export function deploymentLabel(deployment: Deployment): string {
  if (deployment.store === 'sqlite') return 'SQLite, 1 instance';
  return `PostgreSQL + Redis, ${deployment.instances} instance${deployment.instances === 1 ? '' : 's'}`;
}

export interface OurCluster {
  /** The instances; the first printed the set-up link (`setupUrl`). */
  servers: ServerUnderTest[];
  /** SIGTERM every instance (each stores what it holds), then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** Stops every instance, then Redis, then drops the database. */
  remove(): Promise<void>;
}

/**
 * Starts `instances` of our server on PostgreSQL + Redis. The first starts alone (it migrates the fresh
 * database and prints the set-up link); the others start after it, together.
 */
export async function startOurCluster(instances: number, options: StartOptions = {}): Promise<OurCluster> {
  if (!Number.isInteger(instances) || instances < 1) throw new Error(`instances: ${instances} is not a whole number ≥ 1`);
  let redis: TestRedis | null = null;
  let database: TestDatabase | null = null;
  const servers: ServerUnderTest[] = [];
  const stop = async (graceMs?: number) => {
    await Promise.all(servers.map((server) => server.stop(graceMs)));
  };
  const remove = async () => {
    await Promise.all(servers.map((server) => server.remove()));
    await redis?.stop();
    await database?.drop();
  };
  try {
    redis = await startTestRedis();
    database = await createTestDatabase();
    const env = {
      ...options.env,
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      SESSION_SECRET: randomBytes(32).toString('base64url'),
    };
    servers.push(await startServerUnderTest('ours', { ...options, env }));
    const others = await Promise.allSettled(Array.from({ length: instances - 1 }, () => startServerUnderTest('ours', { ...options, env })));
    for (const started of others) if (started.status === 'fulfilled') servers.push(started.value);
    const failed = others.find((started) => started.status === 'rejected');
    if (failed) throw failed.reason;
  } catch (error) {
    await remove().catch(() => undefined);
    throw error;
  }
  return { servers, stop, remove };
}

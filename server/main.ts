import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSetupLinkIfNoOfficer } from './auth/setupLink.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { connectRedis, type RedisConnection } from './cluster/redisConnection.js';
import { createLogger, type Logger } from './log.js';
import { seedDemoBoard } from './seed/demoBoard.js';
import { startServer } from './server.js';
import { PostgresStore } from './store/postgres/PostgresStore.js';
import { SqliteStore, type SqliteSync } from './store/sqlite.js';
import type { Store } from './store/store.js';
import { describeStoreError, isStoreUnavailableError } from './store/storeErrors.js';
import { SHUTDOWN_MAX_MS } from '../shared/limits.js';

/** Composition root: read config, open the store, seed, listen, and shut down cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const log = createLogger(config.logLevel);
  const redis = config.redisUrl ? await openRedis(config.redisUrl, log) : null;
  if (redis) {
    // Rate limits and access changes are shared through Redis; boards are still held in each process's memory
    // until the document bus lands (issue 11): say so, loudly.
    log.warn('REDIS_URL: rate limits, sign-outs and removals are shared by instances, but live boards are not yet: send each board to ONE instance');
  }
  const store = config.databaseUrl ? await openPostgresStore(config.databaseUrl) : openSqliteStore(config.dataDir, config.sqliteSync);
  const storeName = config.databaseUrl ? 'the PostgreSQL database' : `the database in ${config.dataDir}`;
  // A store that opens but cannot write (a read-only file, a full disk) must not serve as "ready".
  await store.probeWrite(Date.now()).catch((error: unknown) => {
    throw new StartError(`${storeName} cannot be written: ${describeStoreError(error)}`);
  });
  if (config.seedDemo) {
    const demo = await seedDemoBoard(store, Date.now());
    // The event code admits people to the board: it is shown to the board's officers, never logged.
    if (demo) log.info({ boardId: demo.boardId }, 'demo board created');
  }
  const server = await startServer({ config, store, log, clientDir: findClientDir(), redis });
  const setupUrl = await createSetupLinkIfNoOfficer(store, config.publicUrl, Date.now());
  if (setupUrl) {
    // The link is a one-time secret: printed once for the operator on stdout, never in a structured log line.
    log.info('no officer yet: the one-time set-up link is printed below this line');
    process.stdout.write(`\nSet up the first officer account (this link works once):\n  ${setupUrl}\n\n`);
  }
  // Printed last: tests and scripts wait for this line before using the server.
  log.info({ url: server.url, publicUrl: config.publicUrl, dataDir: config.dataDir }, 'Open Ideas Wall is running');

  let isStopping = false;
  const stop = async (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    log.info({ signal }, 'shutting down');
    // A last resort: the shutdown bounds each wait, but nothing may keep the process up for ever.
    setTimeout(() => {
      log.error('ALERT: shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_MAX_MS + 5_000).unref();
    const isStored = await server.close();
    await redis?.close();
    await store.close();
    log.info({ isStored }, 'stopped');
    process.exit(isStored ? 0 : 1);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/**
 * The built client sits beside the built server (dist/client). Under tsx, `../client` is the client's
 * SOURCE folder, so only a folder with built assets counts.
 */
function findClientDir(): string | null {
  const candidates = [fileURLToPath(new URL('../client/', import.meta.url)), path.resolve('dist/client')];
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html')) && existsSync(path.join(dir, 'assets'))) ?? null;
}

/** A start-up failure an operator can fix: printed as one line, without a stack trace. */
class StartError extends Error {
  override name = 'StartError';
}

/** Opens the SQLite file; a file that cannot be opened or migrated is a StartError naming the cause. */
function openSqliteStore(dataDir: string, sync: SqliteSync): SqliteStore {
  try {
    return SqliteStore.inDataDir(dataDir, { sync });
  } catch (error) {
    throw new StartError(`the database in ${dataDir} cannot be opened: ${describeStoreError(error)}`);
  }
}

/** Connects to PostgreSQL and migrates; failing that, a StartError naming the cause (never the URL: it holds a password). */
async function openPostgresStore(databaseUrl: string): Promise<Store> {
  try {
    return await PostgresStore.open({ connectionString: databaseUrl });
  } catch (error) {
    throw new StartError(`the PostgreSQL database cannot be used: ${describeStoreError(error)}`);
  }
}

/** Connects to Redis; unreachable at start is a StartError (never printing the URL: it may hold a password). */
async function openRedis(url: string, log: Logger): Promise<RedisConnection> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StartError('Redis (REDIS_URL) did not answer within 10 seconds')), 10_000);
  });
  try {
    return await Promise.race([connectRedis(url, log), timeout]);
  } catch (error) {
    if (error instanceof StartError) throw error;
    throw new StartError(`Redis (REDIS_URL) cannot be used: ${describeStoreError(error)}`);
  } finally {
    clearTimeout(timer);
  }
}

main().catch((error: unknown) => {
  // Operational causes (data folder, store, port in use) in one line; a stack only for a real bug.
  const isOperational = error instanceof StartError || isStoreUnavailableError(error) || (error as { syscall?: unknown } | null)?.syscall !== undefined;
  const detail = isOperational ? (error instanceof StartError ? error.message : describeStoreError(error)) : error instanceof Error ? error.stack : String(error);
  process.stderr.write(`Open Ideas Wall could not start: ${detail}\n`);
  process.exit(1);
});

/**
 * The PostgreSQL connection pool, transactions and migrations. Every instance of the app shares one database,
 * so anything that must not interleave across instances takes a lock inside its transaction: a row lock
 * (SELECT … FOR UPDATE) or a transaction-scoped advisory lock keyed by a name (`lockName`).
 */
import pg from 'pg';
import { PG_MIGRATIONS } from './pgMigrations.js';

export type Queryable = pg.Pool | pg.PoolClient;

export interface PgOptions {
  connectionString: string;
  /** A schema to work in (tests use one per store); the default is the connection's search path. */
  schema?: string;
  /** Connections in the pool. */
  maxConnections?: number;
}

/** Key of the session-level lock that makes instances starting at the same time migrate one after another. */
const MIGRATION_LOCK_KEY = 727_001;

export function createPool(options: PgOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    // A request waits at most this long for a connection, then fails like any store error (never hangs).
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    ...(options.schema ? { options: `-c search_path=${quoteIdentifier(options.schema)}` } : {}),
  });
  // An idle connection dropped by the server emits 'error' on the pool; without a listener that kills the process.
  pool.on('error', () => undefined);
  return pool;
}

/** Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it throws. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Holds a lock named `name` until the transaction ends (every instance that takes the same name waits). */
export async function lockName(client: pg.PoolClient, name: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [name]);
}

/** Applies the migrations this database lacks, one instance at a time; refuses a database from a newer version. */
export async function migrate(pool: pg.Pool, schema: string | undefined): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
    const { rows } = await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
    const applied = rows[0]?.v ?? 0;
    if (applied > PG_MIGRATIONS.length) {
      throw new Error(`The database was written by a newer version (schema ${applied}, this version knows ${PG_MIGRATIONS.length})`);
    }
    for (const [index, sql] of PG_MIGRATIONS.slice(applied).entries()) {
      await client.query('BEGIN');
      try {
        await client.query(sql);
        await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [applied + index + 1, Date.now()]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    client.release();
  }
}

/** A schema or table name made safe to put in SQL text (only for names we choose, never user input). */
export function quoteIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Not a plain SQL identifier: ${name}`);
  return `"${name}"`;
}

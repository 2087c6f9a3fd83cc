/**
 * PostgreSQL for tests: the server on this machine (trust auth). Each test file gets its own database, made
 * at the start and dropped at the end; each store opened in it gets its own schema, so tests never see each
 * other's rows. `TEST_DATABASE_URL` points at another server (its database is only used to create ours).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PostgresStore } from '../../server/store/postgres/PostgresStore.js';

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  /** The new database's URL. */
  url: string;
  /** A store on a fresh schema of this database. */
  openStore(): Promise<PostgresStore>;
  /** A second store on the same schema as `store` (another instance of the app on the same data). */
  openStoreOnSchema(schema: string): Promise<PostgresStore>;
  /** Schemas made so far, newest last. */
  schemas: string[];
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `oiw_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const opened: PostgresStore[] = [];
  const schemas: string[] = [];
  const open = async (schema: string) => {
    const store = await PostgresStore.open({ connectionString: url.toString(), schema, maxConnections: 4 });
    opened.push(store);
    return store;
  };
  return {
    url: url.toString(),
    schemas,
    async openStore() {
      const schema = `s_${randomBytes(5).toString('hex')}`;
      schemas.push(schema);
      return open(schema);
    },
    openStoreOnSchema: open,
    async drop() {
      await Promise.all(opened.map((store) => store.close().catch(() => undefined)));
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

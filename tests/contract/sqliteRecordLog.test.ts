import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { SqliteStore, type SqliteSync } from '../../server/store/sqlite.js';
import { slowStore } from '../helpers/slowStore.js';
import { describeRecordLogContract } from './recordLogContract.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function openSqlite(sync?: SqliteSync): SqliteStore {
  const dir = mkdtempSync(path.join(tmpdir(), 'oiw-contract-'));
  dirs.push(dir);
  return SqliteStore.inDataDir(dir, sync ? { sync } : {});
}

describeRecordLogContract('SQLite', async () => openSqlite());
// ADR 0010: with SQLITE_SYNC=full the wall's entries go through a connection of their own.
describeRecordLogContract('SQLite with SQLITE_SYNC=full', async () => openSqlite('full'));
// A networked store is a slow store: racing appends must still chain.
describeRecordLogContract('SQLite behind a 15 ms delay', async () => slowStore(openSqlite(), 15));

/** The store contracts added for the ports (issue 11) against SQLite; see postgresStore.test.ts for PostgreSQL. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { SqliteStore } from '../../server/store/sqlite.js';
import { describeAccountsSessionsContract } from './accountsSessionsContract.js';
import { describeAuditContract } from './auditContract.js';
import { describeBoardsParticipantsContract } from './boardsParticipantsContract.js';
import { describeDocumentLogContract } from './documentLogContract.js';
import { describeHealthContract } from './healthContract.js';
import { describePublicRecordsContract } from './publicRecordsContract.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function newDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'oiw-contract-'));
  dirs.push(dir);
  return dir;
}

const openSqlite = async () => SqliteStore.inDataDir(newDataDir());

describeHealthContract('SQLite', openSqlite);
describeAccountsSessionsContract('SQLite', openSqlite);
describeBoardsParticipantsContract('SQLite', openSqlite);
describeAuditContract('SQLite', openSqlite);
describePublicRecordsContract('SQLite', openSqlite);
describeDocumentLogContract('SQLite', async () => {
  // Two connections on one file: what two processes on one data directory would be.
  const dir = newDataDir();
  return { first: SqliteStore.inDataDir(dir), second: SqliteStore.inDataDir(dir) };
});

/**
 * Every store contract against PostgreSQL (issue 11): the same suites as SQLite, on the PostgreSQL server
 * on this machine, in a database made for this file and dropped after it; each store on its own schema.
 */
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';
import { describeAccountsSessionsContract } from './accountsSessionsContract.js';
import { describeAuditContract } from './auditContract.js';
import { describeBoardSettingChangesContract } from './boardSettingChangesContract.js';
import { describeBoardsParticipantsContract } from './boardsParticipantsContract.js';
import { describeDocumentLogContract } from './documentLogContract.js';
import { describeHealthContract } from './healthContract.js';
import { describeModerationStoreContract } from './moderationStoreContract.js';
import { describeOfficerStoreContract } from './officerStoreContract.js';
import { describeRecordLogContract } from './recordLogContract.js';
import { describePublicRecordsContract } from './publicRecordsContract.js';
import { describeFairnessStoreContract } from './fairnessStoreContract.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

const openPostgres = async () => database.openStore();

describeHealthContract('PostgreSQL', openPostgres);
describeAccountsSessionsContract('PostgreSQL', openPostgres);
describeBoardsParticipantsContract('PostgreSQL', openPostgres);
describeAuditContract('PostgreSQL', openPostgres);
describeOfficerStoreContract('PostgreSQL', openPostgres);
describeModerationStoreContract('PostgreSQL', openPostgres);
describeBoardSettingChangesContract('PostgreSQL', openPostgres);
describeRecordLogContract('PostgreSQL', openPostgres);
describePublicRecordsContract('PostgreSQL', openPostgres);
describeFairnessStoreContract('PostgreSQL', openPostgres);
describeDocumentLogContract('PostgreSQL', async () => {
  const first = await database.openStore();
  const second = await database.openStoreOnSchema(database.schemas.at(-1)!);
  return { first, second };
});

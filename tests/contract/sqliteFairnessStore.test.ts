import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { SqliteStore } from '../../server/store/sqlite.js';
import { describeFairnessStoreContract } from './fairnessStoreContract.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describeFairnessStoreContract('SQLite', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'oiw-contract-'));
  dirs.push(dir);
  return SqliteStore.inDataDir(dir);
});

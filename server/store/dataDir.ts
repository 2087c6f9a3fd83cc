import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describeStoreError } from './storeErrors.js';

/** The data directory cannot be used; the message is one line naming it, the cause and what to do. */
export class DataDirError extends Error {
  override name = 'DataDirError';
}

/**
 * Makes sure the data directory exists and takes writes, before anything is opened in it. A missing
 * directory is created when its parent exists (a fresh clone's ./data, a container's /data); a deeper
 * missing path is a mistake in DATA_DIR, not something to create. Throws a DataDirError otherwise.
 */
export function prepareDataDir(dataDir: string): void {
  if (!existsSync(dataDir)) {
    const parent = path.dirname(dataDir);
    if (!existsSync(parent)) {
      throw new DataDirError(`DATA_DIR ${dataDir} does not exist, nor does its parent folder ${parent}: create it, or set DATA_DIR to a folder that exists`);
    }
    try {
      mkdirSync(dataDir);
    } catch (error) {
      throw new DataDirError(`DATA_DIR ${dataDir} could not be created: ${describeStoreError(error)}`);
    }
  }
  if (!statSync(dataDir).isDirectory()) throw new DataDirError(`DATA_DIR ${dataDir} is not a folder`);
  // Only a write tells: root ignores permission bits, and a read-only mount shows none.
  const probe = path.join(dataDir, `.write-check-${process.pid}`);
  try {
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch (error) {
    throw new DataDirError(`DATA_DIR ${dataDir} cannot be written: ${describeStoreError(error)}; the server needs a writable folder for its database`);
  }
}

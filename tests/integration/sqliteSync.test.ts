/**
 * [#15.n50] SQLITE_SYNC (ADR 0010): a commit counts as stored once it is in the WAL (`normal`, the default:
 * it survives a crash of the process, which durability.test.ts proves with SIGKILL), or once fsync'd
 * (`full`: it survives a power cut too). What the store opens with is read back from SQLite itself.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.js';
import { SqliteStore } from '../../server/store/sqlite.js';

/** SQLite's numbers for `PRAGMA synchronous`. */
const SYNCHRONOUS = { normal: 1, full: 2 } as const;

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'oiw-sqlite-sync-'));
  dirs.push(dir);
  return dir;
}

function synchronousOf(store: SqliteStore): number {
  return store.db.pragma('synchronous', { simple: true }) as number;
}

describe('[#15.n50] SQLITE_SYNC', () => {
  it('is normal by default and full when asked; the store opens in WAL mode with it', async () => {
    const dataDir = tempDir();
    expect(loadConfig({ DATA_DIR: dataDir }).sqliteSync).toBe('normal');
    expect(loadConfig({ DATA_DIR: dataDir, SQLITE_SYNC: 'full' }).sqliteSync).toBe('full');
    for (const sync of ['normal', 'full'] as const) {
      const store = SqliteStore.inDataDir(tempDir(), { sync });
      try {
        expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
        expect(synchronousOf(store)).toBe(SYNCHRONOUS[sync]);
      } finally {
        await store.close();
      }
    }
    const byDefault = SqliteStore.inDataDir(tempDir());
    try {
      expect(synchronousOf(byDefault)).toBe(SYNCHRONOUS.normal);
    } finally {
      await byDefault.close();
    }
  });

  it('refuses any other value with one clear line that names it', () => {
    const dataDir = tempDir();
    for (const bad of ['FULL', 'off', '0', 'extra', ' normal']) {
      expect(() => loadConfig({ DATA_DIR: dataDir, SQLITE_SYNC: bad }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ DATA_DIR: dataDir, SQLITE_SYNC: bad }), bad).toThrow(/^Configuration error: SQLITE_SYNC must be normal or full \(got "/);
    }
  });
});

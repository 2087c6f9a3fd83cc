/**
 * [#15.n50] The SQLite store copies its WAL into the database file on a thread of its own
 * (server/store/sqliteCheckpoints.ts). Inline, SQLite runs that checkpoint inside whichever commit crosses
 * 1,000 pages: it held the event loop 10–15 ms in a 50-person workshop and up to 200 ms at N = 1,000.
 * Real SQLite files; the WAL index (-shm) is read to see what was copied without checkpointing ourselves.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { endianness, tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CHECKPOINT_AFTER_FRAMES, INLINE_CHECKPOINT_PAGES, SAFETY_NET_CHECKPOINT_PAGES } from '../../server/store/sqliteCheckpoints.js';
import { SqliteStore } from '../../server/store/sqlite.js';
import { waitFor } from '../helpers/liveClients.js';

const FILE_NAME = 'open-ideas-wall.sqlite';
const dirs: string[] = [];
const stores: SqliteStore[] = [];

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function openStore(options: { sync?: 'normal' | 'full' } = {}): { store: SqliteStore; dir: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'oiw-checkpoints-'));
  dirs.push(dir);
  const store = SqliteStore.inDataDir(dir, options);
  stores.push(store);
  return { store, dir };
}

/** The WAL index header (https://www.sqlite.org/walformat.html): frames in the WAL, and how many are copied. */
function walIndex(dir: string): { frames: number; copied: number } {
  const shm = readFileSync(path.join(dir, `${FILE_NAME}-shm`)).subarray(0, 100);
  const read = (at: number) => (endianness() === 'LE' ? shm.readUInt32LE(at) : shm.readUInt32BE(at));
  return { frames: read(16), copied: read(96) };
}

/**
 * `count` commits of one 16 KB update each, one after another: about 10 WAL frames each (measured: the
 * update's overflow pages, the table and index pages, the pointer map).
 */
async function commitUpdates(store: SqliteStore, count: number): Promise<number[]> {
  const seqs: number[] = [];
  for (let index = 0; index < count; index += 1) {
    seqs.push(...(await store.appendDocumentUpdates([{ documentName: 'checkpoints/doc', update: randomBytes(16 * 1024) }])));
  }
  return seqs;
}

function autocheckpointOf(db: Database.Database): number {
  return db.pragma('wal_autocheckpoint', { simple: true }) as number;
}

describe('[#15.n50] checkpoints beside the event loop', () => {
  it.each(['normal', 'full'] as const)('with SQLITE_SYNC=%s, ~1,500 WAL frames of commits are copied by the thread, not inside a commit, and the WAL stays bounded', async (sync) => {
    const { store, dir } = openStore({ sync });
    expect(store.checkpoints?.isRunning).toBe(true);
    // The main connection itself would only checkpoint past the safety net, which ~1,500 frames in all
    // never reach: whatever is copied below, the thread copied (inline, SQLite would at 1,000).
    expect(autocheckpointOf(store.db)).toBe(SAFETY_NET_CHECKPOINT_PAGES);

    await commitUpdates(store, 150);
    await waitFor(() => (store.checkpoints?.passes ?? 0) > 0, { timeoutMs: 5_000, what: 'a pass of the checkpoint thread' });
    const pass = store.checkpoints!.lastPass!; // reason: a pass was counted just above
    // The thread met at least its threshold of frames, and copied them.
    expect(pass.log).toBeGreaterThanOrEqual(CHECKPOINT_AFTER_FRAMES);
    expect(pass.checkpointed).toBe(pass.log);
    await waitFor(() => {
      const index = walIndex(dir);
      return index.frames - index.copied < CHECKPOINT_AFTER_FRAMES;
    }, { timeoutMs: 5_000, what: `fewer than ${CHECKPOINT_AFTER_FRAMES} frames waiting to be copied` });
    // The WAL is within the safety net.
    expect(walIndex(dir).frames).toBeLessThan(SAFETY_NET_CHECKPOINT_PAGES);
  }, 30_000);

  it('a thread that dies leaves SQLite\'s own inline checkpoints, and nothing stops', async () => {
    const { store, dir } = openStore();
    await store.checkpoints!.crashForTest(); // reason: the test store opens in WAL mode, so it has a thread
    expect(store.checkpoints!.isRunning).toBe(false);
    expect(autocheckpointOf(store.db)).toBe(INLINE_CHECKPOINT_PAGES);
    const seqs = await commitUpdates(store, 300);
    // Inline checkpoints kept the WAL under SQLite's threshold.
    expect(walIndex(dir).frames).toBeLessThan(INLINE_CHECKPOINT_PAGES);
    expect(seqs).toHaveLength(300);
  }, 30_000);

  it('close() stops the thread after it closed its connection; the file reopens whole', async () => {
    const { store, dir } = openStore();
    const seqs = await commitUpdates(store, 300);
    await store.close();
    stores.splice(stores.indexOf(store), 1);
    expect(store.checkpoints!.isRunning).toBe(false);
    const reopened = new Database(path.join(dir, FILE_NAME), { readonly: true });
    try {
      expect(reopened.pragma('integrity_check', { simple: true })).toBe('ok');
      const count = reopened.prepare('SELECT COUNT(*) AS n FROM document_updates').get() as { n: number };
      expect(count.n).toBe(seqs.length);
    } finally {
      reopened.close();
    }
  }, 30_000);

  it('SIGKILL while the thread copies: every acknowledged commit is there after the restart, and the file is sound', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'oiw-checkpoints-kill-'));
    dirs.push(dir);
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/store/checkpointedWriter.ts', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const acknowledged: number[] = [];
    let passes = 0;
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const lines = text.split('\n');
      text = lines.pop() ?? '';
      for (const line of lines) {
        const [word, value] = line.split(' ');
        if (word === 'stored') acknowledged.push(Number(value));
        if (word === 'pass') passes = Number(value);
      }
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      // Killed a few passes in, at an instant that has nothing to do with them.
      await waitFor(() => passes >= 3, { timeoutMs: 40_000, what: 'three passes of the checkpoint thread' });
      await new Promise((resolve) => setTimeout(resolve, 37));
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    expect(acknowledged.length).toBeGreaterThan(750);

    const store = SqliteStore.inDataDir(dir);
    stores.push(store);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const stored = new Set((store.db.prepare('SELECT seq FROM document_updates').all() as { seq: number }[]).map((row) => row.seq));
    expect(acknowledged.filter((seq) => !stored.has(seq))).toEqual([]);
  }, 60_000);
});

/**
 * [#15.n50] ADR 0011: the wall's record entries are stored in the same SQLite commit as the wall change they
 * record, and chained into the log right after its broadcast, so the hashing is off a note's way to its
 * readers. These run the real store on real files: the entries must be in the change's own commit (not
 * before, not after), come back after a crash between that commit and the chaining, keep their order
 * against audits, and survive a group commit that fails.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RecordEntryInput } from '../../server/record/recordEntry.js';
import { entryLine } from '../../server/record/recordHash.js';
import { verifyRecordLog } from '../../server/record/verifyRecordLog.js';
import { SqliteStore, type SqliteSync } from '../../server/store/sqlite.js';

const BOARD = 'board-id-00000000001';
const T0 = Date.parse('2026-12-05T10:00:00Z');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'oiw-staging-'));
  dirs.push(dir);
  return dir;
}

function published(index: number): RecordEntryInput {
  return { at: T0 + index, who: { id: 'person-id-0000000001', role: 'participant' }, kind: 'note.published', data: { key: `person-id-0000000001:n${index}`, text: `Idea ${index}` } };
}

const wallUpdate = (byte: number) => ({ documentName: `${BOARD}/wall`, update: new Uint8Array([byte]) });

/** What another connection sees committed in the file: staged entries and chained ones. */
function committedCounts(dir: string): { staged: number; chained: number } {
  const reader = new Database(path.join(dir, 'open-ideas-wall.sqlite'), { readonly: true });
  try {
    const staged = (reader.prepare('SELECT COUNT(*) AS n FROM record_staged WHERE board_id = ?').get(BOARD) as { n: number }).n;
    const chained = (reader.prepare('SELECT COUNT(*) AS n FROM record_log WHERE board_id = ?').get(BOARD) as { n: number }).n;
    return { staged, chained };
  } finally {
    reader.close();
  }
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
/** Lets the promise callbacks queued now run, without giving the event loop a turn. */
async function drainMicrotasks(): Promise<void> {
  for (let index = 0; index < 10; index += 1) await Promise.resolve();
}

for (const sync of ['normal', 'full'] as SqliteSync[]) {
  describe(`[#15.n50] record entries ride with the change they record (SQLITE_SYNC=${sync})`, () => {
    it('stores them in the group commit that stores the change, and chains them after it', async () => {
      const dir = dataDir();
      const store = SqliteStore.inDataDir(dir, { sync });
      let stored = false;
      void store.stageRecordEntries(BOARD, [published(1), published(2)]).then(() => (stored = true));
      // Nothing is committed before the change's own commit.
      expect(committedCounts(dir)).toEqual({ staged: 0, chained: 0 });
      await store.appendDocumentUpdates([wallUpdate(1)]);
      expect(committedCounts(dir)).toEqual({ staged: 2, chained: 0 });
      await drainMicrotasks();
      expect(stored).toBe(true);
      expect(committedCounts(dir)).toEqual({ staged: 2, chained: 0 });
      await nextTurn();
      expect(committedCounts(dir)).toEqual({ staged: 0, chained: 2 });
      const entries = await store.listRecordEntries(BOARD);
      expect(entries.map((entry) => [entry.seq, entry.kind, entry.at])).toEqual([
        [1, 'note.published', new Date(T0 + 1).toISOString()],
        [2, 'note.published', new Date(T0 + 2).toISOString()],
      ]);
      expect(verifyRecordLog(entries.map(entryLine).join('\n')).ok).toBe(true);
      await store.close();
    });

    it('a crash between the commit and the chaining loses nothing: the next start chains them', async () => {
      const dir = dataDir();
      const store = SqliteStore.inDataDir(dir, { sync });
      await store.appendRecordEntries(BOARD, [published(1)]);
      void store.stageRecordEntries(BOARD, [published(2)]);
      await store.appendDocumentUpdates([wallUpdate(2)]);
      // The process dies here: the connections go without the store's own close (which would chain them).
      store.db.close();
      expect(committedCounts(dir)).toEqual({ staged: 1, chained: 1 });

      const restarted = SqliteStore.inDataDir(dir, { sync });
      expect(committedCounts(dir)).toEqual({ staged: 0, chained: 2 });
      const entries = await restarted.listRecordEntries(BOARD);
      expect(entries.map((entry) => entry.data.key)).toEqual(['person-id-0000000001:n1', 'person-id-0000000001:n2']);
      expect(verifyRecordLog(entries.map(entryLine).join('\n')).ok).toBe(true);
      await restarted.close();
    });

    it('reads and later appends see staged entries first, in the order the changes were made', async () => {
      const dir = dataDir();
      const store = SqliteStore.inDataDir(dir, { sync });
      void store.stageRecordEntries(BOARD, [published(1)]);
      await store.appendDocumentUpdates([wallUpdate(1)]);
      // Before the chaining turn: the head already counts the staged entry.
      expect((await store.findRecordHead(BOARD))?.seq).toBe(1);
      // An entry still waiting for a group commit, then an audit: the wall change came first.
      const waiting = store.stageRecordEntries(BOARD, [published(2)]);
      await store.recordPhaseChange({ boardId: BOARD, actor: 'officer-id-000000001', from: 'open', to: 'voting', at: T0 + 3 });
      await waiting;
      await store.appendRecordEntries(BOARD, [published(4)]);
      const entries = await store.listRecordEntries(BOARD);
      expect(entries.map((entry) => entry.kind + ' ' + entry.seq)).toEqual(['note.published 1', 'note.published 2', 'phase.changed 3', 'note.published 4']);
      expect(verifyRecordLog(entries.map(entryLine).join('\n')).ok).toBe(true);
      await store.close();
    });

    it('a group commit that fails keeps its entries for the next one: stored once, with the change', async () => {
      const dir = dataDir();
      const store = SqliteStore.inDataDir(dir, { sync });
      let stored = false;
      void store.stageRecordEntries(BOARD, [published(1)]).then(() => (stored = true));
      // A document name SQLite refuses (NOT NULL): the whole transaction rolls back.
      await expect(store.appendDocumentUpdates([{ documentName: null as unknown as string, update: new Uint8Array([1]) }])).rejects.toThrow();
      await drainMicrotasks();
      expect(stored).toBe(false);
      expect(committedCounts(dir)).toEqual({ staged: 0, chained: 0 });
      await store.appendDocumentUpdates([wallUpdate(1)]);
      await nextTurn();
      expect(stored).toBe(true);
      expect((await store.listRecordEntries(BOARD)).map((entry) => entry.seq)).toEqual([1]);
      await store.close();
    });

    it('entries no group commit takes are stored by themselves, and close stores what still waits', async () => {
      const dir = dataDir();
      const store = SqliteStore.inDataDir(dir, { sync });
      await store.stageRecordEntries(BOARD, [published(1)]);
      expect((await store.listRecordEntries(BOARD)).length).toBe(1);
      void store.stageRecordEntries(BOARD, [published(2)]);
      await store.close();
      expect(committedCounts(dir)).toEqual({ staged: 0, chained: 2 });
    });
  });
}

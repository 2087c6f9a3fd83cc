/**
 * The SQLite store's side of ADR 0011: the wall's record entries wait in memory for the group commit that
 * stores the change they record, are staged in that very transaction, and are chained into the log one
 * event-loop turn later, after the broadcast. This owns that life: the waiting entries, the transactions
 * that take them (the group commit, an audit, a direct append), the chaining, and what is left after a crash.
 */
import type Database from 'better-sqlite3';
import type { RecordEntry, RecordEntryInput } from '../record/recordEntry.js';
import { RecordStagingBuffer, type WaitingEntries } from './recordStagingBuffer.js';
import * as recordLog from './sqliteRecordLog.js';

/** Entries no group commit has taken after this long are stored by themselves (a safety net). */
const STAGED_ALONE_AFTER_MS = 100;
/** And again after this long when that failed (the store is failing: the group commit retries too). */
const STAGED_ALONE_RETRY_MS = 1_000;

export class SqliteRecordStaging {
  private readonly waiting = new RecordStagingBuffer();
  /** Stores waiting entries alone when no group commit took them: a wall change always brings one. */
  private aloneTimer: NodeJS.Timeout | null = null;

  /**
   * `db` is the main connection (group commits and audits); `recordDb` the one that chains (the same, or
   * with `SQLITE_SYNC=full` one without an fsync per commit: the staged rows are already fsync'd).
   * Chains now whatever a crash left staged.
   */
  constructor(
    private readonly db: Database.Database,
    private readonly recordDb: Database.Database,
  ) {
    for (const boardId of recordLog.boardsWithStagedEntries(db)) recordLog.chainStaged(recordDb, boardId);
  }

  get hasWaiting(): boolean {
    return !this.waiting.isEmpty;
  }

  /** Keeps the entries for the next group commit; resolves once stored. */
  stage(boardId: string, inputs: readonly RecordEntryInput[]): Promise<void> {
    const stored = this.waiting.add(boardId, inputs);
    // Then one more turn: a group commit scheduled in the same turn as the timer goes first.
    this.aloneTimer ??= setTimeout(() => setImmediate(() => this.storeWaitingAlone()), STAGED_ALONE_AFTER_MS);
    return stored;
  }

  /**
   * Runs the group commit's `transaction` with every waiting entry, which it must stage (with
   * `recordLog.stageInTransaction`) beside the updates it stores. Settles them once committed, or puts
   * them back in front when it fails (the retry takes them again); then chains them after the broadcast.
   */
  withGroupCommit<T>(transaction: (entries: readonly WaitingEntries[]) => T): T {
    const entries = this.waiting.take();
    const result = this.committing(entries, () => transaction(entries));
    this.chainAfterBroadcast(entries);
    return result;
  }

  /**
   * Appends in one transaction of `db`: the `audit` (if any) and its record entries, after the board's
   * entries still waiting for a group commit (they record changes made before this one).
   */
  append(db: Database.Database, boardId: string, inputs: readonly RecordEntryInput[], audit?: () => void): RecordEntry[] {
    const waiting = this.waiting.take(boardId);
    // Nothing of this board waits and no audit: the append's own transaction, made once per connection.
    if (waiting.length === 0 && !audit) return recordLog.appendRecordEntries(db, boardId, inputs);
    return this.committing(waiting, () =>
      db
        .transaction(() => {
          audit?.();
          for (const entries of waiting) recordLog.stageInTransaction(db, entries.boardId, entries.inputs);
          return recordLog.appendInTransaction(db, boardId, inputs);
        })
        .immediate(),
    );
  }

  /** At close: stores what still waits and chains everything staged, as far as the store lets it. */
  close(): void {
    if (this.aloneTimer) clearTimeout(this.aloneTimer);
    this.storeWaitingAlone();
    if (this.aloneTimer) clearTimeout(this.aloneTimer);
    try {
      for (const boardId of recordLog.boardsWithStagedEntries(this.db)) recordLog.chainStaged(this.recordDb, boardId);
    } catch {
      // Still staged: chained when the store opens again.
    }
  }

  /** Runs a transaction that stores `entries`: settles their callers once committed, else puts them back. */
  private committing<T>(entries: readonly WaitingEntries[], transaction: () => T): T {
    let result: T;
    try {
      result = transaction();
    } catch (error) {
      this.waiting.putBack(entries);
      throw error;
    }
    for (const waiting of entries) waiting.stored();
    return result;
  }

  /**
   * Chains the staged entries once the change they record has gone out: the next turn of the event loop,
   * after the broadcast that waits for this commit. A chaining that fails leaves them staged, to be
   * chained by the board's next append, read or start.
   */
  private chainAfterBroadcast(entries: readonly WaitingEntries[]): void {
    if (entries.length === 0) return;
    const boards = new Set(entries.map(({ boardId }) => boardId));
    setImmediate(() => {
      for (const boardId of boards) {
        try {
          if (this.recordDb.open) recordLog.chainStaged(this.recordDb, boardId);
        } catch {
          // Still staged (see above).
        }
      }
    });
  }

  /** Entries no group commit took in time: staged in a transaction of their own, then chained. */
  private storeWaitingAlone(): void {
    this.aloneTimer = null;
    if (this.waiting.isEmpty || !this.recordDb.open) return;
    const entries = this.waiting.take();
    try {
      this.committing(entries, () =>
        this.recordDb.transaction(() => {
          for (const { boardId, inputs } of entries) recordLog.stageInTransaction(this.recordDb, boardId, inputs);
        })(),
      );
      this.chainAfterBroadcast(entries);
    } catch {
      // Put back: the next group commit takes them, or this runs again.
      this.aloneTimer = setTimeout(() => this.storeWaitingAlone(), STAGED_ALONE_RETRY_MS);
    }
  }
}

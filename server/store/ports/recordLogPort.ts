/**
 * The store's port for a board's record log (issue 13): hash-chained, append-only. One contract suite
 * (tests/contract/recordLogContract.ts) runs against every implementation.
 *
 * Appending numbers and chains the entries INSIDE the store's transaction (read the head, insert after it),
 * and the (board, seq) key is unique: two appenders racing for one board cannot fork the chain — the loser's
 * transaction fails and is retried on the new head. With several instances, the board's holder (its room,
 * see server/record/RecordChain.ts) is the one appender in practice; the key makes it safe in principle.
 *
 * The store's audits that are accepted changes (phase changes, setting changes, moderation actions) are
 * appended to the log in the SAME transaction as the audit row: both are stored or neither.
 */
import type { RecordEntry, RecordEntryInput, RecordHead } from '../../record/recordEntry.js';

export interface RecordLogPort {
  /** Chains and stores the entries after the board's head, in order, in one transaction; returns them. */
  appendRecordEntries(boardId: string, inputs: readonly RecordEntryInput[]): Promise<RecordEntry[]>;
  /**
   * Optional (ADR 0011): keeps the entries for the next `appendDocumentUpdates`, which stores them in the
   * same transaction as the document updates it commits (the change they record); they are chained after
   * that commit, before any later append or read of the board's log sees the log. Resolves once stored.
   * A store without it is given the entries through `appendRecordEntries` instead.
   */
  stageRecordEntries?(boardId: string, inputs: readonly RecordEntryInput[]): Promise<void>;
  /** The board's whole log, oldest first (empty when none). */
  listRecordEntries(boardId: string): Promise<RecordEntry[]>;
  /** The board's latest entry, or null when its log is empty. */
  findRecordHead(boardId: string): Promise<RecordHead | null>;
}

import type { RecordEntryInput } from '../record/recordEntry.js';

/** Entries given to the store, waiting for the transaction that stores them (and the change they record). */
export interface WaitingEntries {
  boardId: string;
  inputs: readonly RecordEntryInput[];
  /** Resolves the caller's promise once the transaction that took these has committed. */
  stored(): void;
}

/**
 * The record entries of wall changes, held in memory from the wall's transaction until the group commit
 * that stores the change takes them into the same transaction (ADR 0011). Nothing here is acknowledged:
 * the change they record is not broadcast before that commit either, so a crash loses both or neither.
 * Order is kept: taken in the order given; what a failed transaction took is put back in front.
 */
export class RecordStagingBuffer {
  private waiting: WaitingEntries[] = [];

  /**
   * Resolves once a transaction that took the entries has committed. Never rejects: a transaction that
   * fails puts them back for the next one.
   */
  add(boardId: string, inputs: readonly RecordEntryInput[]): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push({ boardId, inputs, stored: resolve });
    });
  }

  get isEmpty(): boolean {
    return this.waiting.length === 0;
  }

  /** Takes everything waiting, or only one board's, oldest first, for the caller's transaction. */
  take(boardId?: string): WaitingEntries[] {
    if (boardId === undefined) {
      const taken = this.waiting;
      this.waiting = [];
      return taken;
    }
    const taken = this.waiting.filter((waiting) => waiting.boardId === boardId);
    if (taken.length > 0) this.waiting = this.waiting.filter((waiting) => waiting.boardId !== boardId);
    return taken;
  }

  /** What a transaction took and could not commit: first again, before anything given since. */
  putBack(taken: readonly WaitingEntries[]): void {
    if (taken.length > 0) this.waiting = [...taken, ...this.waiting];
  }
}

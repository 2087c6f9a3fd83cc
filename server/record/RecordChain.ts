/**
 * The one appender of a board's record log in this process: the board's room owns it (the process holding
 * the board). Appends leave in the order they were asked for, one at a time, so entries are chained in the
 * order the changes were made. This is the function other features call: `chain.append(entries)`.
 *
 * Ordering against the broadcast: the wall recorder hands over the entries while the wall's transaction
 * closes, before yjs emits the update that the wall then stores and broadcasts. With the embedded store
 * they are staged into the very commit that stores the change (`appendWithChange`, ADR 0011) and chained
 * right after its broadcast: both are durable before anyone receives the change. A store across a network
 * appends them at once but commits later: the entry is then in flight while the change is broadcast, and a
 * crash in that window loses the entry (docs/record-log.md says so).
 */
import type { Logger } from '../log.js';
import type { RecordLogPort } from '../store/ports/recordLogPort.js';
import type { RecordEntry, RecordEntryInput } from './recordEntry.js';

export class RecordChain {
  private tail: Promise<unknown> = Promise.resolve();
  private isIdle = true;

  constructor(
    private readonly boardId: string,
    private readonly store: RecordLogPort,
    private readonly log: Logger,
  ) {}

  /**
   * Appends the entries after everything asked for before. Never rejects: a failed append is logged (the
   * change it records has happened; the log then lacks it, which verification of the log cannot see, so it
   * is an error an operator must hear about).
   */
  append(inputs: readonly RecordEntryInput[]): Promise<RecordEntry[]> {
    if (inputs.length === 0) return Promise.resolve([]);
    const run = (): Promise<RecordEntry[]> =>
      this.store.appendRecordEntries(this.boardId, inputs).catch((error: unknown) => {
        this.log.error({ err: error, boardId: this.boardId, entries: inputs.length, kinds: [...new Set(inputs.map((input) => input.kind))] }, 'could not append to the record log');
        return [];
      });
    // Nothing waiting: call the store now (synchronous stores commit before this returns).
    const result = this.isIdle ? run() : this.tail.then(run);
    this.isIdle = false;
    const next: Promise<void> = result.then(() => {
      if (this.tail === next) this.isIdle = true;
    });
    this.tail = next;
    return result;
  }

  /**
   * The entries of a change about to be stored: with a store that stages (ADR 0011), they go into the same
   * commit as the change and are chained right after its broadcast; otherwise this is `append`. Never
   * rejects: a failure is logged, as for `append`.
   */
  appendWithChange(inputs: readonly RecordEntryInput[]): Promise<void> {
    if (inputs.length === 0 || !this.store.stageRecordEntries) return this.append(inputs).then(() => undefined);
    return this.store.stageRecordEntries(this.boardId, inputs).catch((error: unknown) => {
      this.log.error({ err: error, boardId: this.boardId, entries: inputs.length }, 'could not append to the record log');
    });
  }

  /** Resolves once every append asked for so far is done. */
  async drain(): Promise<void> {
    let tail: Promise<unknown>;
    do {
      tail = this.tail;
      await tail;
    } while (tail !== this.tail);
  }
}

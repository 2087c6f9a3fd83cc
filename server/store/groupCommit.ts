import type { Logger } from '../log.js';
import type { Store } from './store.js';

interface Pending {
  documentName: string;
  update: Uint8Array;
  /** Called with the update's log position once committed. */
  resolve: (seq: number) => void;
}

const RETRY_FIRST_MS = 100;
const RETRY_MAX_MS = 5_000;

/**
 * Group commit: appends made in the same turn of the event loop are written in one transaction, and each
 * caller's promise resolves only after that commit. Order is kept: batches commit one after another and
 * resolve in the order they were appended. When the store fails, the batch stays in memory and is retried
 * with backoff; nothing resolves (so nothing is broadcast) until it is stored.
 */
export class GroupCommitWriter {
  private queue: Pending[] = [];
  private isFlushing = false;
  private isScheduled = false;
  private retryDelayMs = RETRY_FIRST_MS;
  /** Appends queued or in flight, per document: compaction waits for zero. */
  private readonly inFlight = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
  ) {}

  /** Resolves with the update's log position (seq) once it is committed. */
  append(documentName: string, update: Uint8Array): Promise<number> {
    this.inFlight.set(documentName, (this.inFlight.get(documentName) ?? 0) + 1);
    return new Promise((resolve) => {
      this.queue.push({ documentName, update, resolve });
      this.schedule();
    });
  }

  /** True when every append made for this document so far is committed. */
  isSettled(documentName: string): boolean {
    return !this.inFlight.has(documentName);
  }

  /** Resolves once everything appended before this call is committed. */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.isFlushing) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  private schedule(): void {
    if (this.isScheduled || this.isFlushing) return;
    this.isScheduled = true;
    setImmediate(() => {
      this.isScheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.isFlushing || this.queue.length === 0) return;
    this.isFlushing = true;
    const batch = this.queue;
    this.queue = [];
    try {
      // A store wrapper written for the older contract may answer nothing: then no seq is known (0), and
      // compaction simply keeps those rows.
      const seqs = ((await this.store.appendDocumentUpdates(batch.map(({ documentName, update }) => ({ documentName, update })))) as
        | number[]
        | undefined) ?? [];
      this.retryDelayMs = RETRY_FIRST_MS;
      for (const [index, pending] of batch.entries()) {
        const count = (this.inFlight.get(pending.documentName) ?? 1) - 1;
        if (count <= 0) this.inFlight.delete(pending.documentName);
        else this.inFlight.set(pending.documentName, count);
        pending.resolve(seqs[index] ?? 0);
      }
    } catch (error) {
      this.log.error({ err: error, updates: batch.length, retryInMs: this.retryDelayMs }, 'ALERT: store append failed; keeping updates in memory and retrying');
      this.queue = batch.concat(this.queue);
      await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs));
      this.retryDelayMs = Math.min(this.retryDelayMs * 2, RETRY_MAX_MS);
    } finally {
      this.isFlushing = false;
    }
    if (this.queue.length > 0) this.schedule();
  }
}

import {
  MAX_COMMIT_BATCH_BYTES,
  MAX_COMMIT_BATCH_UPDATES,
  MAX_WRITE_BACKLOG_BYTES,
  MAX_WRITE_BACKLOG_UPDATES,
  RECOVERY_BATCH_BYTES,
  RECOVERY_BATCH_UPDATES,
} from '../../shared/limits.js';
import type { Logger } from '../log.js';
import { describeStoreError } from './storeErrors.js';
import type { DocumentLogPort, HealthPort } from './store.js';

interface Pending {
  documentName: string;
  update: Uint8Array;
  /** Called with the update's log position once committed. */
  resolve: (seq: number) => void;
}

/** How much the writer may hold that is not yet stored, and how much it commits at once. */
export interface WriterLimits {
  /** Updates held (queued or being written) beyond which new writes are refused. */
  maxBacklogUpdates: number;
  /** Bytes held beyond which new writes are refused. */
  maxBacklogBytes: number;
  /** Largest group commit while the store works. */
  maxBatchUpdates: number;
  maxBatchBytes: number;
  /** Largest commit while recovering from a failure: small steps, so a nearly full disk is not refilled at once. */
  recoveryBatchUpdates: number;
  recoveryBatchBytes: number;
}

export const DEFAULT_WRITER_LIMITS: WriterLimits = {
  maxBacklogUpdates: MAX_WRITE_BACKLOG_UPDATES,
  maxBacklogBytes: MAX_WRITE_BACKLOG_BYTES,
  maxBatchUpdates: MAX_COMMIT_BATCH_UPDATES,
  maxBatchBytes: MAX_COMMIT_BATCH_BYTES,
  recoveryBatchUpdates: RECOVERY_BATCH_UPDATES,
  recoveryBatchBytes: RECOVERY_BATCH_BYTES,
};

/** Whether the store can take writes now, as the writer last saw it (for /readyz and the clients). */
export interface WriterStatus {
  canStore: boolean;
  /** Why not, in one line for operators (e.g. "disk full (SQLITE_FULL)"); null while it can. */
  reason: string | null;
  /** Updates held in memory and not yet stored, and their bytes. */
  backlogUpdates: number;
  backlogBytes: number;
  /** True when the backlog is at its bound: new writes are refused until it shrinks. */
  isFull: boolean;
}

const RETRY_FIRST_MS = 100;
/** Least time between two write probes, in ms (each is a durable commit). */
const PROBE_EVERY_MS = 1_000;
const RETRY_MAX_MS = 5_000;

/**
 * Group commit: appends made in the same turn of the event loop are written in one transaction, and each
 * caller's promise resolves only after that commit. Order is kept: batches commit one after another and
 * resolve in the order they were appended. When the store fails, the batch stays in memory and is retried
 * with backoff, in small batches; nothing resolves (so nothing is broadcast) until it is stored.
 *
 * The backlog is bounded: `append` always keeps what it is given (it was accepted and applied already),
 * so callers ask `refusesNewWrites()` BEFORE accepting a client's change, and refuse it while it is true.
 */
export class GroupCommitWriter {
  private queue: Pending[] = [];
  private isFlushing = false;
  private isScheduled = false;
  private retryDelayMs = RETRY_FIRST_MS;
  private retryTimer: NodeJS.Timeout | null = null;
  /** Appends queued or in flight, per document: compaction waits for zero. */
  private readonly inFlight = new Map<string, number>();
  private backlogUpdates = 0;
  private backlogBytes = 0;
  /** Why the store cannot write, from the last failed commit or write probe; null while it can. */
  private failure: string | null = null;
  /** After a failure, commit in small batches until the backlog is empty again. */
  private isRecovering = false;
  private lastProbeAt = Number.NEGATIVE_INFINITY;
  private readonly listeners = new Set<(status: WriterStatus) => void>();
  private readonly limits: WriterLimits;

  constructor(
    // The document log it writes to, and the write probe it uses to learn that a failing store is back.
    private readonly store: Pick<DocumentLogPort, 'appendDocumentUpdates'> & Pick<HealthPort, 'probeWrite'>,
    private readonly log: Logger,
    limits: Partial<WriterLimits> = {},
  ) {
    this.limits = { ...DEFAULT_WRITER_LIMITS, ...limits };
  }

  /** Resolves with the update's log position (seq) once it is committed. */
  append(documentName: string, update: Uint8Array): Promise<number> {
    this.inFlight.set(documentName, (this.inFlight.get(documentName) ?? 0) + 1);
    this.backlogUpdates += 1;
    this.backlogBytes += update.byteLength;
    return new Promise((resolve) => {
      this.queue.push({ documentName, update, resolve });
      this.schedule();
    });
  }

  /**
   * Starts the group commit now rather than at the next check phase, unless one is under way or a retry is
   * waiting out its backoff. The publisher calls it once its wall change is appended: the draft change that
   * caused it is in the same queue, so both are still one commit, and the readers no longer wait while the
   * rest of the event loop's turn runs first (other sockets' frames, timers). Appends made after this go into
   * the next commit, scheduled as usual.
   */
  commitNow(): void {
    if (this.isFlushing || this.retryTimer || this.queue.length === 0) return;
    void this.flush();
  }

  /** True when every append made for this document so far is committed. */
  isSettled(documentName: string): boolean {
    return !this.inFlight.has(documentName);
  }

  /** True while the backlog is at its bound: refuse a client's new change (it keeps it and sends it again). */
  refusesNewWrites(): boolean {
    return this.backlogUpdates >= this.limits.maxBacklogUpdates || this.backlogBytes >= this.limits.maxBacklogBytes;
  }

  status(): WriterStatus {
    return {
      canStore: this.failure === null,
      reason: this.failure,
      backlogUpdates: this.backlogUpdates,
      backlogBytes: this.backlogBytes,
      isFull: this.refusesNewWrites(),
    };
  }

  /** Called whenever `canStore` or `isFull` changes. Returns a function that unsubscribes. */
  onStatusChange(listener: (status: WriterStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Asks the store to commit a tiny write (for /readyz): a store that answers reads but cannot write is
   * not ready. Updates the status either way; a success clears a failure only when nothing is waiting.
   */
  async probe(now: number): Promise<WriterStatus> {
    this.lastProbeAt = now;
    try {
      await this.store.probeWrite(now);
      if (this.backlogUpdates === 0) this.setFailure(null);
    } catch (error) {
      this.setFailure(describeStoreError(error));
    }
    return this.status();
  }

  /**
   * True when the store can write. While it was failing, probes again (at most once a second) so a store
   * that came back is noticed without waiting for the next document change.
   */
  async canStoreNow(now: number): Promise<boolean> {
    if (this.failure === null) return true;
    if (now - this.lastProbeAt >= PROBE_EVERY_MS) await this.probe(now);
    return this.failure === null;
  }

  /**
   * Resolves once everything appended before this call is committed, or after `timeoutMs` (then false):
   * a store that stays broken must not hold a shutdown for ever.
   */
  async drain(timeoutMs = Number.POSITIVE_INFINITY): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    // A retry waiting out its backoff is run now, once: shutdown gives the store one more chance at
    // once, then the usual backoff (not a retry every few ms against a store that keeps failing).
    if (this.retryTimer) this.retryNow();
    while (this.queue.length > 0 || this.isFlushing) {
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return true;
  }

  private schedule(): void {
    if (this.isScheduled || this.isFlushing || this.retryTimer) return;
    this.isScheduled = true;
    setImmediate(() => {
      this.isScheduled = false;
      // A commit started meanwhile (`commitNow`) failed: its retry is due after the backoff, not now.
      if (this.retryTimer) return;
      void this.flush();
    });
  }

  private retryNow(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.schedule();
  }

  /** The next batch from the front of the queue: group commit while healthy, small steps while recovering. */
  private takeBatch(): Pending[] {
    const maxUpdates = this.isRecovering ? this.limits.recoveryBatchUpdates : this.limits.maxBatchUpdates;
    const maxBytes = this.isRecovering ? this.limits.recoveryBatchBytes : this.limits.maxBatchBytes;
    let count = 0;
    let bytes = 0;
    while (count < this.queue.length && count < maxUpdates) {
      const size = this.queue[count]!.update.byteLength; // reason: count < queue.length
      if (count > 0 && bytes + size > maxBytes) break;
      bytes += size;
      count += 1;
    }
    return this.queue.splice(0, count);
  }

  private async flush(): Promise<void> {
    if (this.isFlushing || this.queue.length === 0) return;
    this.isFlushing = true;
    const batch = this.takeBatch();
    try {
      // A store wrapper written for the older contract may answer nothing: then no seq is known (0), and
      // compaction simply keeps those rows.
      const seqs = ((await this.store.appendDocumentUpdates(batch.map(({ documentName, update }) => ({ documentName, update })))) as
        | number[]
        | undefined) ?? [];
      this.retryDelayMs = RETRY_FIRST_MS;
      const wasFull = this.refusesNewWrites();
      for (const [index, pending] of batch.entries()) {
        const count = (this.inFlight.get(pending.documentName) ?? 1) - 1;
        if (count <= 0) this.inFlight.delete(pending.documentName);
        else this.inFlight.set(pending.documentName, count);
        this.backlogUpdates -= 1;
        this.backlogBytes -= pending.update.byteLength;
        pending.resolve(seqs[index] ?? 0);
      }
      if (this.isRecovering && this.queue.length === 0) {
        this.isRecovering = false;
        this.log.info('store writes recovered; the backlog is stored');
      }
      if (this.failure !== null) this.setFailure(null);
      else if (wasFull && !this.refusesNewWrites()) this.notify();
    } catch (error) {
      this.queue = batch.concat(this.queue);
      this.isRecovering = true;
      this.log.error(
        { err: error, updates: batch.length, backlogUpdates: this.backlogUpdates, backlogBytes: this.backlogBytes, retryInMs: this.retryDelayMs },
        'ALERT: store append failed; keeping updates in memory and retrying',
      );
      this.setFailure(describeStoreError(error));
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.schedule();
      }, this.retryDelayMs);
      this.retryDelayMs = Math.min(this.retryDelayMs * 2, RETRY_MAX_MS);
    } finally {
      this.isFlushing = false;
    }
    if (this.queue.length > 0) this.schedule();
  }

  private setFailure(failure: string | null): void {
    if (failure === this.failure) return;
    this.failure = failure;
    this.notify();
  }

  private notify(): void {
    const status = this.status();
    for (const listener of this.listeners) {
      try {
        listener(status);
      } catch (error) {
        this.log.error({ err: error }, 'a store status listener failed');
      }
    }
  }
}

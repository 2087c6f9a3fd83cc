/**
 * The store's port for its own health and lifetime: is it there, can it write now (for /readyz), and close.
 * Contract: tests/contract/healthContract.ts.
 */

export interface HealthPort {
  /** True when the store answers a trivial query (for /readyz). */
  isReachable(): Promise<boolean>;
  /**
   * Commits one tiny write (for /readyz): resolves when the store can write now, throws the store's own
   * error (disk full, read-only, I/O) when it cannot. Reads answering is not enough to be ready.
   */
  probeWrite(at: number): Promise<void>;
  close(): Promise<void>;
}

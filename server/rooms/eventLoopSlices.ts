/**
 * Long work done a slice at a time, so the event loop still serves sockets and timers while it runs.
 *
 * Why: loading a board re-decides every stored draft (200 drafts of a 2,000-note board take ~110 ms to
 * load and ~55 ms to decide). Each step awaits a store that answers at once, so without a pause the
 * whole loop runs as one chain of microtasks and the person whose join loaded the board waited for all
 * of it before their own sync was answered.
 */
export class EventLoopSlices {
  private sliceStartedAt = performance.now();

  /** `budgetMs`: how long a slice may run before the event loop gets a turn. */
  constructor(private readonly budgetMs: number) {}

  /** Resolves at once within the slice's budget; past it, after one turn of the event loop (its I/O included). */
  async pause(): Promise<void> {
    if (performance.now() - this.sliceStartedAt < this.budgetMs) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.sliceStartedAt = performance.now();
  }
}

/**
 * Rate-limit counters in Redis that fail open (issue 11, ADR 0005 decision 5), saying so in our own log.
 * express-rate-limit's `passOnStoreError` does the same but writes a plain console line for every request
 * while Redis is away: unstructured lines an operator's log pipeline cannot parse, hundreds a second at a
 * busy event. Here a failing counter lets the request through as its first hit of the window, and one
 * JSON warning per limiter per half minute says the limits are not shared meanwhile.
 */
import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { Logger } from '../../log.js';

/** Least time between two warnings of one limiter, in ms. */
const WARN_EVERY_MS = 30_000;

export class FailOpenCounters implements Store {
  readonly localKeys = false;
  readonly prefix: string | undefined;
  private lastWarnedAt = Number.NEGATIVE_INFINITY;
  /** The limiter's window (from `init`): a request let through counts as the first hit of a new window. */
  private windowMs = 60_000;

  constructor(
    private readonly shared: Store,
    private readonly limiter: string,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.prefix = shared.prefix;
  }

  init(options: Options): void | Promise<void> {
    this.windowMs = options.windowMs;
    return this.shared.init?.(options);
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    try {
      return await this.shared.increment(key);
    } catch (error) {
      this.warn(error);
      return { totalHits: 1, resetTime: new Date(this.now() + this.windowMs) };
    }
  }

  async decrement(key: string): Promise<void> {
    try {
      await this.shared.decrement(key);
    } catch (error) {
      this.warn(error);
    }
  }

  async resetKey(key: string): Promise<void> {
    try {
      await this.shared.resetKey(key);
    } catch (error) {
      this.warn(error);
    }
  }

  private warn(error: unknown): void {
    const now = this.now();
    if (now - this.lastWarnedAt < WARN_EVERY_MS) return;
    this.lastWarnedAt = now;
    const reason = error instanceof Error ? error.message.split('\n')[0]!.slice(0, 200) : String(error); // reason: split returns at least one element
    this.log.warn({ limiter: this.limiter, reason }, 'rate-limit counters unreachable in Redis: letting requests through (per-address buckets still apply)');
  }
}

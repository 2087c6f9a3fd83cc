/**
 * A token bucket: `take()` is false once more than `burst` were taken faster than `perSecond` refills.
 * One mechanism for every rate bound (document messages per connection, joins and look-ups per address).
 */
export class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.refilledAt = now();
  }

  take(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** True when the bucket has refilled completely (nothing taken lately): it may be forgotten. */
  isFull(): boolean {
    this.refill();
    return this.tokens >= this.burst;
  }

  /** Whole seconds until the next token, at least 1 (for a Retry-After header). */
  secondsUntilNextToken(): number {
    this.refill();
    return Math.max(1, Math.ceil((1 - this.tokens) / this.perSecond));
  }

  private refill(): void {
    const at = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((at - this.refilledAt) / 1000) * this.perSecond);
    this.refilledAt = at;
  }
}

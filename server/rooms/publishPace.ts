/**
 * How long the publisher waits before deciding changed drafts, from how busy the board is (issue 15).
 *
 * A quiet board publishes at once: the decision runs in the same turn of the event loop as the draft
 * change, so the wall change joins the draft's group commit (one fsync) and reaches readers without a batch
 * window. Under load, decisions are spaced out so a board's wall changes merge into a few broadcasts a
 * second: every broadcast costs each reader a websocket message and an update to apply, so at N = 500 one
 * merged update every 300 ms is far less work for every phone than 100 small ones.
 *
 * Up to `QUIET_CHANGES_PER_SECOND` draft changes in the last second the board counts as quiet: every
 * decision runs at once, however close two notes come (a workshop of 50 writes about 10 a second, at
 * random moments, and its readers can take one broadcast per note). Beyond it the spacing grows by
 * `MS_PER_CHANGE_PER_SECOND` ms per change a second over the quiet rate, at most `MAX_GAP_MS`: at 40 a
 * second (200 people) decisions are at least 80 ms apart, and from 95 a second they merge into about 3
 * broadcasts a second (500 people write about 100).
 */

/** Window over which the rate of draft changes is counted. */
const RATE_WINDOW_MS = 1_000;
/** Draft changes a second that never wait for a batch (a board this busy is quiet for the server). */
export const QUIET_CHANGES_PER_SECOND = 20;
/** Spacing added per draft change a second above the quiet rate. */
const MS_PER_CHANGE_PER_SECOND = 4;
/**
 * Longest spacing: never fewer than 3 wall broadcasts a second while notes keep coming. 250 ms (4 a
 * second) left a client at N = 500 with 4.4 document messages a second in one run where Hocuspocus sent
 * 4.2 (BENCHMARKS.md, "Issue 15, 2026-12-05 late"); 300 ms costs a note at most 50 ms more, at a load
 * where our p99 is a fifth of Hocuspocus's.
 */
export const MAX_GAP_MS = 300;

/** Paces by the real monotonic clock, not the rules' clock (which tests may stop or move). */
export class PublishPace {
  constructor(private readonly clock: () => number = () => performance.now()) {}


  /** Times of the draft changes of the last RATE_WINDOW_MS, oldest first. */
  private readonly recentChanges: number[] = [];
  private lastDecisionAt = Number.NEGATIVE_INFINITY;

  /** A draft changed (or an author must be decided again). */
  noteChange(): void {
    const now = this.clock();
    this.recentChanges.push(now);
    this.forgetBefore(now - RATE_WINDOW_MS);
  }

  /** A decision starts now. */
  noteDecision(): void {
    this.lastDecisionAt = this.clock();
  }

  /** How long from now until the next decision may run: 0 means decide at once. */
  delayMs(): number {
    const now = this.clock();
    this.forgetBefore(now - RATE_WINDOW_MS);
    const busyRate = Math.max(0, this.recentChanges.length - QUIET_CHANGES_PER_SECOND);
    const gap = Math.min(MAX_GAP_MS, busyRate * MS_PER_CHANGE_PER_SECOND);
    return Math.max(0, this.lastDecisionAt + gap - now);
  }

  private forgetBefore(time: number): void {
    let stale = 0;
    while (stale < this.recentChanges.length && this.recentChanges[stale]! < time) stale += 1; // reason: stale < length
    if (stale > 0) this.recentChanges.splice(0, stale);
  }
}

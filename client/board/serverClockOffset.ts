/**
 * Estimating how far this device's clock is from the server's (issue 12: every screen shows the same
 * timer whatever its clock says). NTP's simplest rule: ask a few times, keep the sample with the shortest
 * round trip (the least room for the answer to have waited somewhere), and assume the server read its
 * clock half-way through it. Pure, so it is tested without a browser.
 */

/** One `server-time` exchange: device clock when the answer arrived, the server's clock, and the round trip (ms). */
export interface ClockSample {
  /** Date.now() on this device when the answer arrived. */
  localNow: number;
  /** The server's Date.now() in its answer. */
  serverNow: number;
  /** Time from sending the question to getting the answer, measured on a monotonic clock (performance.now). */
  roundTripMs: number;
}

/**
 * Milliseconds to ADD to this device's Date.now() to get the server's: `serverNow + rtt/2 − localNow` of
 * the sample with the shortest round trip. Null when there is no usable sample.
 */
export function estimateClockOffset(samples: readonly ClockSample[]): number | null {
  let best: ClockSample | null = null;
  for (const sample of samples) {
    if (!Number.isFinite(sample.roundTripMs) || sample.roundTripMs < 0) continue;
    if (!Number.isFinite(sample.serverNow) || !Number.isFinite(sample.localNow)) continue;
    if (best === null || sample.roundTripMs < best.roundTripMs) best = sample;
  }
  if (best === null) return null;
  return Math.round(best.serverNow + best.roundTripMs / 2 - best.localNow);
}

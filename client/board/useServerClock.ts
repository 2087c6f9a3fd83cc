/**
 * This device's estimate of the server's clock (issue 12): everything time-based on screen (the workshop
 * timer first) uses `clock.now()`, not Date.now(), so every screen agrees whatever its own clock says.
 * Asks `server-time` a few times each time the socket connects (so again after a reconnect, when the
 * network path may have changed) and keeps the sample with the shortest round trip.
 */
import { useEffect, useMemo, useState } from 'react';
import type { BoardSocketSnapshot } from '../net/socket.js';
import { estimateClockOffset, type ClockSample } from './serverClockOffset.js';

/** Samples per estimate: enough to find one quick round trip on venue wifi, few enough to be cheap. */
const SAMPLES_PER_ESTIMATE = 5;
/** Pause between samples, in ms, so one burst of network delay does not spoil them all. */
const SAMPLE_GAP_MS = 150;
/** How often a connected page estimates again, in ms (10 minutes). */
const REESTIMATE_EVERY_MS = 10 * 60_000;

export interface ServerClock {
  /** Milliseconds to add to Date.now() to get the server's time (0 until the first estimate). */
  offsetMs: number;
  /** True once at least one `server-time` answer has been used. */
  isEstimated: boolean;
  /** The server's time now, by this estimate (ms epoch). */
  now(): number;
}

async function takeSample(sendCommand: BoardSocketSnapshot['sendCommand']): Promise<ClockSample | null> {
  const sentAt = performance.now();
  const answer = await sendCommand('server-time', {});
  const roundTripMs = performance.now() - sentAt;
  if (!answer.ok || typeof answer.now !== 'number') return null;
  return { localNow: Date.now(), serverNow: answer.now, roundTripMs };
}

export function useServerClock(socket: Pick<BoardSocketSnapshot, 'isConnected' | 'sendCommand'>): ServerClock {
  const { isConnected, sendCommand } = socket;
  const [estimate, setEstimate] = useState<{ offsetMs: number; isEstimated: boolean }>({ offsetMs: 0, isEstimated: false });

  useEffect(() => {
    if (!isConnected) return;
    let isCurrent = true;
    const estimate = async () => {
      const samples: ClockSample[] = [];
      for (let index = 0; index < SAMPLES_PER_ESTIMATE && isCurrent; index += 1) {
        const sample = await takeSample(sendCommand);
        if (sample !== null) samples.push(sample);
        // Show the first estimate at once (a late joiner's timer is right from the start), refine after.
        const offsetMs = estimateClockOffset(samples);
        if (offsetMs !== null && isCurrent) setEstimate((previous) => (previous.offsetMs === offsetMs && previous.isEstimated ? previous : { offsetMs, isEstimated: true }));
        await new Promise((resolve) => setTimeout(resolve, SAMPLE_GAP_MS));
      }
    };
    void estimate();
    // Device clocks drift and get corrected while a page stays open all day: estimate again now and then.
    const interval = setInterval(() => void estimate(), REESTIMATE_EVERY_MS);
    return () => {
      isCurrent = false;
      clearInterval(interval);
    };
  }, [isConnected, sendCommand]);

  return useMemo(() => ({ ...estimate, now: () => Date.now() + estimate.offsetMs }), [estimate]);
}

/**
 * What the workshop timer has left now, on the server's clock. Computed on every render (so a new or
 * changed timer shows its time in the same render, never a stale value) and re-rendered as each displayed
 * second passes (not on a fixed interval, so every screen turns over its seconds together), not at all
 * while paused or once time is up.
 */
import { useEffect, useState } from 'react';
import { remainingMs, type WorkshopTimer } from '../../shared/schema/timer.js';
import type { ServerClock } from './useServerClock.js';

export function useCountdown(timer: WorkshopTimer | null, clock: ServerClock): number | null {
  const [, setTicks] = useState(0);
  const left = timer === null ? null : remainingMs(timer, clock.now());

  useEffect(() => {
    if (timer === null || timer.endsAt === null) return;
    let handle: ReturnType<typeof setTimeout> | null = null;
    const schedule = () => {
      const now = remainingMs(timer, clock.now());
      if (now === 0) return;
      // Wake just after the next whole second of the remaining time is crossed.
      handle = setTimeout(() => {
        setTicks((ticks) => ticks + 1);
        schedule();
      }, (now % 1_000 || 1_000) + 15);
    };
    schedule();
    return () => {
      if (handle !== null) clearTimeout(handle);
    };
  }, [timer, clock]);

  return left;
}

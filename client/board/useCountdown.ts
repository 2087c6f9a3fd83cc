/**
 * What the workshop timer has left now, on the server's clock, updated as each displayed second passes
 * (not on a fixed interval, so every screen turns over its seconds together) and not at all while paused.
 */
import { useEffect, useState } from 'react';
import { remainingMs, type WorkshopTimer } from '../../shared/schema/timer.js';
import type { ServerClock } from './useServerClock.js';

export function useCountdown(timer: WorkshopTimer | null, clock: ServerClock): number | null {
  const compute = () => (timer === null ? null : remainingMs(timer, clock.now()));
  const [left, setLeft] = useState<number | null>(compute);

  useEffect(() => {
    let handle: ReturnType<typeof setTimeout> | null = null;
    const tick = () => {
      const now = timer === null ? null : remainingMs(timer, clock.now());
      setLeft(now);
      if (now === null || now === 0 || timer?.endsAt === null) return;
      // Wake just after the next whole second of the remaining time is crossed.
      handle = setTimeout(tick, (now % 1_000 || 1_000) + 15);
    };
    tick();
    return () => {
      if (handle !== null) clearTimeout(handle);
    };
  }, [timer, clock]);

  return left;
}

/** setTimeout's largest delay (2^31 - 1 ms, about 24.8 days); a longer one fires at once. */
const MAX_TIMEOUT_MS = 2_147_483_647;

/**
 * Calls `onExpired` at `expiresAt` (ms epoch), however far away that is: a delay beyond setTimeout's cap is
 * waited out in steps, instead of firing at once as a plain setTimeout would. Returns a cancel function.
 */
export function atExpiry(expiresAt: number, onExpired: () => void, now: () => number = Date.now): () => void {
  let timer: NodeJS.Timeout | null = null;
  const schedule = () => {
    const delayMs = expiresAt - now();
    if (delayMs <= 0) {
      timer = null;
      onExpired();
      return;
    }
    timer = setTimeout(schedule, Math.min(delayMs, MAX_TIMEOUT_MS));
    // A pending expiry must not keep the process alive on its own.
    timer.unref();
  };
  schedule();
  return () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
}

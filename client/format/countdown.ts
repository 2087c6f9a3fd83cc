/**
 * How the workshop timer reads: "4:59" on screen (hours only when there are any: "1:05:00"), and in
 * words for announcements ("5 minutes", "1 minute 30 seconds"). Seconds round UP, as every countdown
 * does: a timer just started for 5 minutes shows 5:00, and 0:00 only when the time is really up.
 */

/** Whole seconds still to show for `ms` milliseconds left. */
export function secondsShown(ms: number): number {
  return Math.max(0, Math.ceil(ms / 1_000));
}

/** "m:ss", or "h:mm:ss" from one hour up. */
export function formatCountdown(ms: number): string {
  const total = secondsShown(ms);
  const hours = Math.floor(total / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  const seconds = total % 60;
  const ss = String(seconds).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${ss}` : `${minutes}:${ss}`;
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/** "1 hour 5 minutes", "2 minutes 30 seconds", "45 seconds". */
export function formatDurationWords(ms: number): string {
  const total = secondsShown(ms);
  const hours = Math.floor(total / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  const seconds = total % 60;
  const parts: string[] = [];
  if (hours > 0) parts.push(plural(hours, 'hour'));
  if (minutes > 0) parts.push(plural(minutes, 'minute'));
  if (seconds > 0 || parts.length === 0) parts.push(plural(seconds, 'second'));
  return parts.join(' ');
}

import { useEffect, useRef } from 'react';

/**
 * Runs `action` once some time after `value` changes: the first change starts a wait of `waitMs`, changes
 * during the wait join it, and `action` runs once at its end. The first value (what the page loaded
 * with) is not a change. For reloads a busy live board would otherwise ask for on every broadcast: at 500
 * people that was one request per person per wall change.
 */
export function useAfterChanges(value: unknown, waitMs: number, action: () => void): void {
  const first = useRef(value);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latestAction = useRef(action);
  latestAction.current = action;

  useEffect(() => {
    if (Object.is(value, first.current) && timer.current === null) return;
    first.current = Symbol('changed');
    if (timer.current !== null) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      latestAction.current();
    }, waitMs);
  }, [value, waitMs]);

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );
}

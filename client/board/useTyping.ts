import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { Awareness } from 'y-protocols/awareness';

/** After this long without a keystroke, a person no longer counts as typing, in ms. */
export const TYPING_IDLE_MS = 5_000;

export interface Typing {
  /** Call on every keystroke in a note form for `targetId`. */
  noteTyping(targetId: string): void;
  stopTyping(): void;
}

/**
 * Sets `typing` in this connection's presence state (the only field the server keeps). Written only
 * when it changes, so keystrokes do not each send a presence message.
 */
export function useTyping(awareness: Awareness | null): Typing {
  const timerRef = useRef<ReturnType<typeof setTimeout> | null>(null);

  const setTyping = useCallback(
    (targetId: string | null) => {
      const state = awareness?.getLocalState();
      if (!awareness || state === null || state === undefined) return;
      if (state.typing !== targetId) awareness.setLocalStateField('typing', targetId);
    },
    [awareness],
  );

  const clearTimer = () => {
    if (timerRef.current !== null) clearTimeout(timerRef.current);
    timerRef.current = null;
  };

  const noteTyping = useCallback(
    (targetId: string) => {
      setTyping(targetId);
      clearTimer();
      timerRef.current = setTimeout(() => setTyping(null), TYPING_IDLE_MS);
    },
    [setTyping],
  );

  const stopTyping = useCallback(() => {
    clearTimer();
    setTyping(null);
  }, [setTyping]);

  useEffect(() => clearTimer, []);
  return useMemo(() => ({ noteTyping, stopTyping }), [noteTyping, stopTyping]);
}

import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { Awareness } from 'y-protocols/awareness';

/** After this long without a keystroke, a person no longer counts as typing, in ms. */
export const TYPING_IDLE_MS = 5_000;

export interface Typing {
  /**
   * Call on every keystroke in a note form for `targetId`, and when its "confidential" box changes.
   * A confidential note is never reported: typing stops showing the moment the box is ticked.
   */
  noteTyping(targetId: string, isConfidential?: boolean): void;
  stopTyping(): void;
}

/**
 * Sets `typing` in this connection's presence state (the only field the server keeps). Written only
 * when it changes, so keystrokes do not each send a presence message.
 *
 * Confidential ideas (issue 10 item 7): typing is reported only for a note that will be published
 * openly. That is a courtesy, not the protection: a note may become confidential after the first
 * keystrokes, and a client can claim anything, so the server sends `typing` to officers only (who may
 * read confidential notes anyway); other people are sent nothing that changes when someone writes.
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
    (targetId: string, isConfidential = false) => {
      clearTimer();
      if (isConfidential) return setTyping(null);
      setTyping(targetId);
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

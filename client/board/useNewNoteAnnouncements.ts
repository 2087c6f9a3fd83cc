/**
 * Tells screen reader users that others have added notes, without talking over everything else:
 * at most one announcement every ANNOUNCE_INTERVAL_MS, summarising ("3 new notes"). Notes already on
 * the wall when it first synced are not announced.
 */
import { useEffect, useRef, useState } from 'react';
import type { WallState } from '../../shared/schema/wall.js';
import type { Announcement } from './useAnnouncer.js';

export const ANNOUNCE_INTERVAL_MS = 5_000;

export function newNotesMessage(count: number): string {
  return count === 1 ? '1 new note' : `${count} new notes`;
}

export function useNewNoteAnnouncements(wall: WallState, personId: string, isReady: boolean): Announcement | null {
  const [announcement, setAnnouncement] = useState<Announcement | null>(null);
  const seenRef = useRef<Set<string> | null>(null);
  const pendingRef = useRef(0);
  const lastAtRef = useRef(0);
  const timerRef = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (!isReady) return;
    const keys: string[] = [];
    for (const notes of wall.notesByTarget.values()) {
      for (const note of notes) if (note.author !== personId) keys.push(note.key);
    }
    if (seenRef.current === null) {
      seenRef.current = new Set(keys);
      return;
    }
    const seen = seenRef.current;
    const fresh = keys.filter((key) => !seen.has(key));
    if (fresh.length === 0) return;
    for (const key of fresh) seen.add(key);
    pendingRef.current += fresh.length;
    if (timerRef.current !== null) return;
    const wait = Math.max(0, lastAtRef.current + ANNOUNCE_INTERVAL_MS - Date.now());
    timerRef.current = setTimeout(() => {
      timerRef.current = null;
      lastAtRef.current = Date.now();
      const count = pendingRef.current;
      pendingRef.current = 0;
      setAnnouncement((previous) => ({ id: (previous?.id ?? 0) + 1, text: newNotesMessage(count) }));
    }, wait);
  }, [wall, personId, isReady]);

  useEffect(
    () => () => {
      if (timerRef.current !== null) clearTimeout(timerRef.current);
    },
    [],
  );
  return announcement;
}

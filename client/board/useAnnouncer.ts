import { useCallback, useState } from 'react';

/** A message for a live region. `id` changes with every message, so the same words are read again. */
export interface Announcement {
  id: number;
  text: string;
}

/** Feedback on the person's own actions ("Note added"), for a polite live region. */
export function useAnnouncer(): [Announcement | null, (text: string) => void] {
  const [announcement, setAnnouncement] = useState<Announcement | null>(null);
  const announce = useCallback((text: string) => {
    setAnnouncement((previous) => ({ id: (previous?.id ?? 0) + 1, text }));
  }, []);
  return [announcement, announce];
}

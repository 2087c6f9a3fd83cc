import type { Announcement } from '../../board/useAnnouncer.js';

/**
 * A polite live region. Each announcement is a new element (keyed by its id), so screen readers read
 * it even when the words are the same as last time.
 */
export function Announcer({ announcement, testId }: { announcement: Announcement | null; testId: string }) {
  return (
    <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid={testId}>
      {announcement !== null && <p key={announcement.id}>{announcement.text}</p>}
    </div>
  );
}

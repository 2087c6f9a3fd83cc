import { useEffect, useRef, useState } from 'react';
import type { BoardPhase } from '../../../shared/schema/briefMeta.js';
import { phaseChangeMessage, voteBudgetOf, type PhaseViewerRole } from '../../board/phaseMessages.js';
import { useAnnouncer } from '../../board/useAnnouncer.js';
import { useWallContext } from '../../board/WallContext.js';
import { NotificationBanner } from '../NotificationBanner.js';
import { Announcer } from './Announcer.js';

interface PhaseChangeNoticeProps {
  phase: BoardPhase;
  role: PhaseViewerRole;
  /** The brief has loaded: phases before that are the empty brief's default, not a change. */
  isBriefLoaded: boolean;
}

/**
 * When the board's phase changes while the page is open, a short message for everyone: a visible
 * notification banner and a polite live region (focus stays where it is). Not shown for the phase the
 * page found at load.
 */
export function PhaseChangeNotice({ phase, role, isBriefLoaded }: PhaseChangeNoticeProps) {
  const { briefDoc } = useWallContext();
  const seen = useRef<BoardPhase | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [announcement, announce] = useAnnouncer();

  useEffect(() => {
    if (!isBriefLoaded) return;
    if (seen.current === null || seen.current === phase) {
      seen.current = phase;
      return;
    }
    seen.current = phase;
    const text = phaseChangeMessage(phase, role, voteBudgetOf(briefDoc));
    setMessage(text);
    announce(text);
  }, [phase, role, isBriefLoaded, briefDoc, announce]);

  return (
    <>
      <Announcer announcement={announcement} testId="phase-announcer" />
      {message !== null && (
        <div className="phase-change-notice" data-testid="phase-change-notice">
          <NotificationBanner>
            <p className="notification-banner__heading">{message}</p>
            <button type="button" className="button button--secondary wall-button" onClick={() => setMessage(null)}>
              Dismiss<span className="visually-hidden"> this message</span>
            </button>
          </NotificationBanner>
        </div>
      )}
    </>
  );
}

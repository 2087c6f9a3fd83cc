/**
 * The spotlight bar (issue 12), kept at the top of the screen while something is in the spotlight: what
 * the organiser is showing, and "Stop following" / "Follow the organiser" for participants, "End
 * spotlight" for officers. A new spotlight is announced politely.
 */
import { useEffect, useState } from 'react';
import { useAnnouncer } from '../../board/useAnnouncer.js';
import { useSpotlightContext } from '../../board/SpotlightContext.js';
import { goToSpotlight } from '../../board/spotlightTarget.js';
import { Announcer } from './Announcer.js';

export function SpotlightBar() {
  const { spotlight, label, isFollowing, canSpotlight, setSpotlight, setFollowing } = useSpotlightContext();
  const [announcement, announce] = useAnnouncer();
  const [error, setError] = useState<string | null>(null);

  const at = spotlight?.at ?? null;
  useEffect(() => {
    if (at !== null && label !== null) announce(`The organiser is showing: ${label}`);
    // reason: announce each new spotlight once, not each edit of its title
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [at, label !== null, announce]);

  const announcer = <Announcer announcement={announcement} testId="spotlight-announcer" />;
  if (spotlight === null) return announcer;
  const what = label ?? 'something that is not on this board any more';

  return (
    <div className="spotlight-bar" data-testid="spotlight-bar" data-following={isFollowing ? 'true' : 'false'}>
      {announcer}
      <p className="spotlight-bar__text">
        <strong className="tag tag--blue spotlight-bar__tag">Spotlight</strong>{' '}
        {canSpotlight ? 'Everyone is being shown: ' : isFollowing ? 'Following the organiser, who is showing: ' : 'The organiser is showing: '}
        <span className="spotlight-bar__what">{what}</span>
      </p>
      {error !== null && (
        <p className="error-message spotlight-bar__error" role="alert">
          <span className="visually-hidden">Error:</span> {error}
        </p>
      )}
      <div className="spotlight-bar__actions">
        {label !== null && (
          <button type="button" className="button button--secondary wall-button" onClick={() => goToSpotlight(spotlight.targetId, true)}>
            Go to it
          </button>
        )}
        {canSpotlight ? (
          <button type="button" className="button button--secondary wall-button" onClick={() => void setSpotlight(null).then(setError)}>
            End spotlight
          </button>
        ) : (
          // One button whose words change, so focus stays on it.
          <button type="button" className="button button--secondary wall-button" onClick={() => setFollowing(!isFollowing)}>
            {isFollowing ? 'Stop following' : 'Follow the organiser'}
          </button>
        )}
      </div>
    </div>
  );
}

import type { PresentPerson } from '../../board/presence.js';
import { PresenceBar } from './PresenceBar.js';

interface WallStatusBarProps {
  me: PresentPerson;
  others: readonly PresentPerson[];
}

/**
 * The line above the wall: who is here. (The connection moved to the bar at the bottom of the screen,
 * `WallDock`, so that it stays in view: issue 14.)
 */
export function WallStatusBar({ me, others }: WallStatusBarProps) {
  return (
    <div className="wall-status-bar">
      <PresenceBar me={me} others={others} />
    </div>
  );
}

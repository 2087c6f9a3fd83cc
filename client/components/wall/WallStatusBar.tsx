import type { ConnectionSummary } from '../../board/connectionSummary.js';
import type { PresentPerson } from '../../board/presence.js';
import { ConnectionStatus } from './ConnectionStatus.js';
import { PresenceBar } from './PresenceBar.js';

interface WallStatusBarProps {
  connection: ConnectionSummary;
  unsentCount: number;
  /** The server cannot store this person's changes now. */
  isNotSaved: boolean;
  me: PresentPerson;
  others: readonly PresentPerson[];
}

/** The line above the wall: the connection, and who is here. */
export function WallStatusBar({ connection, unsentCount, isNotSaved, me, others }: WallStatusBarProps) {
  return (
    <div className="wall-status-bar">
      <ConnectionStatus status={connection.status} isStopped={connection.stopReason !== null} unsentCount={unsentCount} isNotSaved={isNotSaved} />
      <PresenceBar me={me} others={others} />
    </div>
  );
}

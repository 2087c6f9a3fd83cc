import type { ConnectionSummary } from '../../board/connectionSummary.js';
import type { PresentPerson } from '../../board/presence.js';
import { ConnectionStatus } from './ConnectionStatus.js';
import { PresenceBar } from './PresenceBar.js';

interface WallStatusBarProps {
  connection: ConnectionSummary;
  unsentCount: number;
  me: PresentPerson;
  others: readonly PresentPerson[];
}

/** The line above the wall: the connection, and who is here. */
export function WallStatusBar({ connection, unsentCount, me, others }: WallStatusBarProps) {
  return (
    <div className="wall-status-bar">
      <ConnectionStatus status={connection.status} isStopped={connection.stopReason !== null} unsentCount={unsentCount} />
      <PresenceBar me={me} others={others} />
    </div>
  );
}

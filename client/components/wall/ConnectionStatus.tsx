import type { ConnectionStatus as Status } from '../../board/connectionSummary.js';

interface ConnectionStatusProps {
  status: Status;
  isStopped: boolean;
  /** My notes that have not reached the server. */
  unsentCount: number;
}

export function connectionStatusText(status: Status, isStopped: boolean, unsentCount: number): string {
  if (isStopped) return 'Not connected';
  if (status === 'online') return 'Online';
  if (status === 'connecting') return 'Connecting…';
  if (unsentCount === 0) return 'Offline';
  return `Offline – ${unsentCount} ${unsentCount === 1 ? 'note' : 'notes'} waiting to send`;
}

/** The connection in words (the dot only repeats them), read out politely when it changes. */
export function ConnectionStatus({ status, isStopped, unsentCount }: ConnectionStatusProps) {
  const shownStatus = isStopped ? 'offline' : status;
  return (
    <p className={`connection-status connection-status--${shownStatus}`} role="status" data-testid="connection-status" data-status={shownStatus}>
      <span className="connection-status__dot" aria-hidden="true" />
      {connectionStatusText(status, isStopped, unsentCount)}
    </p>
  );
}

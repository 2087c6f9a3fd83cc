import type { ConnectionStatus as Status } from '../../board/connectionSummary.js';

interface ConnectionStatusProps {
  status: Status;
  isStopped: boolean;
  /** My notes that have not reached the server. */
  unsentCount: number;
  /** The server cannot store changes now (see `areChangesNotSaved`). */
  isNotSaved?: boolean;
}

/** What a writer is shown while the server cannot store changes (disk full, read-only). */
export const NOT_SAVED_TEXT = 'Not saved — the server cannot store changes';

export function connectionStatusText(status: Status, isStopped: boolean, unsentCount: number, isNotSaved = false): string {
  if (isStopped) return 'Not connected';
  if (isNotSaved) return NOT_SAVED_TEXT;
  if (status === 'online') return 'Online';
  if (status === 'connecting') return 'Connecting…';
  if (unsentCount === 0) return 'Offline';
  return `Offline – ${unsentCount} ${unsentCount === 1 ? 'note' : 'notes'} waiting to send`;
}

/** The connection in words (the dot only repeats them), read out politely when it changes. */
export function ConnectionStatus({ status, isStopped, unsentCount, isNotSaved = false }: ConnectionStatusProps) {
  const shownStatus = isStopped ? 'offline' : isNotSaved ? 'not-saved' : status;
  return (
    <p className={`connection-status connection-status--${shownStatus}`} role="status" data-testid="connection-status" data-status={shownStatus}>
      <span className="connection-status__dot" aria-hidden="true" />
      {connectionStatusText(status, isStopped, unsentCount, isNotSaved)}
    </p>
  );
}

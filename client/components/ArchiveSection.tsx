import { useState } from 'react';
import type { BoardView } from '../../shared/protocol/api.js';
import { ApiError } from '../net/http.js';
import { useSession } from '../session/SessionContext.js';
import { ConfirmButton } from './ConfirmButton.js';
import { NotificationBanner } from './NotificationBanner.js';

interface ArchiveSectionProps {
  board: BoardView;
  onChanged(board: BoardView): void;
  onSessionEnded(): void;
}

/** Archive (close, read-only) or restore a board, each after a confirmation. */
export function ArchiveSection({ board, onChanged, onSessionEnded }: ArchiveSectionProps) {
  const { api } = useSession();
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const isArchived = board.status === 'archived';

  async function handleConfirm(): Promise<void> {
    setProblem(null);
    setDone(null);
    try {
      const { board: changed } = isArchived ? await api.restoreBoard(board.id) : await api.archiveBoard(board.id);
      onChanged(changed);
      setDone(changed.status === 'archived' ? 'The board is archived.' : 'The board is open again.');
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 401) return onSessionEnded();
      setProblem(failure instanceof ApiError ? failure.message : 'Sorry, that did not work. Try again.');
    }
  }

  return (
    <section className="section settings-section" aria-labelledby="archive-heading">
      <h2 className="heading-l" id="archive-heading">
        {isArchived ? 'Restore' : 'Archive'}
      </h2>
      {done !== null && (
        <NotificationBanner variant="success">
          <p className="notification-banner__heading">{done}</p>
        </NotificationBanner>
      )}
      {isArchived ? (
        <p className="body">
          This board is archived. Everyone can still read it, but nobody can post and its invitation links do not work.
        </p>
      ) : (
        <p className="body">
          Archive the board when the engagement has finished. It becomes read-only: nobody can post, and its invitation
          links and event codes stop working. You can restore it later.
        </p>
      )}
      {problem !== null && (
        <p className="error-message" role="alert">
          <span className="visually-hidden">Error:</span> {problem}
        </p>
      )}
      <ConfirmButton
        label={isArchived ? 'Restore this board' : 'Archive this board'}
        question={
          isArchived
            ? 'Restore this board? People will be able to join and post again.'
            : 'Archive this board? Nobody will be able to post, and people will not be able to join.'
        }
        confirmLabel={isArchived ? 'Yes, restore this board' : 'Yes, archive this board'}
        variant={isArchived ? 'primary' : 'warning'}
        onConfirm={handleConfirm}
      />
    </section>
  );
}

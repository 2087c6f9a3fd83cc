import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { BoardResponse, BoardView, PersonRole } from '../../shared/protocol/api.js';
import { BoardStatusTag } from './BoardStatusTag.js';
import { NotificationBanner } from './NotificationBanner.js';
import { PageHeading } from './PageHeading.js';
import { PresentLink } from './room/PresentLink.js';

const ROLE_NAMES: Record<PersonRole, string> = {
  officer: 'council officer',
  participant: 'participant',
  observer: 'observer',
};

interface BoardFrameProps {
  board: BoardView;
  viewer: BoardResponse['viewer'];
  /** The wall itself. It is placed inside the `#wall-region` landmark. */
  children: ReactNode;
}

function identity(viewer: BoardResponse['viewer']): string {
  const who = viewer.organisation === null ? viewer.name : `${viewer.name}, ${viewer.organisation}`;
  return `You are ${who} (${ROLE_NAMES[viewer.role]})`;
}

/**
 * Everything around a board's wall: title, status, who you are, the officer's way to settings,
 * and the archived notice. The live wall slots in as `children`.
 */
export function BoardFrame({ board, viewer, children }: BoardFrameProps) {
  const isArchived = board.status === 'archived';
  return (
    <div className="board-frame">
      {isArchived && (
        <NotificationBanner>
          <p className="notification-banner__heading">This board is archived. It is read-only.</p>
        </NotificationBanner>
      )}
      <div className="board-frame__header">
        <div className="board-frame__heading">
          <PageHeading className="heading-l board-frame__title" testId="board-title">
            {board.title}
          </PageHeading>
          {/* Only "Archived": an open board's stage is the phase tag's to say. A green "Open" here sat beside
              "Not open yet" and "Closed" on the same screen (issue 12 workshop test). */}
          {isArchived && <BoardStatusTag status={board.status} />}
        </div>
        <p className="body board-frame__identity" data-testid="viewer-identity">
          {identity(viewer)}
        </p>
        {viewer.role === 'officer' && (
          <p className="body board-frame__settings">
            <Link to={`/boards/${encodeURIComponent(board.id)}/settings`}>Board settings and invitations</Link>
          </p>
        )}
        {viewer.role === 'officer' && !isArchived && (
          <p className="body board-frame__present">
            <PresentLink boardId={board.id} />
          </p>
        )}
        {board.summary.trim() !== '' && <p className="body multiline board-frame__summary">{board.summary}</p>}
      </div>
      <section className="board-frame__wall" id="wall-region" aria-labelledby="wall-heading">
        <h2 className="visually-hidden" id="wall-heading">
          Ideas wall
        </h2>
        {children}
      </section>
    </div>
  );
}

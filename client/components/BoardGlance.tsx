import { Link } from 'react-router-dom';
import type { BoardView } from '../../shared/protocol/api.js';
import { PHASE_LABELS, PHASE_TAG_CLASSES } from '../board/phaseMessages.js';
import { useRefreshingResource } from '../hooks/useRefreshingResource.js';
import { settingsPath } from '../pages/settings/settingsPages.js';
import { useSession } from '../session/SessionContext.js';
import { PresentLink } from './room/PresentLink.js';

/** People come and go during an event: the dashboard's figures are read again this often. */
const REFRESH_MS = 15_000;

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * One open board on the dashboard at a glance (issue 14): its event code, phase, people here now and
 * ideas, then one click to the room screen, the QR code for the event's screen, and the settings.
 * The links' words do not repeat the board's title (as PresentLink): the list item under the title gives
 * their purpose in context, and links named by the title alone stay unique.
 */
export function BoardGlance({ board }: { board: BoardView }) {
  const { api } = useSession();
  const [summary] = useRefreshingResource(() => api.getBoardSummary(board.id), board.id, REFRESH_MS);
  if (summary.status === 'loading') return <p className="body-s board-glance__loading">Loading the board’s figures…</p>;
  if (summary.status === 'failed') return <p className="body-s">Sorry, we could not load this board’s figures. {summary.error.message}</p>;
  const { eventCode, inviteLinkId, phase, peopleNow, ideas } = summary.data;
  const boardPath = encodeURIComponent(board.id);
  return (
    <>
      <dl className="board-glance" data-testid="board-glance">
        <div className="board-glance__item">
          <dt>Event code</dt>
          <dd className="board-glance__code" data-testid="board-event-code">
            {eventCode ?? 'None'}
          </dd>
        </div>
        <div className="board-glance__item">
          <dt>Phase</dt>
          <dd>
            <strong className={PHASE_TAG_CLASSES[phase]}>{PHASE_LABELS[phase]}</strong>
          </dd>
        </div>
        <div className="board-glance__item">
          <dt>Here now</dt>
          <dd data-testid="board-people-now">{plural(peopleNow, 'person', 'people')}</dd>
        </div>
        <div className="board-glance__item">
          <dt>Ideas</dt>
          <dd data-testid="board-ideas">{plural(ideas, 'idea', 'ideas')}</dd>
        </div>
      </dl>
      <ul className="board-glance__actions">
        <li>
          <PresentLink boardId={board.id} />
        </li>
        {inviteLinkId !== null && (
          <li>
            <Link to={`/boards/${boardPath}/invite-links/${encodeURIComponent(inviteLinkId)}/screen`} data-testid="board-qr-link">
              Show QR code
            </Link>
          </li>
        )}
        <li>
          <Link to={settingsPath(board.id, 'links')}>
            Invitation links
          </Link>
        </li>
        <li>
          <Link to={settingsPath(board.id)}>
            Settings
          </Link>
        </li>
      </ul>
    </>
  );
}

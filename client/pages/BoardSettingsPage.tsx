import { useState } from 'react';
import { Link, Outlet, useLocation, useParams } from 'react-router-dom';
import type { BoardView } from '../../shared/protocol/api.js';
import { ApiFailure } from '../components/ApiFailure.js';
import { BoardStatusTag } from '../components/BoardStatusTag.js';
import { LoadingMessage } from '../components/LoadingMessage.js';
import { PageHeading } from '../components/PageHeading.js';
import { PresentLink } from '../components/room/PresentLink.js';
import { SettingsNav } from '../components/SettingsNav.js';
import { SignInRedirect } from '../components/SignInRedirect.js';
import { usePageTitle } from '../hooks/usePageTitle.js';
import { useResource } from '../hooks/useResource.js';
import { useSession } from '../session/SessionContext.js';
import { NotFoundPage } from './NotFoundPage.js';
import type { SettingsContext } from './settings/SettingsContext.js';
import { SETTINGS_PAGES } from './settings/settingsPages.js';

/** The settings page shown at this address: the last path segment after `settings`, '' for the first. */
function usePageInfo() {
  const { pathname } = useLocation();
  const after = /\/settings\/?([^/]*)\/?$/.exec(pathname)?.[1] ?? '';
  return SETTINGS_PAGES.find((page) => page.path === after) ?? SETTINGS_PAGES[0];
}

/**
 * The frame of an officer's settings for one board (issue 14): the board's name, the page's heading, a
 * way back to the wall and to the room screen, the side navigation, and the page itself (one job each:
 * details, invitation links, people, officers, export, archive), loaded on demand.
 */
export function BoardSettingsPage() {
  const { boardId = '' } = useParams();
  const { api } = useSession();
  const page = usePageInfo();
  const [board, , replaceBoard] = useResource(() => api.getBoard(boardId), boardId);
  const [isSessionEnded, setSessionEnded] = useState(false);
  const boardTitle = board.status === 'ready' ? board.data.board.title : null;
  usePageTitle(boardTitle === null ? 'Board settings' : `${page?.heading ?? 'Board settings'}: ${boardTitle}`);

  if (isSessionEnded) return <SignInRedirect />;
  if (board.status === 'loading') return <LoadingMessage />;
  if (board.status === 'failed') return <ApiFailure error={board.error} />;
  // The API lets only officers see settings; anyone else is told the page does not exist.
  if (board.data.viewer.role !== 'officer' || page === undefined) return <NotFoundPage />;

  const current = board.data.board;
  const context: SettingsContext = {
    board: current,
    onBoardChanged: (changed: BoardView) => replaceBoard({ ...board.data, board: changed }),
    onSessionEnded: () => setSessionEnded(true),
  };
  return (
    <>
      <PageHeading caption={<span className="break-words">{current.title}</span>}>{page.heading}</PageHeading>
      <p className="body settings-status">
        <BoardStatusTag status={current.status} />
        <Link to={`/boards/${encodeURIComponent(current.id)}`}>Go to the board</Link>
        {current.status === 'open' && <PresentLink boardId={current.id} />}
      </p>
      <div className="settings-layout">
        <div className="settings-layout__nav">
          <SettingsNav boardId={current.id} />
        </div>
        <div className="settings-layout__page">
          <Outlet context={context} />
        </div>
      </div>
    </>
  );
}

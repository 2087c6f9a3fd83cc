import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { RequireOfficer } from './components/RequireOfficer.js';
import { ScreenLayout } from './components/ScreenLayout.js';
import { SiteLayout } from './components/SiteLayout.js';
import { HomePage } from './pages/HomePage.js';
import { JoinPage } from './pages/JoinPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { RouteErrorPage } from './pages/RouteErrorPage.js';
// Loaded on first visit (the wall, officers' pages): the home page and join form stay small for phones.
import {
  ArchiveSettingsPage,
  BoardPage,
  BoardSettingsPage,
  DetailsSettingsPage,
  ExportSettingsPage,
  LinksSettingsPage,
  OfficersSettingsPage,
  PeopleSettingsPage,
  BoardsPage,
  InviteScreenPage,
  NewBoardPage,
  OfficerInvitationPage,
  RoomPage,
  SetUpPage,
  SignInPage,
} from './pagesOnDemand.js';
import { SessionContext } from './session/SessionContext.js';
import type { SessionStore } from './session/sessionStore.js';

/** Every route of the app. Officer-only pages sit under RequireOfficer. */
export function createRouter() {
  return createBrowserRouter([
    {
      element: <SiteLayout />,
      errorElement: <RouteErrorPage />,
      children: [
        {
          errorElement: <RouteErrorPage />,
          children: [
            { index: true, element: <HomePage /> },
            { path: 'sign-in', element: <SignInPage /> },
            { path: 'setup/:token', element: <SetUpPage /> },
            { path: 'join/:token', element: <JoinPage /> },
            { path: 'officer-invitations/:token', element: <OfficerInvitationPage /> },
            { path: 'boards/:boardId', element: <BoardPage /> },
            {
              element: <RequireOfficer />,
              children: [
                { path: 'boards', element: <BoardsPage /> },
                { path: 'boards/new', element: <NewBoardPage /> },
                {
                  // Issue 14: settings split into pages, one job each, at stable addresses.
                  path: 'boards/:boardId/settings',
                  element: <BoardSettingsPage />,
                  children: [
                    { index: true, element: <DetailsSettingsPage /> },
                    { path: 'links', element: <LinksSettingsPage /> },
                    { path: 'people', element: <PeopleSettingsPage /> },
                    { path: 'officers', element: <OfficersSettingsPage /> },
                    { path: 'export', element: <ExportSettingsPage /> },
                    { path: 'archive', element: <ArchiveSettingsPage /> },
                  ],
                },
              ],
            },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
    {
      element: <ScreenLayout />,
      errorElement: <RouteErrorPage />,
      children: [
        {
          element: <RequireOfficer />,
          children: [{ path: 'boards/:boardId/invite-links/:linkId/screen', element: <InviteScreenPage /> }],
        },
        // Issue 14: the room screen, for officers and for a session joined by an observer link.
        { path: 'boards/:boardId/present', element: <RoomPage /> },
      ],
    },
  ]);
}

type Router = ReturnType<typeof createRouter>;

export function App({ sessionStore, router }: { sessionStore: SessionStore; router: Router }) {
  return (
    <SessionContext.Provider value={sessionStore}>
      <RouterProvider router={router} />
    </SessionContext.Provider>
  );
}

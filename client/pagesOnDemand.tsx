/**
 * Pages a supplier arriving from the QR code does not need, loaded only when first visited: the wall
 * (Yjs, socket.io, the board's components), the officers' pages and the full-screen invite (QR code).
 * The home page and the join form stay in the first download, which must stay small for phones on a
 * venue's Wi-Fi (tests/e2e/bundleBudget.test.ts holds it to ≤ 100 kB compressed).
 *
 * Each export keeps the page's own name and takes no props, so the route table in App.tsx reads as before.
 * While a page's code loads, a plain loading message (a polite live region) shows in its place. If the
 * code cannot be fetched (offline, or a new release replaced the old files), the route's error page shows.
 * main.tsx preloads the wall while someone fills in the join form, so joining does not wait for it.
 */
import { lazy, Suspense, type ComponentType } from 'react';
import { LoadingMessage } from './components/LoadingMessage.js';

/** A page component that loads its code on first render; `preload()` fetches the code earlier. */
type PageOnDemand = ComponentType & { preload(): void };

function onDemand(load: () => Promise<ComponentType>, message = 'Loading…'): PageOnDemand {
  let loading: Promise<ComponentType> | null = null;
  const loadOnce = () => {
    loading ??= load().catch((error: unknown) => {
      loading = null; // a later visit tries again
      throw error;
    });
    return loading;
  };
  const Page = lazy(async () => ({ default: await loadOnce() }));
  function PageOnDemand() {
    return (
      <Suspense fallback={<LoadingMessage>{message}</LoadingMessage>}>
        <Page />
      </Suspense>
    );
  }
  PageOnDemand.preload = () => {
    loadOnce().catch(() => undefined);
  };
  return PageOnDemand;
}

export const BoardPage = onDemand(async () => (await import('./pages/BoardPage.js')).BoardPage, 'Loading the board…');
export const BoardSettingsPage = onDemand(async () => (await import('./pages/BoardSettingsPage.js')).BoardSettingsPage);
// Issue 14: the settings pages, one job each, inside BoardSettingsPage's frame.
export const DetailsSettingsPage = onDemand(async () => (await import('./pages/settings/DetailsSettingsPage.js')).DetailsSettingsPage);
export const LinksSettingsPage = onDemand(async () => (await import('./pages/settings/LinksSettingsPage.js')).LinksSettingsPage);
export const PeopleSettingsPage = onDemand(async () => (await import('./pages/settings/PeopleSettingsPage.js')).PeopleSettingsPage);
export const OfficersSettingsPage = onDemand(async () => (await import('./pages/settings/OfficersSettingsPage.js')).OfficersSettingsPage);
export const ExportSettingsPage = onDemand(async () => (await import('./pages/settings/ExportSettingsPage.js')).ExportSettingsPage);
export const ArchiveSettingsPage = onDemand(async () => (await import('./pages/settings/ArchiveSettingsPage.js')).ArchiveSettingsPage);
export const BoardsPage = onDemand(async () => (await import('./pages/BoardsPage.js')).BoardsPage);
export const NewBoardPage = onDemand(async () => (await import('./pages/NewBoardPage.js')).NewBoardPage);
export const InviteScreenPage = onDemand(async () => (await import('./pages/InviteScreenPage.js')).InviteScreenPage);
export const RoomPage = onDemand(async () => (await import('./pages/RoomPage.js')).RoomPage, 'Loading the room screen…');
export const OfficerInvitationPage = onDemand(async () => (await import('./pages/OfficerInvitationPage.js')).OfficerInvitationPage);
export const SetUpPage = onDemand(async () => (await import('./pages/SetUpPage.js')).SetUpPage);
export const SignInPage = onDemand(async () => (await import('./pages/SignInPage.js')).SignInPage);

import { afterEach, describe, expect, it } from 'vitest';
import type { BoardView, InviteLinkView } from '../../shared/protocol/api.js';
import { newBrowserClient, tokenFromUrl } from '../helpers/http.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';
import { BOARD_INPUT, FIRST_OFFICER, createBoard, createInviteLink, expectError, expectStatus, joinBoard, setUpFirstOfficer, signIn } from './scenario.js';

const servers: TestServer[] = [];

async function start(dataDir?: string): Promise<TestServer> {
  const server = await startTestServer(dataDir ? { dataDir } : {});
  servers.push(server);
  return server;
}

afterEach(async () => {
  // The restarted server shares the first one's data directory: stop all, then delete it once.
  for (const server of servers.splice(0).reverse()) await server.remove();
});

describe('restarting the server on the same data', () => {
  it('keeps officers, boards, links and sessions, and offers no new set-up link', async () => {
    const first = await start();
    const officer = await setUpFirstOfficer(first);
    const { board, participantLink } = await createBoard(officer);
    const observerLink = await createInviteLink(officer, board.id, { role: 'observer' });
    const supplier = await joinBoard(first.url, participantLink, { name: 'Sam Jones', organisation: 'Acme Ltd' });
    const setupToken = tokenFromUrl(first.setupUrl ?? '');
    await first.stop();

    const second = await start(first.dataDir);

    expect(second.setupUrl).toBeNull();
    // Signing in again works with the same password.
    const signedIn = await signIn(second.url, FIRST_OFFICER.email, FIRST_OFFICER.password);
    const boards = await signedIn.get('/api/boards');
    expect((boards.body.boards as BoardView[]).map((entry) => ({ id: entry.id, title: entry.title }))).toEqual([
      { id: board.id, title: BOARD_INPUT.title },
    ]);
    const links = await signedIn.get(`/api/boards/${board.id}/invite-links`);
    expect((links.body.links as InviteLinkView[]).map((link) => ({ id: link.id, code: link.code, status: link.status })).sort(byId)).toEqual(
      [
        { id: participantLink.id, code: participantLink.code, status: 'active' },
        { id: observerLink.id, code: null, status: 'active' },
      ].sort(byId),
    );
    // Links now point at the new address, with the same secret token.
    const participantLinkNow = (links.body.links as InviteLinkView[]).find((link) => link.id === participantLink.id);
    expect(participantLinkNow?.url).toBe(`${second.url}/join/${tokenFromUrl(participantLink.url)}`);

    // The officer's browser from before the restart is still signed in, and its CSRF token still works.
    const returningOfficer = await newBrowserClient(second.url, officer.cookies());
    expect(returningOfficer.csrfToken).toBe(officer.csrfToken);
    expect((await returningOfficer.get('/api/session')).body.session).toMatchObject({ kind: 'officer', account: { email: FIRST_OFFICER.email } });
    expectStatus(await returningOfficer.patch(`/api/boards/${board.id}`, { title: 'Renamed after the restart' }), 200);

    // So is the supplier's.
    const returningSupplier = await newBrowserClient(second.url, supplier.cookies());
    const asSupplier = await returningSupplier.get(`/api/boards/${board.id}`);
    expectStatus(asSupplier, 200);
    expect(asSupplier.body.viewer).toMatchObject({ role: 'participant', name: 'Sam Jones' });
    expect(asSupplier.body.board.title).toBe('Renamed after the restart');

    // The event code and the join link still work; the old set-up link stays used.
    const visitor = await newBrowserClient(second.url);
    expectStatus(await visitor.post('/api/event-codes', { code: participantLink.code }), 200);
    expectStatus(await visitor.get(`/api/join/${tokenFromUrl(participantLink.url)}`), 200);
    expectError(await visitor.post(`/api/setup/${setupToken}`, { ...FIRST_OFFICER, email: 'late@council.example.gov.uk' }), 410, 'link-used');
  });

  it('a revoked link and an archived board stay that way after a restart', async () => {
    const first = await start();
    const officer = await setUpFirstOfficer(first);
    const { board, participantLink } = await createBoard(officer);
    const { board: archivedBoard, participantLink: archivedLink } = await createBoard(officer, { ...BOARD_INPUT, title: 'Closed board' });
    expectStatus(await officer.post(`/api/boards/${board.id}/invite-links/${participantLink.id}/revoke`), 200);
    expectStatus(await officer.post(`/api/boards/${archivedBoard.id}/archive`), 200);
    await first.stop();

    const second = await start(first.dataDir);
    const visitor = await newBrowserClient(second.url);

    expectError(await visitor.get(`/api/join/${tokenFromUrl(participantLink.url)}`), 410, 'link-revoked');
    expectError(await visitor.get(`/api/join/${tokenFromUrl(archivedLink.url)}`), 410, 'board-archived');
  });

  it('a session ended by signing out stays ended after a restart', async () => {
    const first = await start();
    const officer = await setUpFirstOfficer(first);
    const cookiesBeforeSignOut = officer.cookies();
    expectStatus(await officer.post('/api/sign-out'), 204);
    await first.stop();

    const second = await start(first.dataDir);
    const replayed = await newBrowserClient(second.url, cookiesBeforeSignOut);

    expectError(await replayed.get('/api/boards'), 401, 'unauthenticated');
  });
});

function byId(left: { id: string }, right: { id: string }): number {
  return left.id.localeCompare(right.id);
}

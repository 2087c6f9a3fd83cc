import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BoardView, InviteLinkView } from '../../shared/protocol/api.js';
import { newBrowserClient, tokenFromUrl, type ApiResponse, type BrowserClient } from '../helpers/http.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';
import {
  createBoard,
  createInviteLink,
  expectError,
  expectStatus,
  inviteNewOfficer,
  joinBoard,
  setUpFirstOfficer,
} from './scenario.js';

let server: TestServer;
let officer: BrowserClient;

beforeEach(async () => {
  server = await startTestServer();
  officer = await setUpFirstOfficer(server);
});

afterEach(async () => {
  await server.remove();
});

const SECOND_OFFICER = { name: 'Tom Okafor', email: 'tom.okafor@council.example.gov.uk', password: 'another long passphrase' };
const OTHER_BOARD = {
  title: 'Highways winter maintenance',
  summary: 'Gritting routes and salt supply.',
  notice: 'Posts are visible to every supplier on this board.',
};

/** Every route only a board's officers may use, as one request each. */
function officerOnlyRequests(boardId: string, linkId: string): [string, (client: BrowserClient) => Promise<ApiResponse>][] {
  return [
    ['list boards', (client) => client.get('/api/boards')],
    ['create a board', (client) => client.post('/api/boards', OTHER_BOARD)],
    ['rename a board', (client) => client.patch(`/api/boards/${boardId}`, { title: 'Renamed by someone else' })],
    ['list invite links', (client) => client.get(`/api/boards/${boardId}/invite-links`)],
    ['create an invite link', (client) => client.post(`/api/boards/${boardId}/invite-links`, { role: 'participant' })],
    ['revoke an invite link', (client) => client.post(`/api/boards/${boardId}/invite-links/${linkId}/revoke`)],
    ['show a QR code', (client) => client.get(`/api/boards/${boardId}/invite-links/${linkId}/qr.svg`)],
    ['list officers', (client) => client.get(`/api/boards/${boardId}/officers`)],
    ['add an officer', (client) => client.post(`/api/boards/${boardId}/officers`, { email: 'x@council.example.gov.uk' })],
    ['withdraw an officer invitation', (client) => client.post(`/api/boards/${boardId}/officer-invitations/${linkId}/withdraw`)],
    ['remove an officer', (client) => client.post(`/api/boards/${boardId}/officers/${linkId}/remove`)],
    ['leave a board', (client) => client.post(`/api/boards/${boardId}/leave`)],
    ['read the officer audit', (client) => client.get(`/api/boards/${boardId}/audit`)],
    ['list invitations to you', (client) => client.get('/api/my-invitations')],
    ['archive a board', (client) => client.post(`/api/boards/${boardId}/archive`)],
    ['restore a board', (client) => client.post(`/api/boards/${boardId}/restore`)],
  ];
}

describe('officer-only routes', () => {
  it('answer 401 to someone who has not signed in', async () => {
    const { board, participantLink } = await createBoard(officer);
    const stranger = await newBrowserClient(server.url);

    for (const [action, send] of officerOnlyRequests(board.id, participantLink.id)) {
      const response = await send(stranger);
      expect(response.status, `${action}: ${response.text}`).toBe(401);
      expect(response.body?.error?.code, action).toBe('unauthenticated');
    }
    await expectBoardUnchanged(board, participantLink);
  });

  it('answer 403 to a participant and to an observer of the same board', async () => {
    const { board, participantLink } = await createBoard(officer);
    const observerLink = await createInviteLink(officer, board.id, { role: 'observer' });
    const participant = await joinBoard(server.url, participantLink);
    const observer = await joinBoard(server.url, observerLink, { name: 'Olu Observer', organisation: 'Audit Office' });

    for (const [who, client] of [
      ['participant', participant],
      ['observer', observer],
    ] as const) {
      for (const [action, send] of officerOnlyRequests(board.id, participantLink.id)) {
        const response = await send(client);
        expect(response.status, `${who} – ${action}: ${response.text}`).toBe(403);
        expect(response.body?.error?.code, `${who} – ${action}`).toBe('forbidden');
      }
    }
    await expectBoardUnchanged(board, participantLink, 2);
  });

  /** Nothing the refused requests tried has happened. */
  async function expectBoardUnchanged(board: BoardView, participantLink: InviteLinkView, expectedLinkCount = 1): Promise<void> {
    const boards = await officer.get('/api/boards');
    expect(boards.body.boards).toEqual([expect.objectContaining({ id: board.id, title: board.title, status: 'open' })]);
    const links = await officer.get(`/api/boards/${board.id}/invite-links`);
    const linkIds = links.body.links.map((link: InviteLinkView) => link.id);
    expect(linkIds).toHaveLength(expectedLinkCount);
    expect(links.body.links.every((link: InviteLinkView) => link.status === 'active')).toBe(true);
    expect(linkIds).toContain(participantLink.id);
    const officers = await officer.get(`/api/boards/${board.id}/officers`);
    expect(officers.body.officers).toHaveLength(1);
    expect(officers.body.invitations).toHaveLength(0);
  }
});

describe('who can see a board', () => {
  it('a participant of one board cannot read another board', async () => {
    const { participantLink: linkOfA } = await createBoard(officer);
    const { board: boardB } = await createBoard(officer, OTHER_BOARD);
    const participantOfA = await joinBoard(server.url, linkOfA);

    const response = await participantOfA.get(`/api/boards/${boardB.id}`);

    expectError(response, 404, 'not-found');
    for (const secret of [boardB.id, boardB.title, boardB.summary, boardB.notice]) expect(response.text).not.toContain(secret);
  });

  it('gives the same 404 for another board as for a board that does not exist', async () => {
    const { participantLink } = await createBoard(officer);
    const { board: boardB } = await createBoard(officer, OTHER_BOARD);
    const participant = await joinBoard(server.url, participantLink);

    const otherBoard = await participant.get(`/api/boards/${boardB.id}`);
    const noBoard = await participant.get('/api/boards/AAAAAAAAAAAAAAAAAAAAA');

    expectError(noBoard, 404, 'not-found');
    expect(otherBoard.body).toEqual(noBoard.body);
  });

  it('an officer who does not own a board gets 404 for it and cannot change it', async () => {
    const { board: sharedBoard } = await createBoard(officer);
    const { board: privateBoard, participantLink } = await createBoard(officer, OTHER_BOARD);
    const secondOfficer = await inviteNewOfficer(server.url, officer, sharedBoard.id, SECOND_OFFICER);

    const read = await secondOfficer.get(`/api/boards/${privateBoard.id}`);
    expectError(read, 404, 'not-found');
    expect(read.text).not.toContain(privateBoard.title);
    expectError(await secondOfficer.get(`/api/boards/${privateBoard.id}/invite-links`), 404, 'not-found');
    expectError(await secondOfficer.patch(`/api/boards/${privateBoard.id}`, { title: 'Taken over' }), 404, 'not-found');
    expectError(await secondOfficer.post(`/api/boards/${privateBoard.id}/archive`), 404, 'not-found');
    expectError(await secondOfficer.post(`/api/boards/${privateBoard.id}/officers`, { email: SECOND_OFFICER.email }), 404, 'not-found');
    expectError(await secondOfficer.post(`/api/boards/${privateBoard.id}/invite-links/${participantLink.id}/revoke`), 404, 'not-found');
    expectError(await secondOfficer.get(`/api/boards/${privateBoard.id}/officers`), 404, 'not-found');
    expectError(await secondOfficer.get(`/api/boards/${privateBoard.id}/audit`), 404, 'not-found');
    expectError(await secondOfficer.post(`/api/boards/${privateBoard.id}/leave`), 404, 'not-found');

    const listed = await secondOfficer.get('/api/boards');
    expect(listed.body.boards.map((board: BoardView) => board.id)).toEqual([sharedBoard.id]);
    const unchanged = await officer.get(`/api/boards/${privateBoard.id}`);
    expect(unchanged.body.board).toMatchObject({ title: OTHER_BOARD.title, status: 'open' });
  });

  it('the officer who made a board sees it in their list and can rename it', async () => {
    const { board } = await createBoard(officer);

    const renamed = await officer.patch(`/api/boards/${board.id}`, { title: 'Libraries: the next ten years' });

    expectStatus(renamed, 200);
    const read = await officer.get(`/api/boards/${board.id}`);
    expect(read.body.board).toMatchObject({ id: board.id, title: 'Libraries: the next ten years', summary: board.summary });
    expect(read.body.viewer).toMatchObject({ role: 'officer', canEdit: true });
    const listed = await officer.get('/api/boards');
    expect(listed.body.boards.map((entry: BoardView) => entry.title)).toEqual(['Libraries: the next ten years']);
  });
});

describe('event codes', () => {
  it('a new board starts with a participant link and an event code like ABC-1234', async () => {
    const { participantLink } = await createBoard(officer);

    expect(participantLink).toMatchObject({ role: 'participant', status: 'active', expiresAt: null, revokedAt: null });
    expect(participantLink.code).toMatch(/^[A-Z]{3}-\d{4}$/);
    expect(participantLink.url).toMatch(new RegExp(`^${server.url}/join/[A-Za-z0-9_-]{43}$`));
  });

  it('finds the join page from the code as typed, in capitals, lower case or without the dash', async () => {
    const { participantLink } = await createBoard(officer);
    const code = participantLink.code ?? '';
    const visitor = await newBrowserClient(server.url);

    for (const typed of [code, code.toLowerCase(), code.replace('-', ''), ` ${code.toLowerCase().replace('-', ' ')} `]) {
      const response = await visitor.post('/api/event-codes', { code: typed });
      expectStatus(response, 200);
      expect(response.body.joinPath, typed).toBe(`/join/${tokenFromUrl(participantLink.url)}`);
    }
  });

  it('says an unknown code is not found and junk is not a code', async () => {
    const { participantLink } = await createBoard(officer);
    const visitor = await newBrowserClient(server.url);
    const unknownCode = participantLink.code === 'QQQ-0000' ? 'QQQ-0001' : 'QQQ-0000';

    const unknown = await visitor.post('/api/event-codes', { code: unknownCode });
    expectError(unknown, 404, 'not-found');
    expect(unknown.text).not.toContain(tokenFromUrl(participantLink.url));

    for (const junk of ['hello!', '12-ABCD', 'ABCD-123', '']) {
      const response = await visitor.post('/api/event-codes', { code: junk });
      expectError(response, 400, 'invalid-input');
      expect(response.body.error.details.fields.map((entry: { field: string }) => entry.field)).toContain('code');
    }
  });
});

describe('co-owners', () => {
  it('[#10.1] adding an officer who has an account shares the board once they accept', async () => {
    const { board: firstBoard } = await createBoard(officer);
    const secondOfficer = await inviteNewOfficer(server.url, officer, firstBoard.id, SECOND_OFFICER);
    const { board: newBoard } = await createBoard(officer, OTHER_BOARD);
    expectError(await secondOfficer.get(`/api/boards/${newBoard.id}`), 404, 'not-found');

    const response = await officer.post(`/api/boards/${newBoard.id}/officers`, { email: SECOND_OFFICER.email.toUpperCase() });

    expectStatus(response, 201);
    expect(response.body.added).toBeUndefined();
    expect(response.body.invitation).toMatchObject({ email: SECOND_OFFICER.email });
    expect(response.text).not.toContain(SECOND_OFFICER.name);
    // Not shared until they say yes.
    expectError(await secondOfficer.get(`/api/boards/${newBoard.id}`), 404, 'not-found');
    const waiting = await secondOfficer.get('/api/my-invitations');
    expect(waiting.body.invitations).toEqual([expect.objectContaining({ id: response.body.invitation.id, boardTitle: OTHER_BOARD.title })]);
    expectStatus(await secondOfficer.post(`/api/my-invitations/${response.body.invitation.id}/accept`), 200);
    const listed = await secondOfficer.get('/api/boards');
    expect(listed.body.boards.map((board: BoardView) => board.id).sort()).toEqual([firstBoard.id, newBoard.id].sort());
    const read = await secondOfficer.get(`/api/boards/${newBoard.id}`);
    expect(read.body.viewer).toMatchObject({ role: 'officer', name: SECOND_OFFICER.name });
    const officers = await officer.get(`/api/boards/${newBoard.id}/officers`);
    expect(officers.body.officers.map((entry: { email: string }) => entry.email).sort()).toEqual(
      ['priya.shah@council.example.gov.uk', SECOND_OFFICER.email].sort(),
    );
  });

  it('inviting someone new gives a one-time link that creates their account and shares the board', async () => {
    const { board } = await createBoard(officer);

    const invited = await officer.post(`/api/boards/${board.id}/officers`, { email: SECOND_OFFICER.email });
    expectStatus(invited, 201);
    expect(invited.body.invitation).toMatchObject({ email: SECOND_OFFICER.email });
    expect(invited.body.invitation.url).toMatch(new RegExp(`^${server.url}/officer-invitations/[A-Za-z0-9_-]{43}$`));
    const token = tokenFromUrl(invited.body.invitation.url);

    const newcomer = await newBrowserClient(server.url);
    const info = await newcomer.get(`/api/officer-invitations/${token}`);
    expectStatus(info, 200);
    expect(info.body).toEqual({ boardTitle: board.title, email: SECOND_OFFICER.email, expiresAt: invited.body.invitation.expiresAt });

    const accepted = await newcomer.post(`/api/officer-invitations/${token}`, { name: SECOND_OFFICER.name, password: SECOND_OFFICER.password });
    expectStatus(accepted, 201);
    expect(accepted.body.session).toMatchObject({ kind: 'officer', account: { name: SECOND_OFFICER.name, email: SECOND_OFFICER.email } });
    const listed = await newcomer.get('/api/boards');
    expect(listed.body.boards.map((entry: BoardView) => entry.id)).toEqual([board.id]);
    // The new account signs in with its password from a fresh browser.
    const again = await newBrowserClient(server.url);
    expectStatus(await again.post('/api/sign-in', { email: SECOND_OFFICER.email, password: SECOND_OFFICER.password }), 200);

    const thief = await newBrowserClient(server.url);
    expectError(await thief.post(`/api/officer-invitations/${token}`, { name: 'Mallory', password: 'a long enough password' }), 410, 'link-used');
    expectError(await thief.get(`/api/officer-invitations/${token}`), 410, 'link-used');
    expect((await thief.get('/api/session')).body.session).toBeNull();
  });
});

describe('co-owners invited to several boards before they have an account', () => {
  it('[#10.1] end up with each board whose link they follow, one link per board', async () => {
    const { board: firstBoard } = await createBoard(officer);
    const { board: secondBoard } = await createBoard(officer, OTHER_BOARD);
    const firstInvitation = await officer.post(`/api/boards/${firstBoard.id}/officers`, { email: SECOND_OFFICER.email });
    const secondInvitation = await officer.post(`/api/boards/${secondBoard.id}/officers`, { email: SECOND_OFFICER.email });
    expect(firstInvitation.body.invitation).toBeDefined();
    expect(secondInvitation.body.invitation).toBeDefined();
    const newcomer = await newBrowserClient(server.url);

    const accepted = await newcomer.post(`/api/officer-invitations/${tokenFromUrl(firstInvitation.body.invitation.url)}`, {
      name: SECOND_OFFICER.name,
      password: SECOND_OFFICER.password,
    });
    expectStatus(accepted, 201);
    // The first link admits to the first board only.
    const afterFirst = await newcomer.get('/api/boards');
    expect(afterFirst.body.boards.map((board: BoardView) => board.id)).toEqual([firstBoard.id]);
    // They follow the second invitation too, signed in now with the invited address: that accepts it.
    const second = await newcomer.post(`/api/officer-invitations/${tokenFromUrl(secondInvitation.body.invitation.url)}`, {
      name: SECOND_OFFICER.name,
      password: SECOND_OFFICER.password,
    });
    expectStatus(second, 200);

    const signedIn = await newBrowserClient(server.url);
    expectStatus(await signedIn.post('/api/sign-in', { email: SECOND_OFFICER.email, password: SECOND_OFFICER.password }), 200);
    const listed = await signedIn.get('/api/boards');
    expect(listed.body.boards.map((board: BoardView) => board.id).sort()).toEqual([firstBoard.id, secondBoard.id].sort());
  });

  it('accepting two invitations for the same email at the same moment makes one account and a clear answer', async () => {
    const { board: firstBoard } = await createBoard(officer);
    const { board: secondBoard } = await createBoard(officer, OTHER_BOARD);
    const invitations = await Promise.all(
      [firstBoard, secondBoard].map((board) => officer.post(`/api/boards/${board.id}/officers`, { email: SECOND_OFFICER.email })),
    );
    const browsers = await Promise.all([newBrowserClient(server.url), newBrowserClient(server.url)]);

    const answers = await Promise.all(
      invitations.map((invitation, index) =>
        browsers[index]!.post(`/api/officer-invitations/${tokenFromUrl(invitation.body.invitation.url)}`, {
          name: SECOND_OFFICER.name,
          password: SECOND_OFFICER.password,
        }),
      ),
    );

    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses, answers.map((answer) => answer.text).join(' | ')).not.toContain(500);
    expect(statuses).toContain(201);
    const refused = answers.find((answer) => answer.status !== 201);
    if (refused) expect(['conflict', 'link-used']).toContain(refused.body?.error?.code);
    const signedIn = await newBrowserClient(server.url);
    expectStatus(await signedIn.post('/api/sign-in', { email: SECOND_OFFICER.email, password: SECOND_OFFICER.password }), 200);
  });
});

describe('QR codes', () => {
  it('shows an invite link as an SVG image', async () => {
    const { board, participantLink } = await createBoard(officer);

    const response = await officer.get(`/api/boards/${board.id}/invite-links/${participantLink.id}/qr.svg`);

    expectStatus(response, 200);
    expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(response.text.trimStart()).toMatch(/^(<svg|<\?xml)/);
    expect(response.text).toContain('</svg>');
  });

  it('says there is no QR code for a link of another board', async () => {
    const { board } = await createBoard(officer);
    const { participantLink: linkOfOtherBoard } = await createBoard(officer, OTHER_BOARD);

    const response = await officer.get(`/api/boards/${board.id}/invite-links/${linkOfOtherBoard.id}/qr.svg`);

    expectError(response, 404, 'not-found');
  });
});

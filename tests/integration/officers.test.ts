/**
 * Issue 10, item 1: an officer invitation admits to the one board that made it, with the consent of an
 * existing account; officers see and remove co-officers (never the last), and every change is audited.
 * Real server, real SQLite, real HTTP, real websockets.
 */
import type { Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { OFFICER_INVITATION_TTL_MS } from '../../shared/limits.js';
import {
  officerChangesResponse,
  type BoardView,
  type InviteOfficerResponse,
  type OfficerChangeView,
} from '../../shared/protocol/api.js';
import { newBrowserClient, tokenFromUrl, type ApiResponse, type BrowserClient } from '../helpers/http.js';
import { connectRaw, waitFor, type RawClient } from '../helpers/liveClients.js';
import { connectBoardSocket } from '../helpers/liveBoard.js';
import { slowStore } from '../helpers/slowStore.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';
import { BOARD_INPUT, FIRST_OFFICER, createBoard, expectError, expectStatus, setUpFirstOfficer, signIn } from './scenario.js';

let server: TestServer;
const cleanups: Array<() => unknown> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await server.remove();
});

const BEA = { name: 'Bea Rival', email: 'bea.rival@other-council.example.gov.uk', password: 'bea has a long passphrase' };
const TOM = { name: 'Tom Okafor', email: 'tom.okafor@council.example.gov.uk', password: 'another long passphrase' };
/** The person board A's officer invites; board B's officer knows the address too. */
const INVITEE = { name: 'Ian Vitee', email: 'ian.vitee@council.example.gov.uk', password: 'the real ian passphrase' };
const BOARD_B = { title: 'Highways winter maintenance', summary: 'Gritting routes.', notice: 'Posts are visible to every supplier.' };

async function invite(inviter: BrowserClient, boardId: string, email: string): Promise<InviteOfficerResponse['invitation']> {
  const response = await inviter.post(`/api/boards/${boardId}/officers`, { email });
  expectStatus(response, 201);
  return response.body.invitation;
}

/** Someone new accepts an invitation link in a fresh browser: their account is made and they are signed in. */
async function acceptAsNewcomer(url: string, person: { name: string; password: string }): Promise<BrowserClient> {
  const browser = await newBrowserClient(server.url);
  expectStatus(await browser.post(`/api/officer-invitations/${tokenFromUrl(url)}`, { name: person.name, password: person.password }), 201);
  return browser;
}

async function boardIdsOf(client: BrowserClient): Promise<string[]> {
  const listed = await client.get('/api/boards');
  expectStatus(listed, 200);
  return listed.body.boards.map((board: BoardView) => board.id).sort();
}

/**
 * A second officer with a board of their own that the first officer is not on: the first officer makes the
 * board, invites them, and leaves once they have accepted.
 */
async function officerWithOwnBoard(
  firstOfficer: BrowserClient,
  person: { name: string; email: string; password: string },
): Promise<{ client: BrowserClient; boardId: string }> {
  const { board } = await createBoard(firstOfficer, BOARD_B);
  const client = await acceptAsNewcomer((await invite(firstOfficer, board.id, person.email)).url ?? '', person);
  expectStatus(await firstOfficer.post(`/api/boards/${board.id}/leave`), 200);
  return { client, boardId: board.id };
}

async function auditOf(client: BrowserClient, boardId: string): Promise<OfficerChangeView[]> {
  const response = await client.get(`/api/boards/${boardId}/audit`);
  expectStatus(response, 200);
  return officerChangesResponse.parse(response.body).changes;
}

describe('[#10.1] an officer invitation admits to the one board that made it', () => {
  it('[#10.1] an officer of board B who invites and accepts for board A’s invitee does not become an officer of A', async () => {
    server = await startTestServer();
    const priya = await setUpFirstOfficer(server);
    const { board: boardA } = await createBoard(priya);
    // Bea is an officer (of a board Priya shares with her) who makes a board of her own.
    const { board: shared } = await createBoard(priya, { ...BOARD_B, title: 'Shared board' });
    const bea = { client: await acceptAsNewcomer((await invite(priya, shared.id, BEA.email)).url ?? '', BEA), boardId: '' };
    bea.boardId = (await createBoard(bea.client, BOARD_B)).board.id;
    const invitationFromA = await invite(priya, boardA.id, INVITEE.email);

    // Bea invites the same address to her own board and accepts her own link, making the account herself.
    const invitationFromB = await invite(bea.client, bea.boardId, INVITEE.email);
    const takeover = await acceptAsNewcomer(invitationFromB.url ?? '', { name: INVITEE.name, password: 'bea knows this password' });

    expect(await boardIdsOf(takeover)).toEqual([bea.boardId]);
    expectError(await takeover.get(`/api/boards/${boardA.id}`), 404, 'not-found');
    expectError(await takeover.get(`/api/boards/${boardA.id}/confidential-notes`), 404, 'not-found');
    expectError(await takeover.get(`/api/boards/${boardA.id}/officers`), 404, 'not-found');
    expectError(await takeover.post(`/api/boards/${boardA.id}/officers`, { email: BEA.email }), 404, 'not-found');
    // Board A's invitation is not offered to the account Bea made: only its link can answer it.
    expect((await takeover.get('/api/my-invitations')).body.invitations).toEqual([]);
    const brief = await connectRaw(server.url, `${boardA.id}/brief`, takeover);
    cleanups.push(() => brief.close());
    expect((await brief.closed).code).toBe(4404);
    // Board A still has one officer, and its invitation is still waiting for the real person.
    const officersOfA = await priya.get(`/api/boards/${boardA.id}/officers`);
    expect(officersOfA.body.officers.map((officer: { email: string }) => officer.email)).toEqual([FIRST_OFFICER.email]);
    expect(officersOfA.body.invitations.map((invitation: { id: string }) => invitation.id)).toEqual([invitationFromA.id]);
  });

  it('[#10.1] accepting one of two invitations to the same address adds that board only; the other needs its own link', async () => {
    server = await startTestServer();
    const priya = await setUpFirstOfficer(server);
    const { board: first } = await createBoard(priya);
    const { board: second } = await createBoard(priya, BOARD_B);
    const firstInvitation = await invite(priya, first.id, INVITEE.email);
    const secondInvitation = await invite(priya, second.id, INVITEE.email);

    const ian = await acceptAsNewcomer(firstInvitation.url ?? '', INVITEE);

    expect(await boardIdsOf(ian)).toEqual([first.id]);
    // Signed in with the invited address, the second link is the consent for the second board.
    expectStatus(await ian.post(`/api/officer-invitations/${tokenFromUrl(secondInvitation.url ?? '')}`, {}), 200);
    expect(await boardIdsOf(ian)).toEqual([first.id, second.id].sort());
  });

  it('[#10.1] an invitation link opened while signed in with another address is refused clearly', async () => {
    server = await startTestServer();
    const priya = await setUpFirstOfficer(server);
    const { board } = await createBoard(priya);
    const tom = (await officerWithOwnBoard(priya, TOM)).client;
    const invitation = await invite(priya, board.id, INVITEE.email);
    const token = tokenFromUrl(invitation.url ?? '');

    const info = await tom.get(`/api/officer-invitations/${token}`);
    expectError(info, 403, 'forbidden');
    expect(info.body.error.message).toMatch(/different email address/);
    const accept = await tom.post(`/api/officer-invitations/${token}`, { name: TOM.name, password: TOM.password });
    expectError(accept, 403, 'forbidden');
    expect(await boardIdsOf(tom)).not.toContain(board.id);
    // The link still works for the person it was made for.
    const ian = await acceptAsNewcomer(invitation.url ?? '', INVITEE);
    expect(await boardIdsOf(ian)).toEqual([board.id]);
  });

  it('[#10.1] an invitation expires, is single-use, and can be withdrawn by the board’s officers', async () => {
    let offsetMs = 0;
    server = await startTestServer({ now: () => Date.now() + offsetMs });
    const priya = await setUpFirstOfficer(server);
    const { board } = await createBoard(priya);
    const withdrawn = await invite(priya, board.id, TOM.email);
    const expiring = await invite(priya, board.id, INVITEE.email);

    expectStatus(await priya.post(`/api/boards/${board.id}/officer-invitations/${withdrawn.id}/withdraw`), 200);
    const visitor = await newBrowserClient(server.url);
    expectError(await visitor.get(`/api/officer-invitations/${tokenFromUrl(withdrawn.url ?? '')}`), 410, 'link-revoked');
    expectError(await visitor.post(`/api/officer-invitations/${tokenFromUrl(withdrawn.url ?? '')}`, TOM_BODY), 410, 'link-revoked');
    expectError(await priya.post(`/api/boards/${board.id}/officer-invitations/${withdrawn.id}/withdraw`), 410, 'link-revoked');
    const listed = await priya.get(`/api/boards/${board.id}/officers`);
    expect(listed.body.invitations.map((invitation: { id: string }) => invitation.id)).toEqual([expiring.id]);
    expect(Date.parse(expiring.expiresAt) - Date.parse(expiring.createdAt)).toBe(OFFICER_INVITATION_TTL_MS);

    offsetMs = OFFICER_INVITATION_TTL_MS + 1_000;
    expectError(await visitor.get(`/api/officer-invitations/${tokenFromUrl(expiring.url ?? '')}`), 410, 'link-expired');
    expectError(await visitor.post(`/api/officer-invitations/${tokenFromUrl(expiring.url ?? '')}`, INVITEE_BODY), 410, 'link-expired');
    const again = await signIn(server.url, FIRST_OFFICER.email, FIRST_OFFICER.password);
    expect((await again.get(`/api/boards/${board.id}/officers`)).body.invitations).toEqual([]);
    const nobody = await newBrowserClient(server.url);
    expectError(await nobody.post('/api/sign-in', { email: INVITEE.email, password: INVITEE.password }), 401, 'unauthenticated');
  });
});

const TOM_BODY = { name: TOM.name, password: TOM.password };
const INVITEE_BODY = { name: INVITEE.name, password: INVITEE.password };

describe('[#10.1] adding an existing account needs its consent', () => {
  it('[#10.1] an existing account is not added until it accepts the invitation it sees when signed in', async () => {
    server = await startTestServer();
    const priya = await setUpFirstOfficer(server);
    const { board } = await createBoard(priya);
    const tom = await officerWithOwnBoard(priya, TOM);

    const invitation = await invite(priya, board.id, TOM.email.toUpperCase());

    expect(await boardIdsOf(tom.client)).toEqual([tom.boardId]);
    expectError(await tom.client.get(`/api/boards/${board.id}`), 404, 'not-found');
    const officers = await priya.get(`/api/boards/${board.id}/officers`);
    expect(officers.body.officers).toHaveLength(1);
    const waiting = await tom.client.get('/api/my-invitations');
    expectStatus(waiting, 200);
    expect(waiting.body.invitations).toEqual([
      expect.objectContaining({ id: invitation.id, boardTitle: BOARD_INPUT.title, invitedByName: FIRST_OFFICER.name }),
    ]);
    expect(waiting.text).not.toContain(FIRST_OFFICER.email);

    const accepted = await tom.client.post(`/api/my-invitations/${invitation.id}/accept`);

    expectStatus(accepted, 200);
    expect(accepted.body.boardId).toBe(board.id);
    expect(await boardIdsOf(tom.client)).toEqual([board.id, tom.boardId].sort());
    expect((await tom.client.get(`/api/boards/${board.id}`)).body.viewer).toMatchObject({ role: 'officer', name: TOM.name });
    expect((await tom.client.get('/api/my-invitations')).body.invitations).toEqual([]);
    expectError(await tom.client.post(`/api/my-invitations/${invitation.id}/accept`), 410, 'link-used');
    expectError(await tom.client.post(`/api/officer-invitations/${tokenFromUrl(invitation.url ?? '')}`, {}), 410, 'link-used');
  });

  it('[#10.1] declining leaves the account off the board, and only the invited account can answer', async () => {
    server = await startTestServer();
    const priya = await setUpFirstOfficer(server);
    const { board } = await createBoard(priya);
    const tom = await officerWithOwnBoard(priya, TOM);
    const bea = await officerWithOwnBoard(priya, BEA);
    const invitation = await invite(priya, board.id, TOM.email);

    expectError(await bea.client.post(`/api/my-invitations/${invitation.id}/accept`), 404, 'not-found');
    expectError(await bea.client.post(`/api/my-invitations/${invitation.id}/decline`), 404, 'not-found');
    expectStatus(await tom.client.post(`/api/my-invitations/${invitation.id}/decline`), 200);

    expect(await boardIdsOf(tom.client)).toEqual([tom.boardId]);
    expect(await boardIdsOf(bea.client)).toEqual([bea.boardId]);
    expect((await tom.client.get('/api/my-invitations')).body.invitations).toEqual([]);
    expectError(await tom.client.post(`/api/my-invitations/${invitation.id}/accept`), 410, 'link-used');
    expect((await priya.get(`/api/boards/${board.id}/officers`)).body.invitations).toEqual([]);
  });

  it('[#10.1] the inviting officer gets the same answer whether or not the address has an account', async () => {
    server = await startTestServer();
    const priya = await setUpFirstOfficer(server);
    const { board } = await createBoard(priya);
    await officerWithOwnBoard(priya, TOM);

    const existing = await priya.post(`/api/boards/${board.id}/officers`, { email: TOM.email });
    const unknown = await priya.post(`/api/boards/${board.id}/officers`, { email: INVITEE.email });

    expect(existing.status).toBe(unknown.status);
    expect(shapeOf(existing)).toEqual(shapeOf(unknown));
    expect(existing.body.invitation.url).toMatch(new RegExp(`^${server.url}/officer-invitations/[A-Za-z0-9_-]{43}$`));
    expect(existing.text).not.toContain(TOM.name);
    const listed = await priya.get(`/api/boards/${board.id}/officers`);
    const [first, second] = listed.body.invitations as Array<Record<string, unknown>>;
    expect(Object.keys(first ?? {}).sort()).toEqual(Object.keys(second ?? {}).sort());
    expect(listed.text).not.toContain(TOM.name);
    // The link holder learns nothing more from the link page either.
    const visitor = await newBrowserClient(server.url);
    const infoExisting = await visitor.get(`/api/officer-invitations/${tokenFromUrl(existing.body.invitation.url)}`);
    const infoUnknown = await visitor.get(`/api/officer-invitations/${tokenFromUrl(unknown.body.invitation.url)}`);
    expect(Object.keys(infoExisting.body).sort()).toEqual(Object.keys(infoUnknown.body).sort());
  });
});

/** A JSON answer with every string value replaced by its kind: compares the structure, not the values. */
function shapeOf(response: ApiResponse): unknown {
  return JSON.parse(JSON.stringify(response.body), (_key, value: unknown) => (typeof value === 'string' ? 'string' : value));
}

describe('[#10.1] co-officers', () => {
  it('[#10.1] officers list co-officers with email and date added, and remove one; the removed officer loses the board', async () => {
    server = await startTestServer();
    const priya = await setUpFirstOfficer(server);
    const { board } = await createBoard(priya);
    const tom = await acceptAsNewcomer((await invite(priya, board.id, TOM.email)).url ?? '', TOM);

    const listed = await tom.get(`/api/boards/${board.id}/officers`);
    expectStatus(listed, 200);
    expect(listed.body.officers).toEqual([
      { id: expect.any(String), name: FIRST_OFFICER.name, email: FIRST_OFFICER.email, addedAt: expect.any(String) },
      { id: expect.any(String), name: TOM.name, email: TOM.email, addedAt: expect.any(String) },
    ]);
    const tomId = listed.body.officers[1].id as string;

    expectStatus(await priya.post(`/api/boards/${board.id}/officers/${tomId}/remove`), 200);

    expectError(await tom.get(`/api/boards/${board.id}`), 404, 'not-found');
    expectError(await tom.get(`/api/boards/${board.id}/officers`), 404, 'not-found');
    expect(await boardIdsOf(tom)).toEqual([]);
    const after = await priya.get(`/api/boards/${board.id}/officers`);
    expect(after.body.officers.map((officer: { email: string }) => officer.email)).toEqual([FIRST_OFFICER.email]);
    expectError(await priya.post(`/api/boards/${board.id}/officers/${tomId}/remove`), 404, 'not-found');
  });

  it('[#10.1] the last officer can be neither removed nor leave (409 with a clear message)', async () => {
    server = await startTestServer();
    const priya = await setUpFirstOfficer(server);
    const { board } = await createBoard(priya);
    const priyaId = (await priya.get('/api/session')).body.session.account.id as string;

    const removal = await priya.post(`/api/boards/${board.id}/officers/${priyaId}/remove`);
    expectError(removal, 409, 'conflict');
    expect(removal.body.error.message).toMatch(/at least one officer/);
    expectError(await priya.post(`/api/boards/${board.id}/leave`), 409, 'conflict');
    expect(await boardIdsOf(priya)).toEqual([board.id]);
  });

  it('[#10.1] an officer can leave a board while another officer remains', async () => {
    server = await startTestServer();
    const priya = await setUpFirstOfficer(server);
    const { board } = await createBoard(priya);
    const tom = await acceptAsNewcomer((await invite(priya, board.id, TOM.email)).url ?? '', TOM);

    expectStatus(await tom.post(`/api/boards/${board.id}/leave`), 200);

    expect(await boardIdsOf(tom)).toEqual([]);
    expectError(await priya.post(`/api/boards/${board.id}/leave`), 409, 'conflict');
  });

  for (const delayMs of [0, 15]) {
    it(`[#10.1] two officers removing each other at the same moment leave exactly one (store delay ${delayMs} ms)`, async () => {
      server = await startTestServer(delayMs > 0 ? { wrapStore: (store) => slowStore(store, delayMs) } : {});
      const priya = await setUpFirstOfficer(server);
      const tom = (await officerWithOwnBoard(priya, TOM)).client;
      for (let round = 0; round < 5; round += 1) {
        const { board } = await createBoard(priya, { ...BOARD_B, title: `Round ${round}` });
        await acceptExisting(priya, tom, board.id);
        const ids = (await priya.get(`/api/boards/${board.id}/officers`)).body.officers.map((officer: { id: string }) => officer.id);

        const answers = await Promise.all([
          priya.post(`/api/boards/${board.id}/officers/${ids[1]}/remove`),
          tom.post(`/api/boards/${board.id}/officers/${ids[0]}/remove`),
        ]);

        const statuses = answers.map((answer) => answer.status).sort();
        expect(statuses[0], answers.map((answer) => answer.text).join(' | ')).toBe(200);
        expect([404, 409]).toContain(statuses[1]);
        const remaining = [
          ...(await boardIdsOf(priya)).filter((id) => id === board.id),
          ...(await boardIdsOf(tom)).filter((id) => id === board.id),
        ];
        expect(remaining).toHaveLength(1);
      }
    });
  }
});

/** Invites an existing account and has it accept from its dashboard. */
async function acceptExisting(inviter: BrowserClient, invitee: BrowserClient, boardId: string): Promise<void> {
  const email = (await invitee.get('/api/session')).body.session.account.email as string;
  const invitation = await invite(inviter, boardId, email);
  expectStatus(await invitee.post(`/api/my-invitations/${invitation.id}/accept`), 200);
}

describe('[#10.1] removing an officer ends their live access on that board at once', () => {
  async function openSocket(client: BrowserClient, boardId: string): Promise<Socket> {
    const socket = await connectBoardSocket(server.url, client, boardId);
    cleanups.push(() => socket.disconnect());
    return socket;
  }

  async function raw(client: BrowserClient, room: string): Promise<RawClient> {
    const connection = await connectRaw(server.url, room, client);
    cleanups.push(() => connection.close());
    return connection;
  }

  it('[#10.1] a removed officer’s yjs sockets and socket.io close within a second; REST and reconnects are refused', async () => {
    server = await startTestServer();
    const priya = await setUpFirstOfficer(server);
    const { board } = await createBoard(priya);
    const tom = await officerWithOwnBoard(priya, TOM);
    await acceptExisting(priya, tom.client, board.id);
    const tomId = (await tom.client.get(`/api/boards/${board.id}`)).body.documents.personId as string;
    const brief = await raw(tom.client, `${board.id}/brief`);
    const wall = await raw(tom.client, `${board.id}/wall`);
    const draft = await raw(tom.client, `${board.id}/drafts/${tomId}`);
    const socket = await openSocket(tom.client, board.id);
    // Tom's connections on his own board must stay open.
    const ownWall = await raw(tom.client, `${tom.boardId}/wall`);
    const ownSocket = await openSocket(tom.client, tom.boardId);

    const started = Date.now();
    expectStatus(await priya.post(`/api/boards/${board.id}/officers/${tomId}/remove`), 200);
    const closes = await Promise.all([brief, wall, draft].map((connection) => closedWithin(connection, 1_000)));
    await waitFor(() => !socket.connected, { timeoutMs: 1_000, what: 'socket.io disconnected' });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(closes.map((close) => close.code)).toEqual([4410, 4410, 4410]);

    expectError(await tom.client.get(`/api/boards/${board.id}`), 404, 'not-found');
    expectError(await tom.client.get(`/api/boards/${board.id}/confidential-notes`), 404, 'not-found');
    const again = await raw(tom.client, `${board.id}/brief`);
    expect((await again.closed).code).toBe(4404);
    await expect(openSocket(tom.client, board.id)).rejects.toThrow();
    expect(ownWall.isOpen()).toBe(true);
    expect(ownSocket.connected).toBe(true);
    expectStatus(await tom.client.get(`/api/boards/${tom.boardId}`), 200);
  });

  it('[#10.1] an officer who leaves has their sockets on that board closed too', async () => {
    server = await startTestServer();
    const priya = await setUpFirstOfficer(server);
    const { board } = await createBoard(priya);
    const tom = await acceptAsNewcomer((await invite(priya, board.id, TOM.email)).url ?? '', TOM);
    const wall = await raw(tom, `${board.id}/wall`);
    const socket = await openSocket(tom, board.id);

    expectStatus(await tom.post(`/api/boards/${board.id}/leave`), 200);

    expect((await closedWithin(wall, 1_000)).code).toBe(4410);
    await waitFor(() => !socket.connected, { timeoutMs: 1_000, what: 'socket.io disconnected' });
  });
});

/** The close of a connection, or a failure when it is still open after `ms` (no hanging test). */
function closedWithin(connection: RawClient, ms: number): Promise<{ code: number; reason: string }> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`still open after ${ms} ms`)), ms);
  });
  return Promise.race([connection.closed, deadline]).finally(() => clearTimeout(timer));
}

describe('[#10.1] the officer audit', () => {
  it('[#10.1] records invited, withdrawn, accepted, declined, removed and left, with actor and subject, never a token', async () => {
    server = await startTestServer();
    const priya = await setUpFirstOfficer(server);
    const { board } = await createBoard(priya);
    const tom = await officerWithOwnBoard(priya, TOM);
    const priyaId = (await priya.get('/api/session')).body.session.account.id as string;
    const tomId = (await tom.client.get('/api/session')).body.session.account.id as string;

    const withdrawn = await invite(priya, board.id, 'someone.else@council.example.gov.uk');
    expectStatus(await priya.post(`/api/boards/${board.id}/officer-invitations/${withdrawn.id}/withdraw`), 200);
    const declined = await invite(priya, board.id, TOM.email);
    expectStatus(await tom.client.post(`/api/my-invitations/${declined.id}/decline`), 200);
    const accepted = await invite(priya, board.id, TOM.email);
    expectStatus(await tom.client.post(`/api/my-invitations/${accepted.id}/accept`), 200);
    expectStatus(await priya.post(`/api/boards/${board.id}/officers/${tomId}/remove`), 200);
    const ian = await acceptAsNewcomer((await invite(priya, board.id, INVITEE.email)).url ?? '', INVITEE);
    const ianId = (await ian.get('/api/session')).body.session.account.id as string;
    expectStatus(await ian.post(`/api/boards/${board.id}/leave`), 200);

    const response = await priya.get(`/api/boards/${board.id}/audit`);
    const changes = await auditOf(priya, board.id);
    const rows = changes.map((change) => [change.action, change.actor.id, change.subject.id]);
    const ianInvitation = changes.find((change) => change.action === 'invited' && change.subject.kind === 'invitation' && change.subject.email === INVITEE.email);
    expect(rows).toEqual([
      ['invited', priyaId, withdrawn.id],
      ['invitation-withdrawn', priyaId, withdrawn.id],
      ['invited', priyaId, declined.id],
      ['invitation-declined', tomId, declined.id],
      ['invited', priyaId, accepted.id],
      ['invitation-accepted', tomId, accepted.id],
      ['officer-removed', priyaId, tomId],
      ['invited', priyaId, ianInvitation?.subject.id],
      ['invitation-accepted', ianId, ianInvitation?.subject.id],
      ['officer-left', ianId, ianId],
    ]);
    expect(changes[6]).toMatchObject({ actor: { name: FIRST_OFFICER.name }, subject: { kind: 'account', name: TOM.name } });
    expect(changes[0]?.subject).toMatchObject({ kind: 'invitation', email: 'someone.else@council.example.gov.uk' });
    for (const invitation of [withdrawn, declined, accepted]) expect(response.text).not.toContain(tokenFromUrl(invitation.url ?? ''));
    // Officers of the board only.
    expectError(await tom.client.get(`/api/boards/${board.id}/audit`), 404, 'not-found');
    const stranger = await newBrowserClient(server.url);
    expectError(await stranger.get(`/api/boards/${board.id}/audit`), 401, 'unauthenticated');
  });
});

describe('[#10.1] officers’ email addresses stay within their boards', () => {
  it('[#10.1] nothing an officer of another board can read shows an officer’s email address', async () => {
    server = await startTestServer();
    const priya = await setUpFirstOfficer(server);
    const { board: boardA } = await createBoard(priya);
    const bea = await officerWithOwnBoard(priya, BEA);
    // Priya invites Bea to board A (Bea does not answer), and Bea invites Priya to board B.
    await invite(priya, boardA.id, BEA.email);
    await invite(bea.client, bea.boardId, FIRST_OFFICER.email);

    const readsOfBea = await Promise.all([
      bea.client.get('/api/boards'),
      bea.client.get('/api/session'),
      bea.client.get('/api/my-invitations'),
      bea.client.get(`/api/boards/${bea.boardId}`),
      bea.client.get(`/api/boards/${bea.boardId}/officers`),
      bea.client.get(`/api/boards/${bea.boardId}/audit`),
      bea.client.get(`/api/boards/${bea.boardId}/participants`),
      bea.client.get(`/api/boards/${bea.boardId}/confidential-notes`),
      bea.client.get(`/api/boards/${boardA.id}`),
      bea.client.get(`/api/boards/${boardA.id}/officers`),
      bea.client.get(`/api/boards/${boardA.id}/audit`),
    ]);
    for (const read of readsOfBea) expect(read.status).toBeLessThan(500);
    // Bea typed Priya's address herself in her invitation; it must come back only there, never from Priya's account.
    const officersOfB = readsOfBea[4]!;
    expect(officersOfB.body.officers.map((officer: { email: string }) => officer.email)).toEqual([BEA.email]);
    for (const [index, read] of readsOfBea.entries()) {
      if (index === 4 || index === 5) continue;
      expect(read.text, `read ${index}`).not.toContain(FIRST_OFFICER.email);
    }
    // In board B's audit Priya appears by name (she invited Bea and left), never by address.
    const auditOfB = readsOfBea[5]!;
    expect(auditOfB.text).toContain(FIRST_OFFICER.name);
    const auditWithoutBeasOwnInvitation = (auditOfB.body.changes as OfficerChangeView[]).filter(
      (change) => !(change.subject.kind === 'invitation' && change.subject.email === FIRST_OFFICER.email),
    );
    expect(JSON.stringify(auditWithoutBeasOwnInvitation)).not.toContain(FIRST_OFFICER.email);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EVENT_CODE_LOOKUPS_PER_WINDOW } from '../../shared/limits.js';
import type { BoardView, InviteLinkView } from '../../shared/protocol/api.js';
import { newBrowserClient, tokenFromUrl, waitFor, type BrowserClient } from '../helpers/http.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';
import {
  BOARD_INPUT,
  createBoard,
  createInviteLink,
  expectError,
  expectStatus,
  fieldsOf,
  joinBoard,
  setUpFirstOfficer,
} from './scenario.js';

let server: TestServer;
let officer: BrowserClient;
let board: BoardView;
let participantLink: InviteLinkView;

beforeEach(async () => {
  server = await startTestServer();
  officer = await setUpFirstOfficer(server);
  ({ board, participantLink } = await createBoard(officer));
});

afterEach(async () => {
  await server.remove();
});

const SUPPLIER = { name: 'Sam Jones', organisation: 'Acme Library Systems Ltd' };

function joinPath(link: InviteLinkView): string {
  return `/api/join/${tokenFromUrl(link.url)}`;
}

describe('joining a board by invite link', () => {
  it('shows the board title and fair-engagement notice before joining', async () => {
    const visitor = await newBrowserClient(server.url);

    const response = await visitor.get(joinPath(participantLink));

    expectStatus(response, 200);
    expect(response.body).toEqual({
      board: { title: BOARD_INPUT.title, summary: BOARD_INPUT.summary, notice: BOARD_INPUT.notice },
      role: 'participant',
    });
    // Looking at the page does not join anyone.
    expect((await visitor.get('/api/session')).body.session).toBeNull();
  });

  it('a supplier who accepts the notice joins as a participant under their own name', async () => {
    const supplier = await newBrowserClient(server.url);

    const joined = await supplier.post(joinPath(participantLink), { ...SUPPLIER, acceptNotice: true });

    expectStatus(joined, 201);
    expect(joined.body.session).toMatchObject({ kind: 'participant', participant: { ...SUPPLIER, boardId: board.id } });
    const session = await supplier.get('/api/session');
    expect(session.body.session).toMatchObject({ kind: 'participant', participant: { name: SUPPLIER.name, boardId: board.id } });
    const read = await supplier.get(`/api/boards/${board.id}`);
    expectStatus(read, 200);
    expect(read.body.board).toMatchObject({ id: board.id, title: BOARD_INPUT.title, notice: BOARD_INPUT.notice });
    expect(read.body.viewer).toEqual({ role: 'participant', canEdit: true, ...SUPPLIER });
  });

  it('someone joining by an observer link can look but not edit', async () => {
    const observerLink = await createInviteLink(officer, board.id, { role: 'observer' });
    expect(observerLink.code).toBeNull();
    const info = await (await newBrowserClient(server.url)).get(joinPath(observerLink));
    expect(info.body.role).toBe('observer');

    const observer = await joinBoard(server.url, observerLink, { name: 'Olu Adeyemi', organisation: 'Internal Audit' });

    expect((await observer.get('/api/session')).body.session).toMatchObject({ kind: 'observer', participant: { name: 'Olu Adeyemi' } });
    const read = await observer.get(`/api/boards/${board.id}`);
    expectStatus(read, 200);
    expect(read.body.viewer).toEqual({ role: 'observer', canEdit: false, name: 'Olu Adeyemi', organisation: 'Internal Audit' });
  });

  it('refuses to join without accepting the notice, and says which field is wrong', async () => {
    const supplier = await newBrowserClient(server.url);

    for (const body of [
      { ...SUPPLIER, acceptNotice: false },
      { ...SUPPLIER },
      { ...SUPPLIER, acceptNotice: 'yes' },
    ]) {
      const response = await supplier.post(joinPath(participantLink), body);
      expectError(response, 400, 'invalid-input');
      expect(fieldsOf(response), JSON.stringify(body)).toEqual(['acceptNotice']);
    }
    expect(supplier.cookie('oiw_session')).toBeUndefined();
    expect((await supplier.get('/api/session')).body.session).toBeNull();
  });

  it('names every missing field when the form is sent empty', async () => {
    const supplier = await newBrowserClient(server.url);

    const response = await supplier.post(joinPath(participantLink), {});

    expectError(response, 400, 'invalid-input');
    expect(fieldsOf(response).sort()).toEqual(['acceptNotice', 'name', 'organisation']);
  });

  it('says a made-up invite link is not valid', async () => {
    const visitor = await newBrowserClient(server.url);
    const madeUp = `/api/join/${'x'.repeat(43)}`;

    expectError(await visitor.get(madeUp), 404, 'not-found');
    expectError(await visitor.post(madeUp, { ...SUPPLIER, acceptNotice: true }), 404, 'not-found');
    expectError(await visitor.get('/api/join/short'), 404, 'not-found');
  });
});

describe('guessing event codes', () => {
  it('one browser is held back after many wrong codes', async () => {
    const guesser = await newBrowserClient(server.url);
    const guesses = Array.from({ length: EVENT_CODE_LOOKUPS_PER_WINDOW + 1 }, (_, index) => `ZZZ-${String(index).padStart(4, '0')}`)
      .filter((code) => code !== participantLink.code)
      .slice(0, EVENT_CODE_LOOKUPS_PER_WINDOW);
    for (const code of guesses) {
      expectError(await guesser.post('/api/event-codes', { code }), 404, 'not-found');
    }

    // Even the right code is refused for this browser now…
    expectError(await guesser.post('/api/event-codes', { code: participantLink.code }), 429, 'rate-limited');
    // …but another phone in the same room still gets in.
    const neighbour = await newBrowserClient(server.url);
    expectStatus(await neighbour.post('/api/event-codes', { code: participantLink.code }), 200);
  });
});

describe('links that no longer work', () => {
  it('a revoked link and its event code say the link was withdrawn', async () => {
    const revoked = await officer.post(`/api/boards/${board.id}/invite-links/${participantLink.id}/revoke`);
    expectStatus(revoked, 200);
    expect(revoked.body.link).toMatchObject({ id: participantLink.id, status: 'revoked' });
    expect(revoked.body.link.revokedAt).not.toBeNull();
    const visitor = await newBrowserClient(server.url);

    expectError(await visitor.get(joinPath(participantLink)), 410, 'link-revoked');
    expectError(await visitor.post(joinPath(participantLink), { ...SUPPLIER, acceptNotice: true }), 410, 'link-revoked');
    expectError(await visitor.post('/api/event-codes', { code: participantLink.code }), 410, 'link-revoked');
    expect((await visitor.get('/api/session')).body.session).toBeNull();
    const links = await officer.get(`/api/boards/${board.id}/invite-links`);
    expect(links.body.links).toEqual([expect.objectContaining({ id: participantLink.id, status: 'revoked' })]);
  });

  it('revoking one link leaves the board’s other links working', async () => {
    const secondLink = await createInviteLink(officer, board.id, { role: 'participant' });
    expect(secondLink.code).not.toBe(participantLink.code);

    expectStatus(await officer.post(`/api/boards/${board.id}/invite-links/${participantLink.id}/revoke`), 200);

    await joinBoard(server.url, secondLink);
    const visitor = await newBrowserClient(server.url);
    expectStatus(await visitor.post('/api/event-codes', { code: secondLink.code }), 200);
  });

  it('revoking a link twice keeps the first revocation, and a link cannot be revoked through another board', async () => {
    const { board: otherBoard } = await createBoard(officer, { ...BOARD_INPUT, title: 'Another board' });

    const throughOtherBoard = await officer.post(`/api/boards/${otherBoard.id}/invite-links/${participantLink.id}/revoke`);
    expectError(throughOtherBoard, 404, 'not-found');
    expectStatus(await (await newBrowserClient(server.url)).get(joinPath(participantLink)), 200);

    const first = await officer.post(`/api/boards/${board.id}/invite-links/${participantLink.id}/revoke`);
    const second = await officer.post(`/api/boards/${board.id}/invite-links/${participantLink.id}/revoke`);
    expectStatus(first, 200);
    expectStatus(second, 200);
    expect(second.body.link).toMatchObject({ status: 'revoked', revokedAt: first.body.link.revokedAt });
  });

  it('refuses to create a link that has already expired', async () => {
    const past = new Date(Date.now() - 60_000).toISOString();

    const response = await officer.post(`/api/boards/${board.id}/invite-links`, { role: 'participant', expiresAt: past });

    expectError(response, 400, 'invalid-input');
    expect(fieldsOf(response)).toEqual(['expiresAt']);
    const links = await officer.get(`/api/boards/${board.id}/invite-links`);
    expect(links.body.links).toHaveLength(1);
  });

  it('a link stops working when it expires', async () => {
    const expiresAtMs = Date.now() + 1_500;
    const link = await createInviteLink(officer, board.id, { role: 'participant', expiresAt: new Date(expiresAtMs).toISOString() });
    expect(link.status).toBe('active');
    expect(Date.parse(link.expiresAt ?? '')).toBe(expiresAtMs);
    const visitor = await newBrowserClient(server.url);
    expectStatus(await visitor.get(joinPath(link)), 200);

    await waitFor(async () => (await visitor.get(joinPath(link))).status !== 200, { timeoutMs: 10_000, intervalMs: 100 });

    expect(Date.now()).toBeGreaterThanOrEqual(expiresAtMs);
    expectError(await visitor.get(joinPath(link)), 410, 'link-expired');
    expectError(await visitor.post(joinPath(link), { ...SUPPLIER, acceptNotice: true }), 410, 'link-expired');
    expectError(await visitor.post('/api/event-codes', { code: link.code }), 410, 'link-expired');
    const links = await officer.get(`/api/boards/${board.id}/invite-links`);
    expect(links.body.links.find((entry: InviteLinkView) => entry.id === link.id)).toMatchObject({ status: 'expired' });
  });
});

describe('archived boards', () => {
  it('nobody can join an archived board until it is restored', async () => {
    const archived = await officer.post(`/api/boards/${board.id}/archive`);
    expectStatus(archived, 200);
    expect(archived.body.board.status).toBe('archived');
    const visitor = await newBrowserClient(server.url);

    expectError(await visitor.get(joinPath(participantLink)), 410, 'board-archived');
    expectError(await visitor.post(joinPath(participantLink), { ...SUPPLIER, acceptNotice: true }), 410, 'board-archived');
    expectError(await visitor.post('/api/event-codes', { code: participantLink.code }), 410, 'board-archived');
    expect((await visitor.get('/api/session')).body.session).toBeNull();

    const restored = await officer.post(`/api/boards/${board.id}/restore`);
    expectStatus(restored, 200);
    expect(restored.body.board.status).toBe('open');

    expectStatus(await visitor.get(joinPath(participantLink)), 200);
    expectStatus(await visitor.post(joinPath(participantLink), { ...SUPPLIER, acceptNotice: true }), 201);
    expect((await visitor.get(`/api/boards/${board.id}`)).body.viewer).toMatchObject({ role: 'participant', canEdit: true });
  });

  it('people already on an archived board can read it but no longer edit', async () => {
    const supplier = await joinBoard(server.url, participantLink, SUPPLIER);

    expectStatus(await officer.post(`/api/boards/${board.id}/archive`), 200);

    const asSupplier = await supplier.get(`/api/boards/${board.id}`);
    expectStatus(asSupplier, 200);
    expect(asSupplier.body.board.status).toBe('archived');
    expect(asSupplier.body.viewer).toMatchObject({ role: 'participant', canEdit: false });
    const asOfficer = await officer.get(`/api/boards/${board.id}`);
    expect(asOfficer.body.viewer).toMatchObject({ role: 'officer', canEdit: false });
  });
});

/**
 * Issue 14: the room screen's invitation (`GET /api/boards/:id/room-invite` and its QR code). Officers and
 * observers of the board read the newest active participant link; participants get 403, people of other
 * boards 404, nobody signed in 401; a newer link replaces the old one, and none is shown once revoked.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newBrowserClient, type BrowserClient } from '../helpers/http.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';
import { createBoard, createInviteLink, expectError, expectStatus, joinBoard, setUpFirstOfficer } from './scenario.js';

let server: TestServer;
let officer: BrowserClient;

beforeEach(async () => {
  server = await startTestServer();
  officer = await setUpFirstOfficer(server);
});

afterEach(async () => {
  await server.remove();
});

const OTHER_BOARD = { title: 'Highways winter maintenance', summary: 'Gritting routes.', notice: 'Posts are visible to every supplier.' };

describe('[#14.room] the room screen’s invitation', () => {
  it('[#14.room] officers and observers read the newest active participant link and its QR code; others cannot', async () => {
    const { board, participantLink } = await createBoard(officer);
    const observer = await joinBoard(server.url, await createInviteLink(officer, board.id, { role: 'observer' }), { name: 'Jo Watts', organisation: 'Audit' });
    const participant = await joinBoard(server.url, participantLink);
    const { participantLink: otherLink } = await createBoard(officer, OTHER_BOARD);
    const outsider = await joinBoard(server.url, await createInviteLink(officer, (await createBoard(officer, { ...OTHER_BOARD, title: 'Third board' })).board.id, { role: 'observer' }));
    expect(otherLink.code).not.toBe(participantLink.code);

    for (const client of [officer, observer]) {
      const answer = await client.get(`/api/boards/${board.id}/room-invite`);
      expectStatus(answer, 200);
      expect(answer.body.invite).toEqual({ code: participantLink.code, url: participantLink.url, qrCodePath: `/api/boards/${board.id}/room-invite/qr.svg` });
      const qr = await client.get(`/api/boards/${board.id}/room-invite/qr.svg`);
      expectStatus(qr, 200);
      expect(qr.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    }
    expectError(await participant.get(`/api/boards/${board.id}/room-invite`), 403, 'forbidden');
    expectError(await participant.get(`/api/boards/${board.id}/room-invite/qr.svg`), 403, 'forbidden');
    expectError(await outsider.get(`/api/boards/${board.id}/room-invite`), 404, 'not-found');
    expectError(await (await newBrowserClient(server.url)).get(`/api/boards/${board.id}/room-invite`), 401, 'unauthenticated');
    expectError(await officer.get(`/api/boards/${encodeURIComponent("1' OR '1'='1")}/room-invite`), 400, 'invalid-input');

    // A newer participant link takes over; once every participant link is revoked there is none to show.
    const newer = await createInviteLink(officer, board.id, { role: 'participant' });
    expect((await observer.get(`/api/boards/${board.id}/room-invite`)).body.invite.code).toBe(newer.code);
    for (const link of [participantLink, newer]) expectStatus(await officer.post(`/api/boards/${board.id}/invite-links/${link.id}/revoke`), 200);
    expect((await observer.get(`/api/boards/${board.id}/room-invite`)).body).toEqual({ invite: null });
    expectError(await observer.get(`/api/boards/${board.id}/room-invite/qr.svg`), 404, 'not-found');
  });
});

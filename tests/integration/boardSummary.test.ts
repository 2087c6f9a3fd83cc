/**
 * Issue 14: the officers' dashboard reads each board at a glance from `GET /api/boards/:id/summary`: its event
 * code (and the link behind it, for the QR screen), phase, people on its live wall now, and ideas on the wall.
 * Officers of the board only: participants and observers 403, no such board (or a malformed id) 404, nobody signed in 401.
 * Real server, real stock y-websocket clients; the counts follow people arriving and leaving, and the ideas
 * count survives the board being unloaded (read from the stored wall).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDraftNote } from '../../shared/schema/draftNotes.js';
import { addProblem } from '../../shared/schema/problems.js';
import { newBrowserClient } from '../helpers/http.js';
import { boardWithPeople, connectDevice, Disposables, rooms, type BoardWithPeople } from '../helpers/liveBoard.js';
import { waitFor } from '../helpers/liveClients.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';
import { createBoard, createInviteLink, expectError, expectStatus, joinBoard } from './scenario.js';

let server: TestServer;
let board: BoardWithPeople;
const open = new Disposables();

beforeEach(async () => {
  // Unload idle boards quickly, to see the ideas count read from the store.
  server = await startTestServer({ unloadAfterIdleMs: 200 });
  board = await boardWithPeople(server, { supplierCount: 2, withObserver: true });
});

afterEach(async () => {
  await open.disposeAll();
  await server.remove();
});

async function summaryOf(boardId = board.boardId) {
  const answer = await board.officer.client.get(`/api/boards/${boardId}/summary`);
  expectStatus(answer, 200);
  return answer.body as { eventCode: string | null; inviteLinkId: string | null; phase: string; peopleNow: number; ideas: number };
}

describe('[#14.dashboard] a board at a glance for its officers', () => {
  it('[#14.dashboard] gives the event code, phase, people here now and ideas, following the live wall', async () => {
    const { boardId, participantLink, officer, suppliers } = board;
    expect(await summaryOf()).toEqual({ eventCode: participantLink.code, inviteLinkId: participantLink.id, phase: 'open', peopleNow: 0, ideas: 0 });

    // The officer writes a problem; two suppliers open the wall (one of them on two devices: one person).
    const brief = open.add(await connectDevice(server.url, rooms.brief(boardId), officer.client), (device) => device.destroy());
    const problemId = addProblem(brief.doc, { title: 'Repairs need second visits' });
    const [first, second] = suppliers;
    if (!first || !second) throw new Error('two suppliers expected');
    const walls = [];
    for (const person of [first, first, second]) {
      walls.push(open.add(await connectDevice(server.url, rooms.wall(boardId), person.client), (device) => device.destroy()));
    }
    await waitFor(async () => (await summaryOf()).peopleNow === 2, { what: 'two people here (a second device counts once)' });

    const draft = open.add(await connectDevice(server.url, rooms.draft(boardId, first.personId), first.client), (device) => device.destroy());
    addDraftNote(draft.doc, { text: 'Let tenants send a photo', colour: 'yellow', targetId: problemId });
    addDraftNote(draft.doc, { text: 'Book the second visit at the first', colour: 'green', targetId: problemId });
    await waitFor(async () => (await summaryOf()).ideas === 2, { what: 'two ideas counted' });

    // The second supplier leaves: one person here.
    walls[2]?.destroy();
    await waitFor(async () => (await summaryOf()).peopleNow === 1, { what: 'one person left' });

    // Everyone leaves and the board unloads: nobody is here, and the ideas are read from the stored wall.
    await open.disposeAll();
    await waitFor(async () => (await summaryOf()).peopleNow === 0, { what: 'nobody here' });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await summaryOf()).toMatchObject({ peopleNow: 0, ideas: 2, eventCode: participantLink.code });
  });

  it('[#14.dashboard] follows the newest active participant link, and has none once all are revoked', async () => {
    const { boardId, participantLink, officer } = board;
    const observerLink = await createInviteLink(officer.client, boardId, { role: 'observer' });
    const newer = await createInviteLink(officer.client, boardId, { role: 'participant' });
    expect(await summaryOf()).toMatchObject({ eventCode: newer.code, inviteLinkId: newer.id });
    for (const link of [participantLink, newer]) expectStatus(await officer.client.post(`/api/boards/${boardId}/invite-links/${link.id}/revoke`), 200);
    expect(observerLink.code).toBeNull();
    expect(await summaryOf()).toMatchObject({ eventCode: null, inviteLinkId: null });
  });

  it('[#14.dashboard] is for the board’s officers only: 403 for participants and observers, 404 for no such board or a malformed id, 401', async () => {
    const { boardId, suppliers, observer } = board;
    for (const client of [suppliers[0]?.client, observer?.client]) {
      if (!client) throw new Error('a participant and an observer expected');
      expectError(await client.get(`/api/boards/${boardId}/summary`), 403, 'forbidden');
    }
    // Someone on another board is not an officer either (403); a board that does not exist is 404.
    const { board: otherBoard, participantLink: otherLink } = await createBoard(board.officer.client, {
      title: 'Highways winter maintenance',
      summary: 'Gritting routes.',
      notice: 'Posts are visible to every supplier.',
    });
    const outsider = await joinBoard(server.url, otherLink, { name: 'Out Sider', organisation: 'Elsewhere Ltd' });
    expectError(await outsider.get(`/api/boards/${boardId}/summary`), 403, 'forbidden');
    expectError(await board.officer.client.get(`/api/boards/${'a'.repeat(22)}/summary`), 404, 'not-found');
    for (const bad of ["1' OR '1'='1", 'nope', '..%2F..%2Fetc', 'x'.repeat(41)]) {
      expectError(await board.officer.client.get(`/api/boards/${encodeURIComponent(bad)}/summary`), 404, 'not-found');
    }
    expectError(await (await newBrowserClient(server.url)).get(`/api/boards/${boardId}/summary`), 401, 'unauthenticated');
    expect((await summaryOf(otherBoard.id)).eventCode).toBe(otherLink.code);
  });
});

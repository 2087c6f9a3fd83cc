/**
 * Issue 10, items 3, 4, 5 (officer side) and 9: removal is a ban, identity at join, burst removal, and hidden
 * characters never reaching the wall. Real server, real SQLite, real HTTP and websocket clients.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_PARTICIPANTS_PER_REMOVAL } from '../../shared/limits.js';
import type { InviteLinkView, ParticipantView } from '../../shared/protocol/api.js';
import { addDraftNote } from '../../shared/schema/draftNotes.js';
import { addProblem } from '../../shared/schema/problems.js';
import { readWall } from '../../shared/schema/wall.js';
import { newBrowserClient, tokenFromUrl, type ApiResponse, type BrowserClient } from '../helpers/http.js';
import { Disposables, listenForNoteStatus, personIdOf, rooms } from '../helpers/liveBoard.js';
import { connectProvider, connectRaw, waitFor } from '../helpers/liveClients.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';
import { createBoard, createInviteLink, expectError, expectStatus, fieldsOf, joinBoard, setUpFirstOfficer } from './scenario.js';

const REMOVED_MESSAGE = 'You have been removed from this board. Contact the council if you think this is a mistake.';
const ALICE = { name: 'Alice Supplier', organisation: 'Acme Ltd' };

let server: TestServer;
let officer: BrowserClient;
let boardId: string;
let link: InviteLinkView;
const open = new Disposables();

beforeEach(async () => {
  server = await startTestServer();
  officer = await setUpFirstOfficer(server);
  const created = await createBoard(officer);
  boardId = created.board.id;
  link = created.participantLink;
});

afterEach(async () => {
  await open.disposeAll();
  await server.remove();
});

function joinPath(target: InviteLinkView): string {
  return `/api/join/${tokenFromUrl(target.url)}`;
}

/** A join attempt from `client` (a browser that keeps its cookies), answered as it is. */
function tryJoin(client: BrowserClient, person: { name: string; organisation: string; email?: string }, target = link): Promise<ApiResponse> {
  return client.post(joinPath(target), { ...person, acceptNotice: true });
}

async function participants(): Promise<ParticipantView[]> {
  const listed = await officer.get(`/api/boards/${boardId}/participants`);
  expectStatus(listed, 200);
  return listed.body.participants as ParticipantView[];
}

async function removeOne(participantId: string): Promise<void> {
  expectStatus(await officer.post(`/api/boards/${boardId}/participants/${participantId}/remove`, {}), 200);
}

function expectRemovedFromBoard(response: ApiResponse): void {
  expectError(response, 403, 'removed-from-board');
  expect(response.body.error.message).toBe(REMOVED_MESSAGE);
}

describe('[#10.3] removal bars the person from the board', () => {
  it('[#10.3] a removed participant cannot rejoin from the same browser, by any link of the board, even under other details', async () => {
    const browser = await newBrowserClient(server.url);
    expectStatus(await tryJoin(browser, ALICE), 201);
    expect(browser.lastSetCookies.some((line) => /^oiw_browser=.*HttpOnly/i.test(line))).toBe(true);
    await removeOne(await personIdOf(browser, boardId));

    // The join page says so before the form is filled in, and joining is refused under any name.
    expectRemovedFromBoard(await browser.get(joinPath(link)));
    expectRemovedFromBoard(await tryJoin(browser, ALICE));
    expectRemovedFromBoard(await tryJoin(browser, { name: 'Bob Newname', organisation: 'Other Co' }));
    const secondLink = await createInviteLink(officer, boardId, { role: 'participant' });
    const observerLink = await createInviteLink(officer, boardId, { role: 'observer' });
    expectRemovedFromBoard(await tryJoin(browser, { name: 'Bob Newname', organisation: 'Other Co' }, secondLink));
    expectRemovedFromBoard(await tryJoin(browser, { name: 'Bob Newname', organisation: 'Other Co' }, observerLink));
    expect((await participants()).filter((person) => person.removedAt === null)).toHaveLength(0);

    // The bar is for this board only.
    const other = await createBoard(officer, { title: 'Another board', summary: '', notice: 'Shared with all.' });
    expectStatus(await tryJoin(browser, ALICE, other.participantLink), 201);
  });

  it('[#10.3] a removed participant cannot rejoin from a fresh browser with the same details, a look-alike of them, or the same email', async () => {
    const first = await newBrowserClient(server.url);
    expectStatus(await tryJoin(first, { ...ALICE, email: 'alice@acme.example' }), 201);
    await removeOne(await personIdOf(first, boardId));

    expectRemovedFromBoard(await tryJoin(await newBrowserClient(server.url), ALICE));
    expectRemovedFromBoard(await tryJoin(await newBrowserClient(server.url), { name: '\u0410lice  supplier', organisation: 'ACME Ltd.' }));
    expectRemovedFromBoard(
      await tryJoin(await newBrowserClient(server.url), { name: 'A. Nother', organisation: 'Shell Co', email: 'Alice@Acme.example' }),
    );
    // Someone else entirely, on a fresh browser, still joins.
    expectStatus(await tryJoin(await newBrowserClient(server.url), { name: 'Bea Honest', organisation: 'Fair Ltd' }), 201);
  });

  it('[#10.3] an officer lets a removed participant back in, and they can join again', async () => {
    const browser = await newBrowserClient(server.url);
    expectStatus(await tryJoin(browser, ALICE), 201);
    const firstId = await personIdOf(browser, boardId);
    await removeOne(firstId);
    const listed = (await participants()).find((person) => person.id === firstId);
    expect(listed).toMatchObject({ isBarred: true, letBackInAt: null });
    expect(listed?.removedAt).not.toBeNull();

    const supplier = await joinBoard(server.url, link, { name: 'Sam Jones', organisation: 'Other Ltd' });
    expectError(await supplier.post(`/api/boards/${boardId}/participants/${firstId}/let-back-in`, {}), 403, 'forbidden');
    const letIn = await officer.post(`/api/boards/${boardId}/participants/${firstId}/let-back-in`, {});
    expectStatus(letIn, 200);
    expect(typeof letIn.body.participant.letBackInAt).toBe('string');
    expect((await participants()).find((person) => person.id === firstId)).toMatchObject({ isBarred: false });

    expectStatus(await browser.get(joinPath(link)), 200);
    const rejoined = await tryJoin(browser, ALICE);
    expectStatus(rejoined, 201);
    expect(await personIdOf(browser, boardId)).not.toBe(firstId);
    // Someone who was never removed cannot be "let back in".
    expectError(await officer.post(`/api/boards/${boardId}/participants/${await personIdOf(supplier, boardId)}/let-back-in`, {}), 404, 'not-found');
  });
});

describe('[#10.4] identity at join', () => {
  it('[#10.4] a second person with the same name and organisation, or a look-alike of them, is refused with a clear message', async () => {
    expectStatus(await tryJoin(await newBrowserClient(server.url), ALICE), 201);
    for (const copy of [
      ALICE,
      { name: 'alice  SUPPLIER', organisation: 'Acme Ltd.' },
      { name: '\u0410lice Supplier', organisation: 'Acme Ltd' }, // Cyrillic А
      { name: 'Alice Supplier', organisation: '\u0391cme Ltd' }, // Greek Α
      { name: 'AIice Supplier', organisation: 'Acme Ltd' }, // capital I for l
    ]) {
      const refused = await tryJoin(await newBrowserClient(server.url), copy);
      expectError(refused, 409, 'conflict');
      expect(refused.body.error.message).toContain('Someone has already joined as Alice Supplier from Acme Ltd');
      expect(fieldsOf(refused)).toEqual(['name']);
    }
    expect(await participants()).toHaveLength(1);
    // Telling oneself apart is enough.
    expectStatus(await tryJoin(await newBrowserClient(server.url), { name: 'Alice Supplier (sales)', organisation: 'Acme Ltd' }), 201);
  });

  it('[#10.4] five browsers joining at the same instant with the same details: exactly one gets in', async () => {
    const browsers = await Promise.all(Array.from({ length: 5 }, () => newBrowserClient(server.url)));
    const answers = await Promise.all(browsers.map((browser, index) => tryJoin(browser, index % 2 === 0 ? ALICE : { name: '\u0410lice Supplier', organisation: 'Acme Ltd' })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(await participants()).toHaveLength(1);
  });

  it('[#10.4] the same browser joining again with the same details is the same person, not a second one', async () => {
    const browser = await newBrowserClient(server.url);
    expectStatus(await tryJoin(browser, ALICE), 201);
    const personId = await personIdOf(browser, boardId);
    const again = await tryJoin(browser, ALICE);
    expectStatus(again, 200);
    expect(again.body.session.participant.id).toBe(personId);
    expect(await participants()).toHaveLength(1);
  });

  it('[#10.4] someone whose link was revoked can join again under the same details by a new link', async () => {
    const browser = await newBrowserClient(server.url);
    expectStatus(await tryJoin(browser, ALICE), 201);
    const firstId = await personIdOf(browser, boardId);
    expectStatus(await officer.post(`/api/boards/${boardId}/invite-links/${link.id}/revoke`, {}), 200);
    const newLink = await createInviteLink(officer, boardId, { role: 'participant' });
    const rejoined = await tryJoin(browser, ALICE, newLink);
    expectStatus(rejoined, 201);
    expect(rejoined.body.session.participant.id).not.toBe(firstId);
    expectStatus(await browser.get(`/api/boards/${boardId}`), 200);
  });

  it.each([
    { name: 'Olive Officer (council officer)', organisation: 'Acme Ltd' },
    { name: 'Olive (0fficer)', organisation: 'Acme Ltd' },
    { name: 'Mod Erator', organisation: 'Board moderator' },
    { name: 'Sam Admin', organisation: 'Acme Ltd' },
    { name: 'Olive Oyl', organisation: 'Council Officer' },
  ])('[#10.4] a name or organisation claiming an officer role is refused: $name, $organisation', async (person) => {
    const refused = await tryJoin(await newBrowserClient(server.url), person);
    expectError(refused, 400, 'invalid-input');
    expect(refused.body.error.message).toMatch(/must not include ‘(officer|moderator|admin)’/);
    expect(fieldsOf(refused).length).toBeGreaterThan(0);
    expect(await participants()).toHaveLength(0);
  });

  it('[#10.4] officers see each person’s join time and the link they joined by', async () => {
    const observerLink = await createInviteLink(officer, boardId, { role: 'observer' });
    const before = Date.now();
    const supplier = await joinBoard(server.url, link, ALICE);
    const observer = await joinBoard(server.url, observerLink, { name: 'Olu Watcher', organisation: 'Audit Office' });
    const listed = await participants();
    const supplierView = listed.find((person) => person.name === ALICE.name);
    const observerView = listed.find((person) => person.name === 'Olu Watcher');
    expect(supplierView?.id).toBe(await personIdOf(supplier, boardId));
    expect(observerView?.id).toBe(await personIdOf(observer, boardId));
    expect(Date.parse(supplierView?.joinedAt ?? '')).toBeGreaterThanOrEqual(before - 1_000);
    expect(supplierView?.joinedVia).toEqual({ linkId: link.id, role: 'participant', code: link.code, createdAt: link.createdAt });
    expect(observerView?.joinedVia).toMatchObject({ linkId: observerLink.id, role: 'observer', code: null });
  });

  it('[#10.4] a board can ask everyone for their email at join; only its officers can turn that on', async () => {
    const supplier = await joinBoard(server.url, link, ALICE);
    expectError(await supplier.patch(`/api/boards/${boardId}`, { requiresEmail: true }), 403, 'forbidden');
    expect((await officer.get(`/api/boards/${boardId}`)).body.board.requiresEmail ?? false).toBe(false);

    const turnedOn = await officer.patch(`/api/boards/${boardId}`, { requiresEmail: true });
    expectStatus(turnedOn, 200);
    expect(turnedOn.body.board.requiresEmail).toBe(true);
    expect((await (await newBrowserClient(server.url)).get(joinPath(link))).body.requiresEmail).toBe(true);

    const withoutEmail = await tryJoin(await newBrowserClient(server.url), { name: 'Bea Honest', organisation: 'Fair Ltd' });
    expectError(withoutEmail, 400, 'invalid-input');
    expect(fieldsOf(withoutEmail)).toEqual(['email']);
    const badEmail = await tryJoin(await newBrowserClient(server.url), { name: 'Bea Honest', organisation: 'Fair Ltd', email: 'not an email' });
    expectError(badEmail, 400, 'invalid-input');
    const withEmail = await tryJoin(await newBrowserClient(server.url), { name: 'Bea Honest', organisation: 'Fair Ltd', email: 'bea@fair.example' });
    expectStatus(withEmail, 201);
    expect((await participants()).find((person) => person.name === 'Bea Honest')?.email).toBe('bea@fair.example');

    expectStatus(await officer.patch(`/api/boards/${boardId}`, { requiresEmail: false }), 200);
    expectStatus(await tryJoin(await newBrowserClient(server.url), { name: 'Cy Later', organisation: 'Fair Ltd' }), 201);
  });

  it('[#10.4] the wall stamps an officer’s role from their account; a participant’s is always participant', async () => {
    const supplier = await joinBoard(server.url, link, ALICE);
    const brief = open.add(await connectProvider(server.url, rooms.brief(boardId), officer), (live) => live.destroy());
    const problemId = addProblem(brief.doc, { title: 'A problem' });
    const officerDraft = open.add(await connectProvider(server.url, rooms.draft(boardId, await personIdOf(officer, boardId)), officer), (live) => live.destroy());
    const supplierDraft = open.add(await connectProvider(server.url, rooms.draft(boardId, await personIdOf(supplier, boardId)), supplier), (live) => live.destroy());
    const wall = open.add(await connectProvider(server.url, rooms.wall(boardId), supplier), (live) => live.destroy());
    addDraftNote(officerDraft.doc, { text: 'From the council', targetId: problemId });
    addDraftNote(supplierDraft.doc, { text: 'From a supplier', targetId: problemId });
    await waitFor(() => (readWall(wall.doc).notesByTarget.get(problemId)?.length ?? 0) === 2, { what: 'both notes on the wall' });
    const notes = readWall(wall.doc).notesByTarget.get(problemId) ?? [];
    expect(notes.find((note) => note.text === 'From the council')?.authorRole).toBe('officer');
    expect(notes.find((note) => note.text === 'From a supplier')).toMatchObject({ authorRole: 'participant', authorName: ALICE.name });
  });
});

describe('[#10.5] officers remove a burst of joins at once', () => {
  it('[#10.5] a burst of joins is listed with times, removed in one call, each barred and disconnected', async () => {
    const honest = await joinBoard(server.url, link, { name: 'Bea Honest', organisation: 'Fair Ltd' });
    // The burst starts on a later millisecond than the honest join (same clock as the server's stamps).
    const burstStartedAt = Date.now() + 1;
    while (Date.now() < burstStartedAt) await new Promise((resolve) => setImmediate(resolve));
    const bots = await Promise.all(
      Array.from({ length: 12 }, (_, index) => joinBoard(server.url, link, { name: `Seat Filler ${index}`, organisation: 'Script Ltd' })),
    );
    const botIds = await Promise.all(bots.map((bot) => personIdOf(bot, boardId)));
    const sockets = await Promise.all(bots.slice(0, 3).map((bot) => connectRaw(server.url, rooms.wall(boardId), bot)));

    // What the officers' filter does: joined since the burst started, by this link.
    const burst = (await participants()).filter(
      (person) => Date.parse(person.joinedAt) >= burstStartedAt && person.joinedVia?.linkId === link.id && person.removedAt === null,
    );
    expect(burst.map((person) => person.id).sort()).toEqual([...botIds].sort());

    const started = Date.now();
    const removed = await officer.post(`/api/boards/${boardId}/participants/remove`, { participantIds: burst.map((person) => person.id) });
    expectStatus(removed, 200);
    expect(removed.body.removed.map((entry: { id: string }) => entry.id).sort()).toEqual([...botIds].sort());
    const closes = await Promise.all(sockets.map((socket) => socket.closed));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(closes.map((close) => close.code)).toEqual([4410, 4410, 4410]);

    const after = await participants();
    for (const id of botIds) expect(after.find((person) => person.id === id)).toMatchObject({ isBarred: true });
    expect(after.find((person) => person.name === 'Bea Honest')?.removedAt).toBeNull();
    expectStatus(await honest.get(`/api/boards/${boardId}`), 200);
    expectError(await bots[0]!.get(`/api/boards/${boardId}`), 401, 'unauthenticated');
    expectRemovedFromBoard(await tryJoin(bots[1]!, { name: 'Seat Filler 1', organisation: 'Script Ltd' }));
    // Removing them again changes nothing and removes nobody else.
    const again = await officer.post(`/api/boards/${boardId}/participants/remove`, { participantIds: botIds });
    expectStatus(again, 200);
    expect(again.body.removed).toEqual([]);
  });

  it('[#10.5] the list is bounded, checked, and for the board’s officers only', async () => {
    const supplier = await joinBoard(server.url, link, ALICE);
    const supplierId = await personIdOf(supplier, boardId);
    expectError(await supplier.post(`/api/boards/${boardId}/participants/remove`, { participantIds: [supplierId] }), 403, 'forbidden');
    const tooMany = Array.from({ length: MAX_PARTICIPANTS_PER_REMOVAL + 1 }, () => supplierId);
    expectError(await officer.post(`/api/boards/${boardId}/participants/remove`, { participantIds: tooMany }), 400, 'invalid-input');
    expectError(await officer.post(`/api/boards/${boardId}/participants/remove`, { participantIds: [] }), 400, 'invalid-input');
    expectError(await officer.post(`/api/boards/${boardId}/participants/remove`, { participantIds: ['../etc'] }), 400, 'invalid-input');
    expectError(await officer.post(`/api/boards/${boardId}/participants/remove`, {}), 400, 'invalid-input');

    // An officer of another board cannot remove this board's people through their own board.
    const other = await createBoard(officer, { title: 'Another board', summary: '', notice: 'Shared with all.' });
    const viaOther = await officer.post(`/api/boards/${other.board.id}/participants/remove`, { participantIds: [supplierId] });
    expectStatus(viaOther, 200);
    expect(viaOther.body.removed).toEqual([]);
    expectStatus(await supplier.get(`/api/boards/${boardId}`), 200);
  });
});

describe('[#10.9] hidden characters never reach the wall', () => {
  it('[#10.9] a note carrying a zero-width or bidi character is not published and its author is told why', async () => {
    const supplier = await joinBoard(server.url, link, ALICE);
    const supplierId = await personIdOf(supplier, boardId);
    const brief = open.add(await connectProvider(server.url, rooms.brief(boardId), officer), (live) => live.destroy());
    const problemId = addProblem(brief.doc, { title: 'A problem' });
    const status = open.add(await listenForNoteStatus(server.url, supplier, boardId), (listener) => listener.close());
    const draft = open.add(await connectProvider(server.url, rooms.draft(boardId, supplierId), supplier), (live) => live.destroy());
    const wall = open.add(await connectProvider(server.url, rooms.wall(boardId), officer), (live) => live.destroy());

    // Written straight into the Y.Map, as a modified client would: the shared writer refuses these.
    const hiddenTexts = ['pay\u200Bment', 'left\u202Eright', 'a\u2028b', 'word\u2060joiner', 'bom\uFEFF', 'mark\u200F', 'arabic\u061Cmark'];
    const hiddenIds = hiddenTexts.map((text, index) => {
      const noteId = `hiddenNote${String(index).padStart(10, '0')}`;
      const note = new Y.Map<unknown>();
      draft.doc.getMap('notes').set(noteId, note);
      note.set('text', text);
      note.set('colour', 'yellow');
      note.set('targetId', problemId);
      note.set('createdAt', Date.now());
      note.set('visibility', 'public');
      return noteId;
    });
    addDraftNote(draft.doc, { text: 'A clean note', targetId: problemId });

    await waitFor(() => (readWall(wall.doc).notesByTarget.get(problemId)?.length ?? 0) === 1, { what: 'the clean note on the wall' });
    await waitFor(() => hiddenIds.every((noteId) => status.latest()?.notPublished.some((entry) => entry.noteId === noteId)), {
      what: 'the author told about every hidden-character note',
    });
    for (const noteId of hiddenIds) {
      const entry = status.latest()?.notPublished.find((candidate) => candidate.noteId === noteId);
      expect(entry).toMatchObject({ kind: 'refused', rule: 'hidden-characters' });
      expect(entry?.message).toMatch(/hidden character \(.+, U\+[0-9A-F]{4}\)/);
    }
    const wallTexts = [...readWall(wall.doc).notesByTarget.values()].flat().map((note) => note.text);
    expect(wallTexts).toEqual(['A clean note']);
  });
});

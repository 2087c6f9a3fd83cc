/**
 * Anonymous mode (issue 12): the wall and presence sent to participants carry no author names or
 * organisations while the board is anonymous (not hidden by the client: not sent). Checked with raw
 * y-protocols clients that keep every frame they receive: a participant watching when it is switched on,
 * a late joiner, and a joiner after a restart (the stored wall must not replay the names). Officers still
 * see who wrote what through the REST participants list; switching off writes the names back.
 */
import type { Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addDraftNote } from '../../shared/schema/draftNotes.js';
import { ANONYMOUS_FIELD, readAnonymous } from '../../shared/schema/anonymity.js';
import { addProblem } from '../../shared/schema/problems.js';
import { BRIEF_ROOTS } from '../../shared/schema/roots.js';
import { readWallNotes, readWallPeople } from '../../shared/schema/wall.js';
import { newBrowserClient, type BrowserClient } from '../helpers/http.js';
import {
  Disposables,
  awarenessUpdatesOf,
  boardWithPeople,
  connectBoardSocket,
  connectDevice,
  docFromStored,
  rooms,
  withServerRoom,
  type BoardWithPeople,
  type Person,
} from '../helpers/liveBoard.js';
import { connectRaw, docFromMessages, waitFor, type LiveProvider, type RawClient } from '../helpers/liveClients.js';
import { SqliteStore } from '../../server/store/sqlite.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';

const open = new Disposables();
let server: TestServer;
let board: BoardWithPeople;
let problemId: string;

/** The identifying strings of a participant: none may reach another participant while anonymous. */
function identityStrings(person: Person): string[] {
  return [person.name, person.organisation];
}

/** Every frame (from `from` on) holding any of `needles`, as "frame N holds X" lines (empty when none). */
function framesHolding(frames: readonly Uint8Array[], needles: readonly string[], from = 0): string[] {
  const found: string[] = [];
  frames.slice(from).forEach((frame, index) => {
    const bytes = Buffer.from(frame);
    for (const needle of needles) if (bytes.includes(Buffer.from(needle, 'utf8'))) found.push(`frame ${from + index} holds ${JSON.stringify(needle)}`);
  });
  return found;
}

async function device(room: string, client: BrowserClient, url = server.url): Promise<LiveProvider> {
  return open.add(await connectDevice(url, room, client), (live) => live.destroy());
}

/** A raw participant's wall connection that asks for the whole wall and keeps every frame it gets. */
async function rawWall(client: BrowserClient, url = server.url): Promise<RawClient> {
  const raw = open.add(await connectRaw(url, rooms.wall(board.boardId), client), (connection) => connection.close());
  raw.sendSyncStep1(new Y.Doc());
  // Message type 0 (sync), subtype 1 (step 2): the server's answer, the whole wall as it is now.
  await waitFor(() => raw.received.some((frame) => frame[0] === 0 && frame[1] === 1), { what: 'the wall at a raw client' });
  return raw;
}

async function socketOf(client: BrowserClient, url = server.url): Promise<Socket> {
  return open.add(await connectBoardSocket(url, client, board.boardId), (socket) => socket.close());
}

async function setAnonymous(client: BrowserClient, anonymous: boolean): Promise<{ ok: boolean; error?: { code: string } }> {
  const socket = await socketOf(client);
  return (await socket.timeout(5_000).emitWithAck('anonymity-set', { anonymous })) as { ok: boolean; error?: { code: string } };
}

/** Waits until the server applied the mode to its wall and stored everything (compaction included). */
async function settled(isAnonymous: boolean, target: TestServer = server): Promise<void> {
  await withServerRoom(target, board.boardId, async (room) => {
    await waitFor(() => readAnonymous(room.brief.doc) === isAnonymous, { what: 'the mode in the brief' });
    const people = () => readWallPeople(room.wall.doc);
    await waitFor(() => board.suppliers.every((supplier) => people().has(supplier.personId) === !isAnonymous), {
      what: isAnonymous ? 'participants’ names gone from the wall' : 'participants’ names back on the wall',
    });
    await room.settle();
  });
}

/** Each supplier posts one note and it is on the wall with their name (the mode is off). */
async function everySupplierPosts(): Promise<LiveProvider> {
  const officerWall = await device(rooms.wall(board.boardId), board.officer.client);
  for (const [index, supplier] of board.suppliers.entries()) {
    const draft = await device(rooms.draft(board.boardId, supplier.personId), supplier.client);
    addDraftNote(draft.doc, { text: `Idea number ${index + 1} about repairs`, colour: 'yellow', targetId: problemId });
  }
  await waitFor(() => board.suppliers.every((supplier) => readWallPeople(officerWall.doc).has(supplier.personId)), {
    what: 'every supplier’s note and name on the wall',
  });
  return officerWall;
}

/** True once `wall`'s presence shows `person` (the server sent their arrival to that audience). */
function showsPresenceOf(wall: LiveProvider, person: Person): boolean {
  return [...wall.provider.awareness.getStates().values()].some((state) => (state as { user?: { id?: string } }).user?.id === person.personId);
}

beforeEach(async () => {
  server = await startTestServer();
  board = await boardWithPeople(server, { supplierCount: 3 });
  const brief = await device(rooms.brief(board.boardId), board.officer.client);
  problemId = addProblem(brief.doc, { title: 'Repairs need second visits' });
  const supplierBrief = await device(rooms.brief(board.boardId), board.suppliers[0]!.client); // reason: three suppliers
  await waitFor(() => supplierBrief.doc.getMap(BRIEF_ROOTS.problems).size > 0, { what: 'the problem at the server' });
});

afterEach(async () => {
  await open.disposeAll();
  await server.remove();
});

describe('[#12.anonymity] anonymous mode on the wire', () => {
  it('[#12.anonymity] once switched on, no frame a participant receives holds another participant’s name or organisation, nor presence their person id', async () => {
    const [first, second, third] = board.suppliers as [Person, Person, Person];
    const officerWall = await everySupplierPosts();
    // The first supplier is here (presence, sent to both audiences on the same tick, so sent once the
    // officer has it), then the second watches the wall with a raw client.
    await device(rooms.wall(board.boardId), first.client);
    await waitFor(() => showsPresenceOf(officerWall, first), { what: 'the first supplier’s arrival sent' });
    const watcher = await rawWall(second.client);
    await waitFor(() => framesHolding(awarenessUpdatesOf(watcher.received), [first.name]).length > 0, { what: 'the first supplier’s presence before the switch' });

    const from = watcher.received.length;
    expect(await setAnonymous(board.officer.client, true)).toMatchObject({ ok: true });
    await settled(true);

    // After the switch: a new note by the third supplier, and the first supplier comes again on a new tab.
    const thirdDraft = await device(rooms.draft(board.boardId, third.personId), third.client);
    addDraftNote(thirdDraft.doc, { text: 'Posted while anonymous', colour: 'blue', targetId: problemId });
    await device(rooms.wall(board.boardId), first.client);
    await waitFor(() => [...readWallNotes(docFromMessages(watcher.received)).values()].some((note) => note.text === 'Posted while anonymous'), {
      what: 'the anonymous note at the watcher',
    });
    await withServerRoom(server, board.boardId, (room) => room.settle());

    const others = [first, third];
    expect(framesHolding(watcher.received, others.flatMap(identityStrings), from)).toEqual([]);
    const presenceAfter = awarenessUpdatesOf(watcher.received.slice(from));
    expect(presenceAfter.length).toBeGreaterThan(0);
    expect(framesHolding(presenceAfter, others.map((person) => person.personId))).toEqual([]);
    // What the watcher's wall now says: every note, no participant in `people`.
    const seen = docFromMessages(watcher.received);
    expect(readWallNotes(seen).size).toBe(4);
    expect([...readWallPeople(seen).values()].map((person) => person.role)).not.toContain('participant');

    // A late joiner gets every note and nothing that names a participant, in any frame.
    const late = await rawWall(second.client);
    await waitFor(() => readWallNotes(docFromMessages(late.received)).size === 4, { what: 'every note at the late joiner' });
    await waitFor(() => awarenessUpdatesOf(late.received).length > 0, { what: 'presence at the late joiner' });
    expect(framesHolding(late.received, others.flatMap(identityStrings))).toEqual([]);
    expect(framesHolding(awarenessUpdatesOf(late.received), others.map((person) => person.personId))).toEqual([]);
  });

  it('[#12.anonymity] after a restart the stored wall replays no names to a new joiner', async () => {
    await everySupplierPosts();
    expect(await setAnonymous(board.officer.client, true)).toMatchObject({ ok: true });
    await settled(true);
    const names = board.suppliers.flatMap(identityStrings);

    // The stored wall (snapshot and log, through the store's port) holds none of the names.
    const stored = await server.store.loadDocument(rooms.wall(board.boardId));
    expect(framesHolding([...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates], names)).toEqual([]);
    expect(readWallNotes(docFromStored(stored)).size).toBe(3);

    const dataDir = server.dataDir;
    await server.stop();
    const cookies = board.suppliers[1]!.client.cookies(); // reason: three suppliers
    server = await startTestServer({ dataDir });
    const returning = await newBrowserClient(server.url, cookies);
    const late = await rawWall(returning, server.url);
    await waitFor(() => readWallNotes(docFromMessages(late.received)).size === 3, { what: 'every note after the restart' });
    expect(framesHolding(late.received, names)).toEqual([]);
  });

  it('[#12.anonymity] officers still see who wrote each idea (REST participants list), and switching off brings the names back', async () => {
    await everySupplierPosts();
    expect(await setAnonymous(board.officer.client, true)).toMatchObject({ ok: true, anonymous: true, changed: true });
    await settled(true);

    const listed = await board.officer.client.get(`/api/boards/${board.boardId}/participants`);
    expect(listed.status).toBe(200);
    const byId = new Map((listed.body.participants as Array<{ id: string; name: string; organisation: string }>).map((row) => [row.id, row]));
    for (const supplier of board.suppliers) {
      expect(byId.get(supplier.personId)).toMatchObject({ name: supplier.name, organisation: supplier.organisation });
    }
    // The officer's own entry stays on the wall: an officer's note says who in the council wrote it.
    const officerDraft = await device(rooms.draft(board.boardId, board.officer.personId), board.officer.client);
    addDraftNote(officerDraft.doc, { text: 'From the council', colour: 'green', targetId: problemId });
    const watcher = await rawWall(board.suppliers[0]!.client); // reason: three suppliers
    await waitFor(() => readWallPeople(docFromMessages(watcher.received)).has(board.officer.personId), { what: 'the officer on the wall' });

    const from = watcher.received.length;
    expect(await setAnonymous(board.officer.client, false)).toMatchObject({ ok: true, anonymous: false });
    await settled(false);
    await waitFor(() => board.suppliers.every((supplier) => readWallPeople(docFromMessages(watcher.received)).has(supplier.personId)), {
      what: 'names back at the participant',
    });
    const people = readWallPeople(docFromMessages(watcher.received));
    for (const supplier of board.suppliers) {
      expect(people.get(supplier.personId)).toEqual({ name: supplier.name, organisation: supplier.organisation, role: 'participant' });
    }
    expect(framesHolding(watcher.received, [board.suppliers[1]!.name], from)).not.toEqual([]); // reason: three suppliers
  });

  it('[#12.anonymity] only officers may switch it: a participant is refused, a bad payload is invalid, and each switch is audited', async () => {
    expect(await setAnonymous(board.suppliers[0]!.client, true)).toMatchObject({ ok: false, error: { code: 'forbidden' } }); // reason: three suppliers
    const socket = await socketOf(board.officer.client);
    const bad = (await socket.timeout(5_000).emitWithAck('anonymity-set', { anonymous: 'yes' })) as { ok: boolean; error?: { code: string } };
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    await withServerRoom(server, board.boardId, (room) => expect(readAnonymous(room.brief.doc)).toBe(false));

    expect(await setAnonymous(board.officer.client, true)).toMatchObject({ ok: true, changed: true });
    expect(await setAnonymous(board.officer.client, true)).toMatchObject({ ok: true, changed: false });
    expect(await setAnonymous(board.officer.client, false)).toMatchObject({ ok: true, changed: true });
    const audit = await server.store.listBoardSettingChanges(board.boardId);
    expect(audit.map(({ actorPersonId, setting, valueJson }) => ({ actorPersonId, setting, valueJson }))).toEqual([
      { actorPersonId: board.officer.personId, setting: 'anonymous', valueJson: 'true' },
      { actorPersonId: board.officer.personId, setting: 'anonymous', valueJson: 'false' },
    ]);
    // Every participant's brief says so, for the one-line notice.
    const supplierBrief = await device(rooms.brief(board.boardId), board.suppliers[2]!.client); // reason: three suppliers
    expect(readAnonymous(supplierBrief.doc)).toBe(false);
  });

  it('[#12.anonymity] the mode written straight into the brief (an officer’s page) is applied too, and a wall that lags it is fixed at load', async () => {
    await everySupplierPosts();
    const names = board.suppliers.flatMap(identityStrings);
    // An officer's page writes the brief itself: the server follows the brief, not only its command.
    const brief = await device(rooms.brief(board.boardId), board.officer.client);
    brief.doc.getMap(BRIEF_ROOTS.meta).set(ANONYMOUS_FIELD, true);
    await settled(true);
    brief.doc.getMap(BRIEF_ROOTS.meta).set(ANONYMOUS_FIELD, false);
    await settled(false);

    // The server stops with names on the wall; the brief is made anonymous in the store while it is down
    // (as if it crashed between the brief's change and the wall's). At load the wall catches up.
    await open.disposeAll();
    const dataDir = server.dataDir;
    await server.stop();
    const store = SqliteStore.inDataDir(dataDir);
    const stored = docFromStored(await store.loadDocument(rooms.brief(board.boardId)));
    const before = Y.encodeStateVector(stored);
    stored.getMap(BRIEF_ROOTS.meta).set(ANONYMOUS_FIELD, true);
    await store.appendDocumentUpdates([{ documentName: rooms.brief(board.boardId), update: Y.encodeStateAsUpdate(stored, before) }]);
    await store.close();

    server = await startTestServer({ dataDir });
    await settled(true);
    const wall = await server.store.loadDocument(rooms.wall(board.boardId));
    expect(framesHolding([...(wall.snapshot ? [wall.snapshot] : []), ...wall.updates], names)).toEqual([]);
    const returning = await newBrowserClient(server.url, board.suppliers[0]!.client.cookies()); // reason: three suppliers
    const late = await rawWall(returning, server.url);
    expect(readWallNotes(docFromMessages(late.received)).size).toBe(3);
    expect(framesHolding(late.received, names)).toEqual([]);
  });
});

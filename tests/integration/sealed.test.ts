/**
 * Sealed until reveal (issue 13): while "hide ideas until reveal" is on, a supplier's browser is never sent
 * another supplier's idea (checked on every frame's raw bytes of a raw y-protocols client connected through
 * the whole sealed phase); the author keeps theirs in their draft with a 'sealed' status; officers read
 * held ideas over REST; the reveal puts every held idea on the wall in ONE update message.
 */
import type { Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { addDraftNote, updateDraftNote } from '../../shared/schema/draftNotes.js';
import { addProblem } from '../../shared/schema/problems.js';
import { BRIEF_ROOTS } from '../../shared/schema/roots.js';
import { readSealed } from '../../shared/schema/sealed.js';
import { readWallNotes } from '../../shared/schema/wall.js';
import type { BrowserClient } from '../helpers/http.js';
import {
  Disposables,
  boardWithPeople,
  connectBoardSocket,
  connectDevice,
  listenForNoteStatus,
  rooms,
  withServerRoom,
  type BoardWithPeople,
} from '../helpers/liveBoard.js';
import { connectRaw, docFromMessages, waitFor, type LiveProvider, type RawClient } from '../helpers/liveClients.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';

const open = new Disposables();
let server: TestServer;
let board: BoardWithPeople;
let problemId: string;

async function device(room: string, client: BrowserClient): Promise<LiveProvider> {
  return open.add(await connectDevice(server.url, room, client), (live) => live.destroy());
}

async function rawWall(client: BrowserClient): Promise<RawClient> {
  const raw = open.add(await connectRaw(server.url, rooms.wall(board.boardId), client), (connection) => connection.close());
  raw.sendSyncStep1(new Y.Doc());
  await waitFor(() => raw.received.some((frame) => frame[0] === 0 && frame[1] === 1), { what: 'the wall at a raw client' });
  return raw;
}

async function socketOf(client: BrowserClient): Promise<Socket> {
  return open.add(await connectBoardSocket(server.url, client, board.boardId), (socket) => socket.close());
}

async function setSealed(client: BrowserClient, payload: unknown): Promise<{ ok: boolean; error?: { code: string }; changed?: boolean }> {
  const socket = await socketOf(client);
  return (await socket.timeout(10_000).emitWithAck('sealed-set', payload)) as { ok: boolean; error?: { code: string } };
}

/** Frames whose raw bytes hold any of `needles` (searched in the buffer, not decoded). */
function framesHolding(frames: readonly Uint8Array[], needles: readonly string[]): number[] {
  const found: number[] = [];
  frames.forEach((frame, index) => {
    const bytes = Buffer.from(frame);
    if (needles.some((needle) => bytes.includes(Buffer.from(needle, 'utf8')))) found.push(index);
  });
  return found;
}

/** Sync update messages (type 0, subtype 2) among `frames`, with their index. */
function updateFrames(frames: readonly Uint8Array[]): number[] {
  return frames.flatMap((frame, index) => {
    const decoder = decoding.createDecoder(frame);
    return decoding.readVarUint(decoder) === 0 && decoding.readVarUint(decoder) === 2 ? [index] : [];
  });
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

describe('[#13.sealed] hide ideas until reveal', () => {
  it('[#13.sealed] a supplier watching the wall through the whole sealed phase never receives a byte of another supplier’s idea, and gets all of them in one update at the reveal', async () => {
    const [first, second, watcherPerson] = board.suppliers as [(typeof board.suppliers)[0], (typeof board.suppliers)[0], (typeof board.suppliers)[0]];
    expect(await setSealed(board.officer.client, { sealed: true })).toMatchObject({ ok: true, sealed: true, changed: true });
    await withServerRoom(server, board.boardId, (room) => waitFor(() => readSealed(room.brief.doc)));

    const watcher = await rawWall(watcherPerson.client);
    const status = open.add(await listenForNoteStatus(server.url, first.client, board.boardId), (listener) => listener.close());
    const firstDraft = await device(rooms.draft(board.boardId, first.personId), first.client);
    const secondDraft = await device(rooms.draft(board.boardId, second.personId), second.client);
    const firstIdeas = ['Sealed idea alpha about repairs', 'Sealed idea beta about scheduling'];
    const firstIds = firstIdeas.map((text) => addDraftNote(firstDraft.doc, { text, colour: 'yellow', targetId: problemId }));
    addDraftNote(secondDraft.doc, { text: 'Sealed idea gamma from the second', colour: 'blue', targetId: problemId });
    // The author is told, in plain words, that their idea is sealed.
    await waitFor(() => (status.latest()?.notPublished ?? []).filter((item) => item.rule === 'sealed').length === 2, { what: 'the sealed status at the author' });
    expect(status.latest()!.notPublished[0]).toMatchObject({ kind: 'deferred', message: expect.stringContaining('Sealed') });
    // An edit while sealed is held too.
    updateDraftNote(firstDraft.doc, firstIds[0]!, { text: 'Sealed idea alpha about repairs, edited' });
    const allTexts = ['Sealed idea alpha about repairs, edited', firstIdeas[1]!, 'Sealed idea gamma from the second'];

    // The officer reads them (REST), nobody else can.
    await waitFor(async () => (await board.officer.client.get(`/api/boards/${board.boardId}/sealed-notes`)).body.notes.length === 3, { what: 'held ideas for officers' });
    const forOfficer = await board.officer.client.get(`/api/boards/${board.boardId}/sealed-notes`);
    expect(forOfficer.body.sealed).toBe(true);
    expect(forOfficer.body.notes.map((note: { text: string }) => note.text).sort()).toEqual([...allTexts].sort());
    expect((await first.client.get(`/api/boards/${board.boardId}/sealed-notes`)).status).toBe(403);

    // A late joiner before the reveal receives none either; and an export has none.
    await withServerRoom(server, board.boardId, (room) => room.settle());
    const late = await rawWall(second.client);
    const exported = await board.officer.client.get(`/api/boards/${board.boardId}/export/json`);
    expect(exported.status).toBe(200);
    expect(exported.text).not.toContain('Sealed idea');
    const needles = [...allTexts, 'Sealed idea'];
    expect(framesHolding(watcher.received, needles)).toEqual([]);
    expect(framesHolding(late.received, needles)).toEqual([]);

    const before = watcher.received.length;
    expect(await setSealed(board.officer.client, { sealed: false })).toMatchObject({ ok: true, sealed: false, changed: true });
    await waitFor(() => readWallNotes(docFromMessages(watcher.received)).size === 3, { what: 'every idea at the watcher after the reveal' });
    // One update message carried all of them: no supplier saw some earlier than others.
    const carrying = updateFrames(watcher.received).filter((index) => index >= before && framesHolding([watcher.received[index]!], ['Sealed idea']).length > 0);
    expect(carrying).toHaveLength(1);
    const frame = Buffer.from(watcher.received[carrying[0]!]!);
    for (const text of allTexts) expect(frame.includes(Buffer.from(text, 'utf8')), text).toBe(true);
    await waitFor(() => (status.latest()?.notPublished ?? []).every((item) => item.rule !== 'sealed'), { what: 'the sealed status gone' });
  });

  it('[#13.sealed] officers’ own notes are not held; sealing twice changes nothing; bad input and participants are refused', async () => {
    expect(await setSealed(board.officer.client, { sealed: true })).toMatchObject({ ok: true, changed: true });
    expect(await setSealed(board.officer.client, { sealed: true })).toMatchObject({ ok: true, changed: false });
    const officerDraft = await device(rooms.draft(board.boardId, board.officer.personId), board.officer.client);
    addDraftNote(officerDraft.doc, { text: 'The council’s own starter idea', colour: 'green', targetId: problemId });
    const watcher = await rawWall(board.suppliers[0]!.client); // reason: three suppliers
    await waitFor(() => readWallNotes(docFromMessages(watcher.received)).size === 1, { what: 'the officer’s note on the wall' });

    for (const payload of [{ sealed: 'yes' }, {}, { sealed: true, extra: 1 }, null, 'sealed']) {
      const answer = await setSealed(board.officer.client, payload);
      expect(answer.ok, JSON.stringify(payload)).toBe(false);
    }
    expect(await setSealed(board.suppliers[0]!.client, { sealed: false })).toMatchObject({ ok: false, error: { code: 'forbidden' } }); // reason: three suppliers
    await withServerRoom(server, board.boardId, async (room) => expect(readSealed(room.brief.doc)).toBe(true));
    // The switch is audited, like anonymous mode.
    const changes = await server.store.listBoardSettingChanges(board.boardId);
    expect(changes.filter((change) => change.setting === 'sealed').map((change) => change.valueJson)).toEqual(['true']);
  });
});

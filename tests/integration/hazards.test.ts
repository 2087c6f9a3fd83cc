/**
 * One test per hazard in ARCHITECTURE.md "Hazards already found": each was a real bug in the
 * prototype, so each has a test that fails if it comes back.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_NOTES_PER_MINUTE } from '../../shared/limits.js';
import { RATE_WINDOW_MS } from '../../shared/publisher.js';
import { addDraftNote, deleteDraftNote, updateDraftNote } from '../../shared/schema/draftNotes.js';
import { addProblem } from '../../shared/schema/problems.js';
import { DRAFT_ROOTS } from '../../shared/schema/roots.js';
import { readWallNotes, wallKeyFor } from '../../shared/schema/wall.js';
import type { BrowserClient } from '../helpers/http.js';
import {
  Disposables,
  attemptConnection,
  boardWithPeople,
  closeOf,
  connectDevice,
  listenForNoteStatus,
  rooms,
  sameStateVector,
  storedRowCount,
  syncMessagesOf,
  unusedId,
  withServerRoom,
  type BoardWithPeople,
  type Person,
} from '../helpers/liveBoard.js';
import { connectRaw, cookieHeader, docFromMessages, waitFor, type LiveProvider, type RawClient } from '../helpers/liveClients.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';

describe('the hazards the prototype ran into', () => {
  let server: TestServer;
  let board: BoardWithPeople;
  let boardId: string;
  let problemId: string;
  const open = new Disposables();
  const extraServers: TestServer[] = [];

  const supplierA = () => board.suppliers[0]!;
  const supplierB = () => board.suppliers[1]!;

  beforeEach(async () => {
    server = await startTestServer();
    board = await boardWithPeople(server, { supplierCount: 2 });
    boardId = board.boardId;
    problemId = unusedId();
  });

  afterEach(async () => {
    await open.disposeAll();
    for (const extra of extraServers.splice(0)) await extra.stop();
    await server.remove();
  });

  async function device(room: string, client: BrowserClient, options: Parameters<typeof connectDevice>[3] = {}): Promise<LiveProvider> {
    return open.add(await connectDevice(server.url, room, client, options), (live) => live.destroy());
  }

  async function raw(room: string, client: BrowserClient): Promise<RawClient> {
    return open.add(await connectRaw(server.url, room, client), (connection) => connection.close());
  }

  /** The officer's brief with one problem (its id is `problemId`). */
  async function briefWithProblem(): Promise<LiveProvider> {
    const brief = await device(rooms.brief(boardId), board.officer.client);
    writeProblem(brief.doc, problemId, 'Repairs need second visits');
    return brief;
  }

  /** Writes a draft note straight into the Y.Map with the note id the client chose, as a modified client could. */
  function writeNoteWithId(doc: Y.Doc, noteId: string, text: string, targetId = problemId, createdAt = Date.now()): void {
    doc.transact(() => {
      const note = new Y.Map<unknown>();
      doc.getMap(DRAFT_ROOTS.notes).set(noteId, note);
      note.set('text', text);
      note.set('colour', 'yellow');
      note.set('targetId', targetId);
      note.set('createdAt', createdAt);
      note.set('visibility', 'public');
    });
  }

  it('keeps two authors’ notes with the same note id apart on the wall', async () => {
    await briefWithProblem();
    const draftA = await device(rooms.draft(boardId, supplierA().personId), supplierA().client);
    const draftB = await device(rooms.draft(boardId, supplierB().personId), supplierB().client);
    const wall = await device(rooms.wall(boardId), board.officer.client);
    const sharedId = 'sameNoteIdForBoth0001';
    const keyA = wallKeyFor(supplierA().personId, sharedId);
    const keyB = wallKeyFor(supplierB().personId, sharedId);

    writeNoteWithId(draftB.doc, sharedId, 'B’s own idea');
    await waitFor(() => readWallNotes(wall.doc).get(keyB)?.text === 'B’s own idea', { what: 'B’s note on the wall' });
    writeNoteWithId(draftA.doc, sharedId, 'A’s idea with the same id');
    // A also tries to name B's note by its wall key: not a valid note id, so it is refused, not published.
    writeNoteWithId(draftA.doc, keyB, 'A aiming at B’s wall key');
    await waitFor(() => readWallNotes(wall.doc).get(keyA)?.text === 'A’s idea with the same id', { what: 'A’s note on the wall' });
    expect(readWallNotes(wall.doc).get(keyB)?.text).toBe('B’s own idea');
    expect(readWallNotes(wall.doc).get(keyB)?.author).toBe(supplierB().personId);

    updateDraftNote(draftA.doc, sharedId, { text: 'A changed their note' });
    await waitFor(() => readWallNotes(wall.doc).get(keyA)?.text === 'A changed their note', { what: 'A’s edit on the wall' });
    expect(readWallNotes(wall.doc).get(keyB)?.text).toBe('B’s own idea');

    deleteDraftNote(draftA.doc, sharedId);
    await waitFor(() => !readWallNotes(wall.doc).has(keyA), { what: 'A’s note gone' });
    expect(readWallNotes(wall.doc).get(keyB)?.text).toBe('B’s own idea');
    expect([...readWallNotes(wall.doc).keys()]).toEqual([keyB]);
    expect(wall.doc.getMap('notes').size).toBe(1);
  });

  it('creates no document for a refused connection', async () => {
    const rooms_ = server.server.rooms;
    expect(rooms_.loadedCount).toBe(0);
    const unknownBoard = unusedId();
    const headersOf = (client: BrowserClient) => ({ cookie: cookieHeader(client), origin: server.url });
    const refusals: Array<{ room: string; client: BrowserClient; codes: number[] }> = [
      { room: `${unknownBoard}/brief`, client: board.officer.client, codes: [4404] },
      { room: `${unknownBoard}/drafts/${supplierA().personId}`, client: supplierA().client, codes: [4404] },
      { room: rooms.draft(boardId, supplierB().personId), client: supplierA().client, codes: [4403] },
      { room: rooms.draft(boardId, board.officer.personId), client: supplierA().client, codes: [4403] },
      { room: `${boardId}/secrets`, client: board.officer.client, codes: [4404] },
      { room: `${boardId}/brief/extra`, client: board.officer.client, codes: [4404] },
      { room: `${boardId}/drafts/`, client: supplierA().client, codes: [4404] },
      { room: `${boardId}%2Fbrief`, client: board.officer.client, codes: [4404] },
      { room: `${boardId}/drafts/..%2F..%2Fbrief`, client: supplierA().client, codes: [4404] },
      { room: `short/brief`, client: board.officer.client, codes: [4404] },
      { room: `${'A'.repeat(300)}/brief`, client: board.officer.client, codes: [4404] },
    ];
    for (const { room, client, codes } of refusals) {
      const attempt = await attemptConnection(server.url, room, headersOf(client));
      expect(attempt.opened, room).toBe(true);
      if (attempt.opened) {
        expect(codes, `${room} closed with ${attempt.code} ${attempt.reason}`).toContain(attempt.code);
        expect(attempt.messagesBeforeClose, room).toBe(0);
      }
      expect(await storedRowCount(server, room), room).toBe(0);
    }
    expect(rooms_.loadedCount).toBe(0);
    // Nothing at all was stored: no document of any name has a snapshot or a logged update.
    expect(await server.store.listDocumentNames('')).toEqual([]);

    // With the board loaded, a refused draft adds no document to it either.
    const wall = await device(rooms.wall(boardId), supplierA().client);
    const room = await rooms_.loaded(boardId);
    expect(room).not.toBeNull();
    const documentsBefore = room!.documents.map((document) => document.name);
    const refused = await attemptConnection(server.url, rooms.draft(boardId, supplierB().personId), headersOf(supplierA().client));
    expect(refused.opened && refused.code).toBe(4403);
    expect(room!.documents.map((document) => document.name)).toEqual(documentsBefore);
    expect(rooms_.loadedCount).toBe(1);
    expect(wall.provider.wsconnected).toBe(true);
  });

  it('loads no draft for a person who is not on the board, even for an officer', async () => {
    const headers = { cookie: cookieHeader(board.officer.client), origin: server.url };
    const nobody = unusedId();
    const wall = await device(rooms.wall(boardId), board.officer.client);
    const room = await server.server.rooms.loaded(boardId);
    const documentsBefore = room!.documents.map((document) => document.name);
    const attempt = await attemptConnection(server.url, rooms.draft(boardId, nobody), headers, 1_500).catch((error: unknown) => ({
      opened: true as const,
      code: -1,
      reason: String(error),
      messagesBeforeClose: -1,
    }));
    expect(room!.documents.map((document) => document.name), 'documents loaded on the board').toEqual(documentsBefore);
    expect(attempt.opened && attempt.code, 'close code for a draft of nobody').toBe(4404);
    expect(wall.provider.wsconnected).toBe(true);
  });

  it('drops an update with missing dependencies, closes 4409, and never shows it to a reader', async () => {
    const officerReader = await device(rooms.draft(boardId, supplierA().personId), board.officer.client);
    const connection = await raw(rooms.draft(boardId, supplierA().personId), supplierA().client);
    const local = new Y.Doc();
    const updates: Uint8Array[] = [];
    local.on('update', (update: Uint8Array) => updates.push(update));
    const noteId = addDraftNote(local, { text: 'Written first', colour: 'yellow', targetId: problemId });
    updateDraftNote(local, noteId, { text: 'Then changed' });
    expect(updates).toHaveLength(2);

    connection.sendUpdate(updates[1]!);
    expect((await closeOf(connection)).code).toBe(4409);

    await withServerRoom(server, boardId, async (room) => {
      const serverDraft = (await room.openDraft(supplierA().personId)).doc;
      expect(serverDraft.store.pendingStructs).toBeNull();
      expect(serverDraft.store.pendingDs).toBeNull();
      expect(Y.getState(serverDraft.store, local.clientID)).toBe(0);
      expect(await storedRowCount(server, rooms.draft(boardId, supplierA().personId))).toBe(0);
    });
    // A later honest change reaches the reader; the dropped one never does.
    const honest = await device(rooms.draft(boardId, supplierA().personId), supplierA().client);
    const markerId = addDraftNote(honest.doc, { text: 'An honest later note', colour: 'green', targetId: problemId });
    await waitFor(() => officerReader.doc.getMap(DRAFT_ROOTS.notes).has(markerId), { what: 'the honest note at the officer' });
    expect([...officerReader.doc.getMap(DRAFT_ROOTS.notes).keys()]).toEqual([markerId]);
    expect(officerReader.doc.store.pendingStructs).toBeNull();
    expect(Y.getState(officerReader.doc.store, local.clientID)).toBe(0);
  });

  it('[#10.18] costs an honest device that edits during the handshake nothing: no close, no reconnect', async () => {
    await briefWithProblem();
    const wall = await device(rooms.wall(boardId), supplierB().client);
    // Written offline: the note is only in this device's copy.
    const doc = new Y.Doc();
    const noteId = addDraftNote(doc, { text: 'Typed offline', colour: 'yellow', targetId: problemId });
    let hasEdited = false;
    const draft = await device(rooms.draft(boardId, supplierA().personId), supplierA().client, {
      doc,
      // The person edits the note the moment the connection opens, before the handshake has run.
      onConnected: () => {
        if (hasEdited) return;
        hasEdited = true;
        updateDraftNote(doc, noteId, { text: 'Edited as the connection opened' });
      },
    });
    const key = wallKeyFor(supplierA().personId, noteId);
    await waitFor(() => readWallNotes(wall.doc).get(key)?.text === 'Edited as the connection opened', {
      what: 'the edited note on the wall',
    });
    expect(draft.closes.map((close) => close.code)).toEqual([]);
    await withServerRoom(server, boardId, async (room) => {
      const serverDraft = (await room.openDraft(supplierA().personId)).doc;
      await waitFor(() => sameStateVector(serverDraft, draft.doc), { what: 'the draft converged' });
      expect(serverDraft.getMap(DRAFT_ROOTS.notes).toJSON()).toEqual(draft.doc.getMap(DRAFT_ROOTS.notes).toJSON());
      expect(serverDraft.store.pendingStructs).toBeNull();
    });
  });

  it('refuses V2 bytes and trailing junk with 4400 and accepts the same update in V1', async () => {
    const brief = await briefWithProblem();
    expect(brief.provider.synced).toBe(true);
    const wall = await device(rooms.wall(boardId), supplierB().client);
    const draftName = rooms.draft(boardId, supplierA().personId);
    const local = new Y.Doc();
    const noteId = addDraftNote(local, { text: 'Sent in the right format', colour: 'yellow', targetId: problemId });
    const v1 = Y.encodeStateAsUpdate(local);
    const serverDraftVector = () =>
      withServerRoom(server, boardId, async (room) => Buffer.from(Y.encodeStateVector((await room.openDraft(supplierA().personId)).doc)).toString('hex'));
    const vectorBefore = await serverDraftVector();

    const badPayloads: Array<{ what: string; send: (connection: RawClient) => void }> = [
      { what: 'V2 update', send: (connection) => connection.sendUpdate(Y.encodeStateAsUpdateV2(local)) },
      { what: 'V2 sync step 2', send: (connection) => connection.sendSyncStep2(Y.encodeStateAsUpdateV2(local)) },
      { what: 'V1 update with a junk byte', send: (connection) => connection.sendUpdate(Uint8Array.from([...v1, 0x00])) },
      { what: 'V1 update with junk bytes', send: (connection) => connection.sendUpdate(Uint8Array.from([...v1, 0x07, 0x01])) },
      {
        what: 'a junk byte after the message',
        send: (connection) => connection.send(Uint8Array.from([0, 2, ...lengthPrefixed(v1), 0x00])),
      },
    ];
    for (const { what, send } of badPayloads) {
      const connection = await raw(draftName, supplierA().client);
      send(connection);
      const close = await closeOf(connection);
      expect(close.code, `${what}: ${close.reason}`).toBe(4400);
      expect(await serverDraftVector(), what).toBe(vectorBefore);
      expect(await storedRowCount(server, draftName), what).toBe(0);
    }

    const honest = await raw(draftName, supplierA().client);
    honest.sendUpdate(v1);
    const key = wallKeyFor(supplierA().personId, noteId);
    await waitFor(() => readWallNotes(wall.doc).get(key)?.text === 'Sent in the right format', { what: 'the V1 note on the wall' });
    expect(honest.isOpen()).toBe(true);
    expect(await storedRowCount(server, draftName)).toBe(1);
  });

  it('publishes a note aimed at a problem that does not exist yet as soon as the officer adds it', async () => {
    const brief = await briefWithProblem();
    const wall = await device(rooms.wall(boardId), supplierB().client);
    const status = open.add(await listenForNoteStatus(server.url, supplierA().client, boardId), (listener) => listener.close());
    const draft = await device(rooms.draft(boardId, supplierA().personId), supplierA().client);
    const laterProblemId = unusedId();
    const noteId = addDraftNote(draft.doc, { text: 'For a problem still being written', colour: 'blue', targetId: laterProblemId });
    const deferral = () => status.latest()?.notPublished.find((entry) => entry.noteId === noteId);
    await waitFor(() => deferral() !== undefined, { what: 'the author told why the note waits' });
    expect(deferral()).toMatchObject({ kind: 'deferred', rule: 'unknown-target' });
    expect(typeof deferral()?.message).toBe('string');
    const key = wallKeyFor(supplierA().personId, noteId);
    await withServerRoom(server, boardId, async (room) => {
      await room.publisher.flush();
      expect(readWallNotes(room.wall.doc).has(key)).toBe(false);
    });
    expect(readWallNotes(wall.doc).has(key)).toBe(false);
    const draftVector = Y.encodeStateVector(draft.doc);

    writeProblem(brief.doc, laterProblemId, 'The problem the note was waiting for');
    await waitFor(() => readWallNotes(wall.doc).get(key)?.targetId === laterProblemId, { what: 'the waiting note on the wall' });
    expect(Buffer.from(Y.encodeStateVector(draft.doc)).equals(Buffer.from(draftVector))).toBe(true);
    await waitFor(() => status.latest()?.notPublished.length === 0, { what: 'the author told the note is no longer waiting' });
  });

  it('holds back a note over the rate limit and tells its author when it will go up', async () => {
    const brief = await briefWithProblem();
    const wall = await device(rooms.wall(boardId), supplierB().client);
    const status = open.add(await listenForNoteStatus(server.url, supplierA().client, boardId), (listener) => listener.close());
    const draft = await device(rooms.draft(boardId, supplierA().personId), supplierA().client);
    const startedAt = Date.now();
    const noteIds = Array.from({ length: MAX_NOTES_PER_MINUTE + 1 }, (_, index) => {
      const noteId = `rateNote${String(index).padStart(4, '0')}${'x'.repeat(8)}`;
      writeNoteWithId(draft.doc, noteId, `Quick idea ${index}`, problemId, startedAt + index);
      return noteId;
    });
    const lastId = noteIds.at(-1)!;
    const authorNotesOnWall = () => [...readWallNotes(wall.doc).values()].filter((note) => note.author === supplierA().personId);
    await waitFor(() => authorNotesOnWall().length === MAX_NOTES_PER_MINUTE, { what: 'the first notes on the wall' });
    await waitFor(() => status.latest()?.notPublished.some((entry) => entry.noteId === lastId) === true, { what: 'the rate-limit notice' });
    const held = status.latest()!.notPublished.find((entry) => entry.noteId === lastId)!;
    expect(held).toMatchObject({ kind: 'deferred', rule: 'rate-limit' });
    expect(held.retryAt).toBeGreaterThan(Date.now() + RATE_WINDOW_MS / 2);
    expect(held.retryAt).toBeLessThanOrEqual(Date.now() + RATE_WINDOW_MS + 1_000);
    expect(status.latest()!.notPublished).toHaveLength(1);

    // A brief change re-decides deferred notes, but the window has not passed: still held back.
    addProblem(brief.doc, { title: 'Another problem' });
    await withServerRoom(server, boardId, async (room) => {
      await waitFor(() => room.brief.doc.getMap('problems').size === 2, { what: 'the brief change at the server' });
      await room.publisher.flush();
      const onServerWall = [...readWallNotes(room.wall.doc).values()].filter((note) => note.author === supplierA().personId);
      expect(onServerWall.map((note) => note.noteId).sort()).toEqual(noteIds.slice(0, MAX_NOTES_PER_MINUTE).sort());
    });
    expect(authorNotesOnWall().some((note) => note.noteId === lastId)).toBe(false);
  });

  it('publishes a note held back by the rate limit on its own once the minute has passed', async () => {
    await briefWithProblem();
    const status = open.add(await listenForNoteStatus(server.url, supplierA().client, boardId), (listener) => listener.close());
    const draft = await device(rooms.draft(boardId, supplierA().personId), supplierA().client);
    const wall = await device(rooms.wall(boardId), supplierB().client);
    const startedAt = Date.now();
    for (let index = 0; index < MAX_NOTES_PER_MINUTE; index += 1) {
      writeNoteWithId(draft.doc, `earlyNote${String(index).padStart(4, '0')}${'y'.repeat(8)}`, `Early idea ${index}`, problemId, startedAt + index);
    }
    await waitFor(() => readWallNotes(wall.doc).size === MAX_NOTES_PER_MINUTE, { what: 'the first notes on the wall' });
    // The clock is outside the product: move the publisher's clock on until the window has ~1.5 s left.
    const skippedMs = RATE_WINDOW_MS - 1_500;
    await withServerRoom(server, boardId, (room) => {
      const publisher = room.publisher as unknown as { now: unknown };
      expect(typeof publisher.now, 'WallPublisher keeps its clock in `now`').toBe('function');
      publisher.now = () => Date.now() + skippedMs;
    });
    const lateId = 'lateNote0000yyyyyyyyyyy';
    writeNoteWithId(draft.doc, lateId, 'The idea that had to wait', problemId, startedAt + 100);
    const key = wallKeyFor(supplierA().personId, lateId);
    await waitFor(() => status.latest()?.notPublished.some((entry) => entry.noteId === lateId && entry.rule === 'rate-limit') === true, {
      what: 'the rate-limit notice',
    });
    expect(readWallNotes(wall.doc).has(key)).toBe(false);
    // Nothing else changes: no draft edit, no brief edit. The server's own timer publishes it.
    await waitFor(() => readWallNotes(wall.doc).has(key), { timeoutMs: 6_000, what: 'the held-back note on the wall after the window' });
    await waitFor(() => status.latest()?.notPublished.length === 0, { what: 'the author told the note is up' });
  });

  it('coalesces a typist’s keystrokes into a few wall updates', async () => {
    await briefWithProblem();
    const draft = await device(rooms.draft(boardId, supplierA().personId), supplierA().client);
    const reader = await raw(rooms.wall(boardId), supplierB().client);
    reader.sendSyncStep1(new Y.Doc());
    const noteId = addDraftNote(draft.doc, { text: 'T', colour: 'yellow', targetId: problemId });
    const key = wallKeyFor(supplierA().personId, noteId);
    const readerText = () => readWallNotes(docFromMessages(reader.received)).get(key)?.text;
    await waitFor(() => readerText() === 'T', { what: 'the note on the reader’s wall' });
    const updatesBefore = syncMessagesOf(reader.received).filter((message) => message.kind === 'update').length;

    const sentence = 'Typed one key at a time by a quick typist on a laptop!'.slice(0, 50);
    for (let length = 1; length <= sentence.length; length += 1) {
      updateDraftNote(draft.doc, noteId, { text: sentence.slice(0, length) });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await waitFor(() => readerText() === sentence, { what: 'the final text on the reader’s wall' });
    const wallUpdates = syncMessagesOf(reader.received).filter((message) => message.kind === 'update').length - updatesBefore;
    expect(wallUpdates).toBeGreaterThan(0);
    expect(wallUpdates).toBeLessThanOrEqual(10);
  });

  it('gives every board a document epoch that stays the same across a restart', async () => {
    const read = async (baseUrl: string, person: Person) => {
      const { newBrowserClient } = await import('../helpers/http.js');
      const client = await newBrowserClient(baseUrl, person.client.cookies());
      const response = await client.get(`/api/boards/${boardId}`);
      expect(response.status).toBe(200);
      return response.body.documents as { personId: string; epoch: string };
    };
    // The browser names its cached copies `oiw:<epoch>:<room>` (client/net/yjsProvider.ts) and drops copies of other epochs.
    const before = await read(server.url, board.officer);
    expect(typeof before.epoch).toBe('string');
    expect(before.epoch.length).toBeGreaterThan(0);
    expect((await read(server.url, supplierA())).epoch).toBe(before.epoch);
    await server.stop();
    const restarted = await startTestServer({ dataDir: server.dataDir });
    extraServers.push(restarted);
    expect(await read(restarted.url, board.officer)).toEqual(before);
    expect((await read(restarted.url, supplierA())).epoch).toBe(before.epoch);
  });
});

/** Writes a problem with a chosen id, in the record shape of shared/schema/problems.ts. */
function writeProblem(doc: Y.Doc, id: string, title: string): void {
  doc.transact(() => {
    const record = new Y.Map<unknown>();
    doc.getMap('problems').set(id, record);
    record.set('title', new Y.Text(title));
    record.set('body', new Y.Text());
    record.set('userNeeds', new Y.Text());
    record.set('constraints', new Y.Text());
    record.set('order', doc.getMap('problems').size);
  });
}

/** lib0 varUint8Array: a varuint length, then the bytes. */
function lengthPrefixed(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let length = bytes.length;
  while (length > 0x7f) {
    out.push(0x80 | (length & 0x7f));
    length = Math.floor(length / 128);
  }
  out.push(length);
  return [...out, ...bytes];
}

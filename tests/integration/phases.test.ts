/**
 * Workshop phases and schedule (issue 12), against a real server with real websocket clients: who may
 * change the phase, what each phase lets participants publish, draft boards closed to participants, and
 * scheduled opening and closing with nobody connected and across a restart.
 */
import type { Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODES } from '../../shared/protocol/closeCodes.js';
import type { NoteStatusPayload, PhaseChangedPayload } from '../../shared/protocol/socketEvents.js';
import { readPhase, type BoardPhase } from '../../shared/schema/briefMeta.js';
import { addDraftNote, updateDraftNote } from '../../shared/schema/draftNotes.js';
import { addProblem } from '../../shared/schema/problems.js';
import { readSchedule } from '../../shared/schema/schedule.js';
import { readWallNotes, wallKeyFor } from '../../shared/schema/wall.js';
import type { BrowserClient } from '../helpers/http.js';
import {
  attemptConnection,
  boardWithPeople,
  connectBoardSocket,
  connectDevice,
  Disposables,
  docFromStored,
  rooms,
  withServerRoom,
  type BoardWithPeople,
} from '../helpers/liveBoard.js';
import { connectRaw, cookieHeader, waitFor, type LiveProvider } from '../helpers/liveClients.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';

const NOT_OPEN_YET = CLOSE_CODES.notOpenYet.code;

type Ack = { ok: true; [field: string]: unknown } | { ok: false; error: { code: string; message: string } };

async function command(socket: Socket, event: string, payload: unknown): Promise<Ack> {
  return (await socket.timeout(5_000).emitWithAck(event, payload)) as Ack;
}

describe('[#12.phases] phases on a live board', () => {
  let server: TestServer;
  let board: BoardWithPeople;
  let boardId: string;
  let problemId: string;
  let officerBrief: LiveProvider;
  let officerSocket: Socket;
  const open = new Disposables();

  const supplier = () => board.suppliers[0]!;

  beforeEach(async () => {
    server = await startTestServer();
    board = await boardWithPeople(server, { supplierCount: 2, withObserver: true });
    boardId = board.boardId;
    officerBrief = open.add(await connectDevice(server.url, rooms.brief(boardId), board.officer.client), (live) => live.destroy());
    problemId = addProblem(officerBrief.doc, { title: 'Repairs need second visits' });
    officerSocket = open.add(await connectBoardSocket(server.url, board.officer.client, boardId), (socket) => socket.close());
  });

  afterEach(async () => {
    await open.disposeAll();
    await server.remove();
  });

  async function socketOf(client: BrowserClient): Promise<Socket> {
    return open.add(await connectBoardSocket(server.url, client, boardId), (socket) => socket.close());
  }

  async function device(room: string, client: BrowserClient): Promise<LiveProvider> {
    return open.add(await connectDevice(server.url, room, client), (live) => live.destroy());
  }

  async function setPhase(phase: BoardPhase): Promise<void> {
    expect(await command(officerSocket, 'phase-set', { phase })).toEqual({ ok: true, phase });
    await waitFor(() => readPhase(officerBrief.doc) === phase, { what: `the officer's brief says ${phase}` });
  }

  function attemptAs(client: BrowserClient, room: string) {
    return attemptConnection(server.url, room, { cookie: cookieHeader(client), origin: server.url });
  }

  it('[#12.phases] only officers change the phase; bad payloads are refused; the change is stored, audited and told to everyone', async () => {
    const supplierSocket = await socketOf(supplier().client);
    const changes: PhaseChangedPayload[] = [];
    supplierSocket.on('phase-changed', (payload: PhaseChangedPayload) => changes.push(payload));

    const forbidden = await command(supplierSocket, 'phase-set', { phase: 'closed' });
    expect(forbidden).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const observerSocket = await socketOf(board.observer!.client);
    expect(await command(observerSocket, 'phase-set', { phase: 'closed' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // Each bad payload is also a strike against the socket (a few end it), so each goes on a socket of its own.
    for (const bad of [{}, { phase: 'finished' }, { phase: 3 }, { phase: 'open', extra: true }, null, 'open']) {
      const socket = await socketOf(board.officer.client);
      expect(await command(socket, 'phase-set', bad), JSON.stringify(bad)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      socket.close();
    }
    expect(readPhase(officerBrief.doc)).toBe('open');

    await setPhase('voting');
    await waitFor(() => changes.length === 1, { what: 'the supplier is told' });
    expect(changes).toEqual([{ phase: 'voting', opensAt: null }]);
    expect(await server.store.findBoardPhase(boardId)).toMatchObject({ phase: 'voting' });
    expect((await supplier().client.get(`/api/boards/${boardId}`)).body).toMatchObject({ phase: 'voting', opensAt: null });
    const audit = await server.store.listPhaseChanges(boardId);
    expect(audit).toEqual([{ boardId, actor: board.officer.personId, from: 'open', to: 'voting', at: expect.any(Number) }]);

    // An older officer page writing the phase into the brief itself is mirrored, told and audited too.
    officerBrief.doc.getMap('meta').set('phase', 'closed');
    await waitFor(async () => (await server.store.findBoardPhase(boardId))?.phase === 'closed', { what: 'the mirror follows the brief' });
    await waitFor(() => changes.length === 2, { what: 'the supplier is told of the direct write' });
    expect((await server.store.listPhaseChanges(boardId)).at(-1)).toMatchObject({ actor: null, from: 'voting', to: 'closed' });
  });

  it('[#12.phases] in draft participants and observers get nothing (4425), officers prepare; everyone is admitted once it opens', async () => {
    const supplierWall = await device(rooms.wall(boardId), supplier().client);
    await setPhase('draft');
    // Connections already open are closed with the code.
    await waitFor(() => supplierWall.closes.some((close) => close.code === NOT_OPEN_YET), { what: 'the open wall is closed with 4425' });

    for (const person of [supplier(), board.observer!]) {
      for (const room of [rooms.brief(boardId), rooms.wall(boardId), rooms.draft(boardId, person.personId)]) {
        const attempt = await attemptAs(person.client, room);
        expect(attempt, `${person.name} on ${room}`).toMatchObject({ opened: true, code: NOT_OPEN_YET, messagesBeforeClose: 0 });
      }
    }
    expect((await supplier().client.get(`/api/boards/${boardId}`)).body).toMatchObject({ phase: 'draft', opensAt: null });
    // The socket.io connection is allowed in draft: it is how the page learns that the board opened.
    const supplierSocket = await socketOf(supplier().client);
    const changes: PhaseChangedPayload[] = [];
    supplierSocket.on('phase-changed', (payload: PhaseChangedPayload) => changes.push(payload));

    // Officers prepare: their notes go on the wall in draft.
    const officerDraft = await device(rooms.draft(boardId, board.officer.personId), board.officer.client);
    const officerWall = await device(rooms.wall(boardId), board.officer.client);
    addDraftNote(officerDraft.doc, { text: 'An example idea from the council', colour: 'yellow', targetId: problemId });
    await waitFor(() => readWallNotes(officerWall.doc).size === 1, { what: 'the officer’s note on the wall in draft' });

    // A new opening time reaches the waiting page too.
    const opensAt = Date.now() + 3_600_000;
    expect(await command(officerSocket, 'schedule-set', { opensAt, closesAt: null })).toMatchObject({ ok: true });
    await waitFor(() => changes.some((change) => change.phase === 'draft' && change.opensAt === opensAt), { what: 'the new opening time told' });
    expect((await supplier().client.get(`/api/boards/${boardId}`)).body).toMatchObject({ phase: 'draft', opensAt });

    await setPhase('open');
    await waitFor(() => changes.some((change) => change.phase === 'open'), { what: 'the supplier is told the board opened' });
    const wall = await device(rooms.wall(boardId), supplier().client);
    expect(readWallNotes(wall.doc).size).toBe(1);
  });

  it('[#12.phases] nothing a participant sends in draft or closed reaches the wall; it waits for the board to open', async () => {
    const status = await socketOf(supplier().client);
    const reports: NoteStatusPayload[] = [];
    status.on('note-status', (payload: NoteStatusPayload) => reports.push(payload));
    const officerWall = await device(rooms.wall(boardId), board.officer.client);
    await setPhase('draft');

    // A note handed over while the board is in draft (e.g. typed offline earlier) stays off the wall.
    const noteId = await withServerRoom(server, boardId, async (room) => {
      const draft = await room.openDraft(supplier().personId);
      return addDraftNote(draft.doc, { text: 'Sent before the board opened', colour: 'yellow', targetId: problemId });
    });
    await waitFor(() => reports.at(-1)?.notPublished.some((entry) => entry.noteId === noteId && entry.rule === 'not-open-yet') ?? false, {
      what: 'the author is told the board is not open yet',
    });
    expect(readWallNotes(officerWall.doc).size).toBe(0);

    // Opening decides it again: it goes on the wall on its own.
    await setPhase('open');
    await waitFor(() => readWallNotes(officerWall.doc).has(wallKeyFor(supplier().personId, noteId)), { what: 'the deferred note published on opening' });

    // Closed: a raw client's new note is not published.
    await setPhase('closed');
    const raw = open.add(await connectRaw(server.url, rooms.draft(boardId, supplier().personId), supplier().client), (client) => client.close());
    const local = new Y.Doc();
    const before = Y.encodeStateVector(local);
    const lateId = addDraftNote(local, { text: 'Posted after closing', colour: 'blue', targetId: problemId });
    raw.sendUpdate(Y.encodeStateAsUpdate(local, before));
    await waitFor(() => reports.at(-1)?.notPublished.some((entry) => entry.noteId === lateId && entry.rule === 'board-closed') ?? false, {
      what: 'the closed board defers the new note',
    });
    await withServerRoom(server, boardId, (room) => room.settle());
    expect([...readWallNotes(officerWall.doc).keys()]).toEqual([wallKeyFor(supplier().personId, noteId)]);
  });

  it('[#12.phases] while voting, edits are refused (the wall keeps the earlier version) and new ideas wait', async () => {
    const status = await socketOf(supplier().client);
    const reports: NoteStatusPayload[] = [];
    status.on('note-status', (payload: NoteStatusPayload) => reports.push(payload));
    const draft = await device(rooms.draft(boardId, supplier().personId), supplier().client);
    const wall = await device(rooms.wall(boardId), supplier().client);
    const noteId = addDraftNote(draft.doc, { text: 'First version', colour: 'yellow', targetId: problemId });
    const key = wallKeyFor(supplier().personId, noteId);
    await waitFor(() => readWallNotes(wall.doc).get(key)?.text === 'First version', { what: 'the note on the wall' });

    await setPhase('voting');
    updateDraftNote(draft.doc, noteId, { text: 'Changed while voting' });
    const newId = addDraftNote(draft.doc, { text: 'A new idea while voting', colour: 'pink', targetId: problemId });
    await waitFor(
      () => {
        const latest = reports.at(-1)?.notPublished ?? [];
        return (
          latest.some((entry) => entry.noteId === noteId && entry.kind === 'refused' && entry.rule === 'not-accepting-ideas') &&
          latest.some((entry) => entry.noteId === newId && entry.kind === 'deferred' && entry.rule === 'not-accepting-ideas')
        );
      },
      { what: 'the edit refused and the new idea deferred' },
    );
    await withServerRoom(server, boardId, (room) => room.settle());
    expect(readWallNotes(wall.doc).get(key)?.text).toBe('First version');
    expect(readWallNotes(wall.doc).size).toBe(1);
    // Phase refusals are not abuse: the officers' refusal counts do not list them.
    expect((await server.store.listRefusals(boardId)).filter((refusal) => refusal.rule === 'not-accepting-ideas')).toEqual([]);

    // Back to open: both are decided again and published.
    await setPhase('open');
    await waitFor(() => readWallNotes(wall.doc).get(key)?.text === 'Changed while voting' && readWallNotes(wall.doc).size === 2, {
      what: 'the edit and the new idea published once open again',
    });
  });

  it('[#12.phases] a burst of 10 notes publishes at once; more wait and publish on their own; officers see them as posted quickly', async () => {
    const draft = await device(rooms.draft(boardId, supplier().personId), supplier().client);
    const wall = await device(rooms.wall(boardId), supplier().client);
    draft.doc.transact(() => {
      for (let index = 1; index <= 11; index += 1) addDraftNote(draft.doc, { text: `Idea ${index}`, colour: 'yellow', targetId: problemId });
    });
    await waitFor(() => readWallNotes(wall.doc).size === 10, { what: 'the burst of 10 on the wall' });
    await withServerRoom(server, boardId, (room) => room.settle());
    expect(readWallNotes(wall.doc).size).toBe(10);
    await waitFor(async () => (await server.store.listRefusals(boardId)).some((refusal) => refusal.rule === 'rate-limit'), {
      what: 'the deferral counted as rate-limit',
    });
    const participants = await board.officer.client.get(`/api/boards/${boardId}/participants`);
    const row = (participants.body.participants as Array<{ id: string; refusals: Array<{ rule: string }> }>).find(
      (participant) => participant.id === supplier().personId,
    );
    expect(row?.refusals.map((refusal) => refusal.rule)).toEqual(['rate-limit']);
  });

  it('[#12.phases] an archived board is read-only: its phase and schedule are not changed', async () => {
    expect((await board.officer.client.post(`/api/boards/${boardId}/archive`)).status).toBe(200);
    expect(await command(officerSocket, 'phase-set', { phase: 'closed' })).toMatchObject({ ok: false, error: { code: 'board-archived' } });
    expect(await command(officerSocket, 'schedule-set', { opensAt: null, closesAt: Date.now() + 3_600_000 })).toMatchObject({
      ok: false,
      error: { code: 'board-archived' },
    });
    expect((await server.store.findBoardPhase(boardId))?.phase).toBe('open');
    expect(await server.store.listPhaseChanges(boardId)).toEqual([]);
  });

  it('[#12.schedule] schedule-set checks its times; only officers may set it; it is stored in the brief and the store', async () => {
    const now = Date.now();
    const supplierSocket = await socketOf(supplier().client);
    expect(await command(supplierSocket, 'schedule-set', { opensAt: now + 60_000, closesAt: null })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    for (const bad of [
      { opensAt: now - 3_600_000, closesAt: null },
      { opensAt: null, closesAt: now - 3_600_000 },
      { opensAt: now + 120_000, closesAt: now + 60_000 },
      { opensAt: now + 400 * 24 * 3_600_000, closesAt: null },
      { opensAt: 'tomorrow', closesAt: null },
      { opensAt: now + 60_000 },
      { opensAt: 1.5, closesAt: null },
    ]) {
      expect(await command(officerSocket, 'schedule-set', bad), JSON.stringify(bad)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
    const schedule = { opensAt: now + 3_600_000, closesAt: now + 7_200_000 };
    expect(await command(officerSocket, 'schedule-set', schedule)).toEqual({ ok: true, schedule });
    await waitFor(() => readSchedule(officerBrief.doc).opensAt === schedule.opensAt, { what: 'the brief holds the schedule' });
    await waitFor(async () => (await server.store.findBoardPhase(boardId))?.closesAt === schedule.closesAt, { what: 'the store holds it' });
    expect((await supplier().client.get(`/api/boards/${boardId}`)).body).toMatchObject({ opensAt: schedule.opensAt });
    // Cleared again.
    expect(await command(officerSocket, 'schedule-set', { opensAt: null, closesAt: null })).toMatchObject({ ok: true });
    await waitFor(async () => (await server.store.listScheduledBoards()).length === 0, { what: 'no board scheduled' });
  });

  it('[#12.schedule] opening a scheduled board by hand drops its opening time, so it never "opens" again later', async () => {
    const now = Date.now();
    expect(await command(officerSocket, 'phase-set', { phase: 'draft' })).toMatchObject({ ok: true });
    const schedule = { opensAt: now + 3_600_000, closesAt: now + 7_200_000 };
    expect(await command(officerSocket, 'schedule-set', schedule)).toMatchObject({ ok: true });
    await waitFor(() => readSchedule(officerBrief.doc).opensAt === schedule.opensAt, { what: 'the brief holds the schedule' });
    expect(await command(officerSocket, 'phase-set', { phase: 'open' })).toMatchObject({ ok: true });
    await waitFor(() => readSchedule(officerBrief.doc).opensAt === null, { what: 'the opening time dropped' });
    expect(readSchedule(officerBrief.doc).closesAt).toBe(schedule.closesAt);
    await waitFor(async () => (await server.store.findBoardPhase(boardId))?.opensAt === null, { what: 'the store’s copy too' });
    expect(await command(officerSocket, 'phase-set', { phase: 'closed' })).toMatchObject({ ok: true });
    await waitFor(async () => (await server.store.listScheduledBoards()).length === 0, { what: 'nothing left to fire' });
  });
});

describe('[#12.schedule] the server changes the phase on time', () => {
  const servers: TestServer[] = [];
  const open = new Disposables();

  afterEach(async () => {
    await open.disposeAll();
    for (const server of servers.splice(0).reverse()) await server.remove();
  });

  async function start(dataDir?: string): Promise<TestServer> {
    const server = await startTestServer({ ...(dataDir ? { dataDir } : {}), unloadAfterIdleMs: 100 });
    servers.push(server);
    return server;
  }

  /** A board in draft with a schedule set by its officer, and nobody connected afterwards. */
  async function scheduledDraftBoard(server: TestServer, schedule: { opensAt: number | null; closesAt: number | null }) {
    const board = await boardWithPeople(server, { supplierCount: 1 });
    const socket = await connectBoardSocket(server.url, board.officer.client, board.boardId);
    try {
      expect(await command(socket, 'phase-set', { phase: 'draft' })).toMatchObject({ ok: true });
      expect(await command(socket, 'schedule-set', schedule)).toMatchObject({ ok: true });
    } finally {
      socket.close();
    }
    return board;
  }

  async function storedBrief(server: TestServer, boardId: string): Promise<Y.Doc> {
    return docFromStored(await server.store.loadDocument(rooms.brief(boardId)));
  }

  it('[#12.schedule] opens and then closes a board with nobody connected, clearing each time as it fires', async () => {
    const server = await start();
    const now = Date.now();
    // Seconds apart, so a busy machine still gets everyone off the board before it opens.
    const opensAt = now + 6_000;
    const closesAt = now + 9_000;
    const board = await scheduledDraftBoard(server, { opensAt, closesAt });
    await waitFor(() => server.server.rooms.loadedCount === 0, { timeoutMs: 10_000, what: 'the board unloads with nobody on it' });
    expect(Date.now(), 'the board unloaded before its opening time').toBeLessThan(opensAt);
    expect((await server.store.findBoardPhase(board.boardId))?.phase).toBe('draft');

    await waitFor(async () => (await server.store.findBoardPhase(board.boardId))?.phase === 'open', { timeoutMs: 15_000, what: 'opened on time' });
    expect(Date.now()).toBeGreaterThanOrEqual(opensAt);
    await waitFor(async () => (await server.store.findBoardPhase(board.boardId))?.phase === 'closed', { timeoutMs: 15_000, what: 'closed on time' });
    expect(Date.now()).toBeGreaterThanOrEqual(closesAt);
    await waitFor(() => server.server.rooms.loadedCount === 0, { timeoutMs: 10_000, what: 'the board unloads again' });
    const brief = await storedBrief(server, board.boardId);
    expect(readPhase(brief)).toBe('closed');
    expect(readSchedule(brief)).toEqual({ opensAt: null, closesAt: null });
    expect(await server.store.listScheduledBoards()).toEqual([]);
    expect((await server.store.listPhaseChanges(board.boardId)).map((change) => [change.actor, change.from, change.to])).toEqual([
      [board.officer.personId, 'open', 'draft'],
      ['schedule', 'draft', 'open'],
      ['schedule', 'open', 'closed'],
    ]);
  }, 60_000);

  it('[#12.schedule] a time that passed while the server was down fires at start; the participant is admitted then', async () => {
    const first = await start();
    const opensAt = Date.now() + 1_000;
    const board = await scheduledDraftBoard(first, { opensAt, closesAt: null });
    await first.stop();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, opensAt - Date.now()) + 100));

    const second = await start(first.dataDir);
    await waitFor(async () => (await second.store.findBoardPhase(board.boardId))?.phase === 'open', { what: 'opened at start' });
    const wall = open.add(await connectDevice(second.url, rooms.wall(board.boardId), board.suppliers[0]!.client), (live) => live.destroy());
    expect(wall.closes).toEqual([]);
    expect((await second.store.listPhaseChanges(board.boardId)).at(-1)).toMatchObject({ actor: 'schedule', from: 'draft', to: 'open' });
  });

  it('[#12.schedule] a schedule still in the future after a restart fires on time', async () => {
    const first = await start();
    const opensAt = Date.now() + 5_000;
    const board = await scheduledDraftBoard(first, { opensAt, closesAt: null });
    await first.stop();
    const second = await start(first.dataDir);
    expect(Date.now(), 'restarted before the opening time').toBeLessThan(opensAt);
    expect((await second.store.findBoardPhase(board.boardId))?.phase).toBe('draft');
    await waitFor(async () => (await second.store.findBoardPhase(board.boardId))?.phase === 'open', { timeoutMs: 15_000, what: 'opened on time' });
    expect(Date.now()).toBeGreaterThanOrEqual(opensAt);
  }, 60_000);
});

/**
 * Issue 12, timer and spotlight commands over real socket.io on a real server: who may send them, what
 * they write in the brief's meta (seen by a stock y-websocket client of the brief, and in the store), and
 * that bad payloads are refused with 'invalid-input' and write nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import * as Y from 'yjs';
import { isNoteTargetId } from '../../shared/schema/brief.js';
import { addProblem } from '../../shared/schema/problems.js';
import { addServiceMap, addStage } from '../../shared/schema/serviceMaps.js';
import { readSpotlight } from '../../shared/schema/spotlight.js';
import { MAX_TIMER_DURATION_MS, readTimer, remainingMs } from '../../shared/schema/timer.js';
import type { BrowserClient } from '../helpers/http.js';
import {
  Disposables,
  boardWithPeople,
  connectBoardSocket,
  connectDevice,
  docFromStored,
  rooms,
  storedUpdateCount,
  unusedId,
  withServerRoom,
  type BoardWithPeople,
} from '../helpers/liveBoard.js';
import { waitFor } from '../helpers/liveClients.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';

type Answer = { ok: boolean; error?: { code: string; message: string }; [field: string]: unknown };

describe('[#12.timer] timer, spotlight and server-time commands', () => {
  let server: TestServer;
  let board: BoardWithPeople;
  const open = new Disposables();

  beforeEach(async () => {
    server = await startTestServer();
    board = await boardWithPeople(server, { supplierCount: 1, withObserver: true });
  });

  afterEach(async () => {
    await open.disposeAll();
    await server.remove();
  });

  async function socketOf(client: BrowserClient): Promise<Socket> {
    return open.add(await connectBoardSocket(server.url, client, board.boardId), (held) => held.disconnect());
  }

  function send(socket: Socket, event: string, payload: unknown): Promise<Answer> {
    return socket.timeout(5_000).emitWithAck(event, payload) as Promise<Answer>;
  }

  const briefName = () => `${board.boardId}/brief`;

  /** The officer's brief, live, with one problem and one stage the spotlight can point at. */
  async function officerBrief(): Promise<{ doc: Y.Doc; problemId: string; stageId: string }> {
    const live = open.add(await connectDevice(server.url, rooms.brief(board.boardId), board.officer.client), (held) => held.destroy());
    const problemId = addProblem(live.doc, { title: 'Carers cannot find respite' });
    const mapId = addServiceMap(live.doc, { title: 'Assessment' });
    const stageId = addStage(live.doc, mapId, { title: 'Ask for an assessment' });
    if (stageId === null) throw new Error('no stage was added');
    // Stored on the server (so later row counts only see what the commands write).
    await waitFor(async () => isNoteTargetId(docFromStored(await server.store.loadDocument(briefName())), stageId), { what: 'the brief stored' });
    return { doc: live.doc, problemId, stageId };
  }

  it('[#12.timer] server-time answers anyone on the board with the server clock', async () => {
    for (const client of [board.officer.client, board.suppliers[0]!.client, board.observer!.client]) {
      const socket = await socketOf(client);
      const before = Date.now();
      const answer = await send(socket, 'server-time', {});
      expect(answer.ok).toBe(true);
      expect(answer.now).toBeGreaterThanOrEqual(before);
      expect(answer.now).toBeLessThanOrEqual(Date.now());
    }
    const socket = await socketOf(board.suppliers[0]!.client);
    expect((await send(socket, 'server-time', { now: 1 })).error?.code).toBe('invalid-input');
  });

  it('[#12.timer] an officer starts, pauses, resumes, extends and clears; every reader of the brief sees it', async () => {
    const reader = open.add(await connectDevice(server.url, rooms.brief(board.boardId), board.suppliers[0]!.client), (held) => held.destroy());
    const officer = await socketOf(board.officer.client);

    const started = Date.now();
    const start = await send(officer, 'timer-set', { action: 'start', durationMs: 5 * 60_000, label: '  Stage 2 ideas ' });
    expect(start.ok).toBe(true);
    await waitFor(() => readTimer(reader.doc) !== null, { what: 'the timer in the participant’s brief' });
    const running = readTimer(reader.doc)!;
    expect(running.label).toBe('Stage 2 ideas');
    expect(running.endsAt).toBeGreaterThanOrEqual(started + 5 * 60_000);
    expect(running.endsAt).toBeLessThanOrEqual(Date.now() + 5 * 60_000);

    expect((await send(officer, 'timer-set', { action: 'pause' })).ok).toBe(true);
    await waitFor(() => readTimer(reader.doc)?.endsAt === null, { what: 'the pause' });
    const paused = readTimer(reader.doc)!;
    expect(paused.remainingMs).toBeGreaterThan(4 * 60_000);
    expect(paused.remainingMs).toBeLessThanOrEqual(5 * 60_000);

    expect((await send(officer, 'timer-set', { action: 'extend', byMs: 60_000 })).ok).toBe(true);
    await waitFor(() => readTimer(reader.doc)?.remainingMs === paused.remainingMs! + 60_000, { what: 'the extension' });

    const resumedAt = Date.now();
    expect((await send(officer, 'timer-set', { action: 'resume' })).ok).toBe(true);
    await waitFor(() => readTimer(reader.doc)?.endsAt !== null, { what: 'the resume' });
    const resumed = readTimer(reader.doc)!;
    expect(remainingMs(resumed, resumedAt)).toBeGreaterThanOrEqual(paused.remainingMs! + 60_000);
    expect(resumed.durationMs).toBe(6 * 60_000);

    expect((await send(officer, 'timer-set', { action: 'clear' })).ok).toBe(true);
    await waitFor(() => readTimer(reader.doc) === null, { what: 'the timer cleared' });
    // Pause with no timer is a conflict the officer is told about, not a crash.
    expect((await send(officer, 'timer-set', { action: 'pause' })).error?.code).toBe('conflict');
  });

  it('[#12.timer] a participant or an observer sending timer-set or spotlight-set is refused and nothing is written', async () => {
    const { problemId } = await officerBrief();
    const before = await storedUpdateCount(server, briefName());
    for (const client of [board.suppliers[0]!.client, board.observer!.client]) {
      const socket = await socketOf(client);
      const timer = await send(socket, 'timer-set', { action: 'start', durationMs: 60_000, label: 'Mine' });
      expect(timer.ok).toBe(false);
      expect(timer.error?.code).toBe('forbidden');
      const spotlight = await send(socket, 'spotlight-set', { targetId: problemId });
      expect(spotlight.error?.code).toBe('forbidden');
    }
    await withServerRoom(server, board.boardId, (room) => {
      expect(readTimer(room.brief.doc)).toBeNull();
      expect(readSpotlight(room.brief.doc)).toBeNull();
    });
    expect(await storedUpdateCount(server, briefName())).toBe(before);
  });

  it('[#12.timer] bad timer payloads get invalid-input and write nothing', async () => {
    await officerBrief();
    const before = await storedUpdateCount(server, briefName());
    const bad: unknown[] = [
      { action: 'start', durationMs: -60_000, label: 'Backwards' },
      { action: 'start', durationMs: 5_000, label: 'Too short' },
      { action: 'start', durationMs: MAX_TIMER_DURATION_MS + 1, label: 'Too long' },
      { action: 'start', durationMs: 60_000, label: 'x'.repeat(10_000) },
      { action: 'start', durationMs: 60_000, label: 'Stage\u200B 2' },
      { action: 'start', durationMs: '60000', label: 'Text' },
      { action: 'start', durationMs: 60_000, label: 'Extra', endsAt: 0 },
      { action: 'extend', byMs: -60_000 },
      { action: 'stop' },
      null,
      'start',
    ];
    // A bad payload is also a strike against the socket (MAX_BAD_SOCKET_EVENTS closes it): one socket each.
    for (const payload of bad) {
      const officer = await socketOf(board.officer.client);
      const answer = await send(officer, 'timer-set', payload);
      expect(answer.ok, JSON.stringify(payload)).toBe(false);
      expect(answer.error?.code, JSON.stringify(payload)).toBe('invalid-input');
      expect(answer.error?.message.length).toBeGreaterThan(0);
    }
    await withServerRoom(server, board.boardId, (room) => expect(readTimer(room.brief.doc)).toBeNull());
    expect(await storedUpdateCount(server, briefName())).toBe(before);
  });

  it('[#12.spotlight] an officer spotlights a problem, a stage and a cluster, then ends it', async () => {
    const { doc, problemId, stageId } = await officerBrief();
    const reader = open.add(await connectDevice(server.url, rooms.brief(board.boardId), board.suppliers[0]!.client), (held) => held.destroy());
    const officer = await socketOf(board.officer.client);

    for (const targetId of [problemId, stageId]) {
      const answer = await send(officer, 'spotlight-set', { targetId });
      expect(answer.ok).toBe(true);
      await waitFor(() => readSpotlight(reader.doc)?.targetId === targetId, { what: `the spotlight on ${targetId}` });
    }
    // A cluster (grouping, issue 12) lives in the brief's `clusters` root, written by officers' clients.
    const clusterId = unusedId();
    const cluster = new Y.Map<unknown>();
    doc.getMap('clusters').set(clusterId, cluster);
    cluster.set('title', 'Booking online');
    await waitFor(() => withServerRoom(server, board.boardId, (room) => room.brief.doc.getMap('clusters').has(clusterId)), { what: 'the cluster' });
    expect((await send(officer, 'spotlight-set', { targetId: clusterId })).ok).toBe(true);
    await waitFor(() => readSpotlight(reader.doc)?.targetId === clusterId, { what: 'the spotlight on the cluster' });

    expect((await send(officer, 'spotlight-set', { targetId: null })).ok).toBe(true);
    await waitFor(() => readSpotlight(reader.doc) === null, { what: 'the spotlight ended' });
  });

  it('[#12.spotlight] an unknown or malformed target gets invalid-input and writes nothing', async () => {
    const { problemId } = await officerBrief();
    const first = await socketOf(board.officer.client);
    expect((await send(first, 'spotlight-set', { targetId: problemId })).ok).toBe(true);
    // Stored (the group commit has written it) before counting the rows.
    await waitFor(async () => readSpotlight(docFromStored(await server.store.loadDocument(briefName()))) !== null, { what: 'the spotlight stored' });
    const before = await storedUpdateCount(server, briefName());
    for (const payload of [{ targetId: unusedId() }, { targetId: '../../etc/passwd' }, { targetId: 42 }, { target: problemId }, {}, { targetId: problemId, at: 1 }]) {
      const officer = await socketOf(board.officer.client);
      const answer = await send(officer, 'spotlight-set', payload);
      expect(answer.ok, JSON.stringify(payload)).toBe(false);
      expect(answer.error?.code, JSON.stringify(payload)).toBe('invalid-input');
    }
    await withServerRoom(server, board.boardId, (room) => expect(readSpotlight(room.brief.doc)?.targetId).toBe(problemId));
    expect(await storedUpdateCount(server, briefName())).toBe(before);
  });
});

/**
 * Issue 10 item 15: a store that cannot write (disk full, read-only). Readiness says so, writers are told,
 * joins get a clear 503, readers still sync what is stored, the backlog stays bounded, nothing accepted is
 * lost, and recovery goes in small batches. The store is the real SQLite one: behind a wrapper that throws
 * SQLite's own SQLITE_FULL, or on a real tmpfs that is really full (when this sandbox may mount one).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addDraftNote, readDraftNotes, updateDraftNote } from '../../shared/schema/draftNotes.js';
import { addProblem } from '../../shared/schema/problems.js';
import { readWallNotes } from '../../shared/schema/wall.js';
import { createLogger } from '../../server/log.js';
import { GroupCommitWriter } from '../../server/store/groupCommit.js';
import { SqliteStore } from '../../server/store/sqlite.js';
import type { Store } from '../../server/store/store.js';
import { canMountTmpfs, fillDisk, mountTmpfs, unmount } from '../helpers/fullDisk.js';
import { newBrowserClient, tokenFromUrl } from '../helpers/http.js';
import { Disposables, boardWithPeople, connectDevice, listenForNoteStatus, rooms } from '../helpers/liveBoard.js';
import { waitFor } from '../helpers/liveClients.js';
import { wrapStore } from '../helpers/slowStore.js';
import { startTestServer } from '../helpers/startServer.js';
import { expectError } from './scenario.js';

const open = new Disposables();

afterEach(async () => {
  await open.disposeAll();
});

/** The error better-sqlite3 throws when the disk is full: same class of value, same code. */
function diskFull(): Error {
  return Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
}

/** Methods that only read; every other store method writes (and fails while the disk is full). */
function isRead(method: keyof Store): boolean {
  return /^(find|list|count|is|load)/.test(method);
}

async function readiness(baseUrl: string): Promise<{ status: number; body: { status: string; reason?: string } }> {
  const response = await fetch(`${baseUrl}/readyz`);
  return { status: response.status, body: (await response.json()) as { status: string; reason?: string } };
}

/** A join through the participant link, as a new browser does it. */
async function tryToJoin(baseUrl: string, linkUrl: string, name: string) {
  const visitor = await newBrowserClient(baseUrl);
  return visitor.post(`/api/join/${tokenFromUrl(linkUrl)}`, { name, organisation: 'Late Arrivals Ltd', acceptNotice: true });
}

describe('[#10.15] the store cannot write', () => {
  it('[#10.15] readiness says so, writers are told, joins get 503, a new reader syncs what is stored; the backlog is bounded and nothing accepted is lost, stored back in small batches', async () => {
    const MAX_BACKLOG = 40;
    const RECOVERY_BATCH = 5;
    const outage = { isFull: false, batches: [] as number[] };
    const server = await startTestServer({
      wrapStore: (store) =>
        wrapStore(store, (method, args) => {
          if (method === 'appendDocumentUpdates') outage.batches.push((args[0] as unknown[]).length);
          if (outage.isFull && !isRead(method)) throw diskFull();
        }),
      writerLimits: { maxBacklogUpdates: MAX_BACKLOG, recoveryBatchUpdates: RECOVERY_BATCH },
    });
    open.add(server, (running) => running.remove());
    const board = await boardWithPeople(server, { supplierCount: 1 });
    const supplier = board.suppliers[0]!;
    const brief = open.add(await connectDevice(server.url, rooms.brief(board.boardId), board.officer.client), (live) => live.destroy());
    const problemId = addProblem(brief.doc, { title: 'Repairs need second visits' });
    const wall = open.add(await connectDevice(server.url, rooms.wall(board.boardId), board.officer.client), (live) => live.destroy());
    const draftRoom = rooms.draft(board.boardId, supplier.personId);
    const draft = open.add(await connectDevice(server.url, draftRoom, supplier.client), (live) => live.destroy());
    const events = open.add(await listenForNoteStatus(server.url, supplier.client, board.boardId), (listener) => listener.close());
    const storeStatuses: Array<{ canStore: boolean }> = [];
    events.socket.on('store-status', (payload: { canStore: boolean }) => storeStatuses.push(payload));
    addDraftNote(draft.doc, { text: 'Stored before the disk filled', colour: 'yellow', targetId: problemId });
    await waitFor(() => readWallNotes(wall.doc).size === 1, { what: 'the first note on the wall' });
    expect((await readiness(server.url)).status).toBe(200);

    outage.isFull = true;
    const firstText = 'Stored before the disk filled';
    const noteId = addDraftNote(draft.doc, { text: 'Written while the disk was full', colour: 'yellow', targetId: problemId });
    await waitFor(() => storeStatuses.some((status) => !status.canStore), { what: 'the writer told the store cannot store changes' });
    const notReady = await readiness(server.url);
    expect(notReady.status).toBe(503);
    expect(notReady.body.status).toBe('store-cannot-write');
    expect(notReady.body.reason).toContain('SQLITE_FULL');
    expectError(await tryToJoin(server.url, board.participantLink.url, 'Late Larry'), 503, 'store-unavailable');

    // A second tab of the author opens the draft: it syncs at once, with what is stored only.
    const secondTab = open.add(await connectDevice(server.url, draftRoom, supplier.client), (live) => live.destroy());
    expect([...readDraftNotes(secondTab.doc).values()].map((check) => (check.ok ? check.note.text : '?'))).toEqual([firstText]);
    expect(readWallNotes(wall.doc).size).toBe(1);

    // The author keeps editing: the server holds at most its bound, then refuses with 4507 (not abuse).
    let lastText = '';
    for (let index = 0; index < 300 && !draft.closes.some((close) => close.code === 4507); index += 1) {
      lastText = `Edited while the disk was full, version ${index}`;
      updateDraftNote(draft.doc, noteId, { text: lastText });
      await new Promise((resolve) => setImmediate(resolve));
    }
    await waitFor(() => draft.closes.some((close) => close.code === 4507), { what: 'the writer refused with 4507 once the backlog is full' });
    const held = server.server.writer.status();
    expect(held.isFull).toBe(true);
    expect(held.backlogUpdates).toBeLessThanOrEqual(MAX_BACKLOG + 2);
    expect(draft.closes.map((close) => close.code).filter((code) => code !== 4507)).toEqual([]);
    // Edits after the refusal stay on the device and are sent again on reconnect.
    lastText = 'The final version, written after the refusal';
    updateDraftNote(draft.doc, noteId, { text: lastText });

    // Space comes back: everything reaches the wall, the refused edits sent again by the device.
    const fromRecovery = outage.batches.length;
    outage.isFull = false;
    const texts = [firstText, lastText];
    const wallTexts = () => [...readWallNotes(wall.doc).values()].map((note) => note.text).sort();
    await waitFor(() => JSON.stringify(wallTexts()) === JSON.stringify([...texts].sort()), {
      timeoutMs: 20_000,
      what: `the latest text on the wall (now ${JSON.stringify(wallTexts())})`,
    });
    await waitFor(() => storeStatuses.at(-1)?.canStore === true, { what: 'the writer told changes are stored again' });
    expect((await readiness(server.url)).status).toBe(200);
    const recoveryBatches = outage.batches.slice(fromRecovery);
    expect(recoveryBatches.filter((size) => size > RECOVERY_BATCH)).toEqual([]);
    expect(recoveryBatches.length).toBeGreaterThanOrEqual(Math.floor(MAX_BACKLOG / RECOVERY_BATCH));

    // And it is all stored: a restarted server shows every note.
    draft.destroy();
    secondTab.destroy();
    wall.destroy();
    brief.destroy();
    events.close();
    await server.stop();
    const again = await startTestServer({ dataDir: server.dataDir });
    open.add(again, (running) => running.stop());
    const reader = open.add(await connectDevice(again.url, rooms.wall(board.boardId), board.officer.client), (live) => live.destroy());
    expect([...readWallNotes(reader.doc).values()].map((note) => note.text).sort()).toEqual([...texts].sort());
  }, 60_000);
});

/**
 * A real SQLite store in a fresh directory, behind a wrapper that notes each group commit's size and throws
 * SQLite's own SQLITE_FULL on every write while `outage.isFull`.
 */
function storeThatFills(start: { isFull: boolean }) {
  const dir = mkdtempSync(path.join(tmpdir(), 'oiw-writer-'));
  const sqlite = SqliteStore.inDataDir(dir);
  open.add(dir, (made) => rmSync(made, { recursive: true, force: true }));
  open.add(sqlite, (store) => store.close());
  const outage = { isFull: start.isFull, batches: [] as number[] };
  const store = wrapStore(sqlite, (method, args) => {
    if (method === 'appendDocumentUpdates') outage.batches.push((args[0] as unknown[]).length);
    if (outage.isFull && !isRead(method)) throw diskFull();
  });
  return { sqlite, store, outage };
}

describe('[#10.15] the writer on a failing store', () => {
  it('[#10.15] keeps every accepted update past its bound, says when to refuse, and stores them in order in small batches once the store is back', async () => {
    const { sqlite, store, outage } = storeThatFills({ isFull: true });
    const writer = new GroupCommitWriter(store, createLogger('silent'), { maxBacklogUpdates: 20, maxBacklogBytes: 1_000_000, recoveryBatchUpdates: 4 });
    const statuses: boolean[] = [];
    writer.onStatusChange((status) => statuses.push(status.canStore));
    const updates = Array.from({ length: 30 }, (_, index) => new Uint8Array([index, 1, 2, 3]));
    const committed: number[] = [];
    updates.slice(0, 19).forEach((update, index) => void writer.append('doc', update).then(() => committed.push(index)));
    expect(writer.refusesNewWrites()).toBe(false);
    void writer.append('doc', updates[19]!).then(() => committed.push(19));
    // At the bound: callers refuse new client changes; what the server itself must write is still kept.
    expect(writer.refusesNewWrites()).toBe(true);
    updates.slice(20).forEach((update, offset) => void writer.append('doc', update).then(() => committed.push(20 + offset)));
    await waitFor(() => statuses.includes(false), { what: 'the writer to report the failure' });
    expect(writer.status()).toMatchObject({ canStore: false, backlogUpdates: 30, isFull: true });
    expect(writer.status().reason).toContain('SQLITE_FULL');
    expect(committed).toEqual([]);

    const fromRecovery = outage.batches.length;
    outage.isFull = false;
    expect(await writer.drain(15_000)).toBe(true);
    expect(committed).toEqual(updates.map((_, index) => index));
    expect(writer.status()).toMatchObject({ canStore: true, backlogUpdates: 0, backlogBytes: 0, isFull: false });
    expect(statuses.at(-1)).toBe(true);
    expect(outage.batches.slice(fromRecovery).every((size) => size <= 4)).toBe(true);
    expect((await sqlite.loadDocument('doc')).updates.map((update) => update[0])).toEqual(updates.map((_, index) => index));
  });
});

describe('[#15] committing at once (a quiet board\'s note)', () => {
  it('[#15] stores what is queued in one commit before the next check phase, and never cuts a failing store\'s backoff short', async () => {
    const { sqlite, store, outage } = storeThatFills({ isFull: false });
    const writer = new GroupCommitWriter(store, createLogger('silent'));
    const committed: number[] = [];
    const append = (value: number) => void writer.append('doc', new Uint8Array([value])).then(() => committed.push(value));

    // A draft change and the wall change it caused, then at once: one commit, before any immediate runs.
    append(1);
    append(2);
    writer.commitNow();
    for (let hop = 0; hop < 100 && committed.length < 2; hop += 1) await Promise.resolve();
    expect({ committed, batches: outage.batches }).toEqual({ committed: [1, 2], batches: [2] });

    // The store fails: the retry waits out its backoff (100 ms), however often a commit is asked for.
    outage.isFull = true;
    append(3);
    writer.commitNow();
    // Microtasks only, so the check phase that `append` scheduled has not come yet.
    for (let hop = 0; hop < 100 && writer.status().canStore; hop += 1) await Promise.resolve();
    expect(writer.status().canStore).toBe(false);
    const attempts = outage.batches.length;
    for (const value of [4, 5, 6]) {
      append(value);
      writer.commitNow();
    }
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(outage.batches.length).toBe(attempts);

    outage.isFull = false;
    expect(await writer.drain(5_000)).toBe(true);
    expect(committed).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await sqlite.loadDocument('doc')).updates.map((update) => update[0])).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe.skipIf(!canMountTmpfs())('[#10.15] a really full disk (tmpfs with a size limit)', () => {
  it('[#10.15] /readyz says the disk is full, joins get 503, and a note written meanwhile is published once space is freed', async () => {
    const mountPoint = mountTmpfs('3m')!;
    open.add(mountPoint, unmount);
    const dataDir = path.join(mountPoint, 'data');
    mkdirSync(dataDir);
    const server = await startTestServer({ dataDir });
    open.add(server, (running) => running.stop());
    const board = await boardWithPeople(server, { supplierCount: 1 });
    const supplier = board.suppliers[0]!;
    const brief = open.add(await connectDevice(server.url, rooms.brief(board.boardId), board.officer.client), (live) => live.destroy());
    const problemId = addProblem(brief.doc, { title: 'Repairs need second visits' });
    const wall = open.add(await connectDevice(server.url, rooms.wall(board.boardId), board.officer.client), (live) => live.destroy());
    const draft = open.add(await connectDevice(server.url, rooms.draft(board.boardId, supplier.personId), supplier.client), (live) => live.destroy());
    expect((await readiness(server.url)).status).toBe(200);

    const filler = path.join(mountPoint, 'filler');
    fillDisk(filler);
    const texts: string[] = [];
    // Writing until the store notices: SQLite may still fit a page or two into what it had.
    await waitFor(
      async () => {
        const text = `Written on a full disk ${texts.length}: ${'x'.repeat(400)}`;
        texts.push(text);
        addDraftNote(draft.doc, { text, colour: 'yellow', targetId: problemId });
        return (await readiness(server.url)).status === 503;
      },
      { timeoutMs: 10_000, intervalMs: 200, what: '/readyz to say the store cannot write' },
    );
    const notReady = await readiness(server.url);
    expect(notReady.body.status).toBe('store-cannot-write');
    expect(notReady.body.reason).toMatch(/SQLITE_FULL|SQLITE_IOERR/);
    expectError(await tryToJoin(server.url, board.participantLink.url, 'Late Larry'), 503, 'store-unavailable');

    rmSync(filler);
    await waitFor(() => texts.every((text) => [...readWallNotes(wall.doc).values()].some((note) => note.text === text)), {
      timeoutMs: 20_000,
      what: 'every note written on the full disk on the wall once space is back',
    });
    await waitFor(async () => (await readiness(server.url)).status === 200, { timeoutMs: 10_000, what: 'ready again' });
    expect((await tryToJoin(server.url, board.participantLink.url, 'Late Larry')).status).toBe(201);
  }, 60_000);
});

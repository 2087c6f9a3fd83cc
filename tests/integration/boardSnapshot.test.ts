/**
 * Issue 15, phones served light (ADR 0008): a page with no copy of the board reads its brief and wall over
 * HTTP, compressed with the standard Content-Encoding, and the websockets' sync then sends only what changed
 * since. The snapshot is what the websockets would have sent (same people may read it, nothing unstored in
 * it), and bad requests get JSON errors.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { SNAPSHOT_EPOCH_HEADER, boardSnapshotPath, decodeBoardSnapshot, encodeBoardSnapshot, type BoardSnapshot } from '../../shared/protocol/boardSnapshot.js';
import { addDraftNote } from '../../shared/schema/draftNotes.js';
import { addProblem } from '../../shared/schema/problems.js';
import { BRIEF_ROOTS } from '../../shared/schema/roots.js';
import { readWallNotes } from '../../shared/schema/wall.js';
import { Disposables, boardWithPeople, connectDevice, rooms, sameStateVector, withServerRoom, type BoardWithPeople } from '../helpers/liveBoard.js';
import type { BrowserClient } from '../helpers/http.js';
import { connectRaw, cookieHeader, waitFor } from '../helpers/liveClients.js';
import { rawGet, type RawAnswer } from '../helpers/rawGet.js';
import { wrapStore } from '../helpers/slowStore.js';
import { createBoard, joinBoard } from './scenario.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';

const open = new Disposables();
let server: TestServer | null = null;

afterEach(async () => {
  await open.disposeAll();
  await server?.remove();
  server = null;
});


function snapshotAs(client: BrowserClient | null, boardId: string, acceptEncoding: string): Promise<RawAnswer> {
  return rawGet(new URL(boardSnapshotPath(boardId), server!.url).href, { ...(client ? { cookie: cookieHeader(client) } : {}), 'accept-encoding': acceptEncoding });
}

function decompressed(response: RawAnswer): Buffer {
  const encoding = response.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(response.body);
  if (encoding === 'gzip') return gunzipSync(response.body);
  return response.body;
}

function snapshotIn(response: RawAnswer): BoardSnapshot {
  const snapshot = decodeBoardSnapshot(decompressed(response));
  if (snapshot === null) throw new Error('not a board snapshot');
  return snapshot;
}

/** Notes of varied text, as people write them (repeated text would flatter the compression). */
function ideaText(index: number): string {
  const words = ['repairs', 'tenants', 'visits', 'booking', 'photos', 'parts', 'van', 'stock', 'survey', 'damp', 'boiler', 'text', 'reminder'];
  return Array.from({ length: 14 }, (_, i) => words[(index * 7 + i * (index % 5 + 1)) % words.length]).join(' ') + ` (${index})`;
}

/** Each person may publish this many notes a minute (MAX_NOTES_PER_MINUTE): a board of many notes needs many people. */
const NOTES_PER_SUPPLIER = 10;

/**
 * A board with a problem and `count` notes by its suppliers, published, and one more supplier who has
 * written nothing yet (whose draft is returned); the officer's wall copy returned.
 */
async function boardWithNotes(count: number): Promise<{ board: BoardWithPeople; brief: Y.Doc; wall: Y.Doc; problemId: string; draft: Y.Doc }> {
  const writers = Math.ceil(count / NOTES_PER_SUPPLIER);
  const board = await boardWithPeople(server!, { supplierCount: writers + 1, withObserver: true });
  const url = server!.url;
  const brief = open.add(await connectDevice(url, rooms.brief(board.boardId), board.officer.client), (live) => live.destroy());
  const problemId = addProblem(brief.doc, { title: 'Repairs need second visits' });
  const wall = open.add(await connectDevice(url, rooms.wall(board.boardId), board.officer.client), (live) => live.destroy());
  const drafts: Y.Doc[] = [];
  for (const supplier of board.suppliers) {
    drafts.push(open.add(await connectDevice(url, rooms.draft(board.boardId, supplier.personId), supplier.client), (live) => live.destroy()).doc);
  }
  const supplierBrief = open.add(await connectDevice(url, rooms.brief(board.boardId), board.suppliers[0]!.client), (live) => live.destroy()); // reason: at least two suppliers
  await waitFor(() => supplierBrief.doc.getMap(BRIEF_ROOTS.problems).size > 0, { what: 'the problem stored and sent' });
  for (let index = 0; index < count; index++) {
    addDraftNote(drafts[Math.floor(index / NOTES_PER_SUPPLIER)]!, { text: ideaText(index), colour: 'yellow', targetId: problemId }); // reason: index < count
  }
  await waitFor(() => readWallNotes(wall.doc).size === count, { what: `${count} notes on the wall` });
  return { board, brief: brief.doc, wall: wall.doc, problemId, draft: drafts[writers]! }; // reason: one supplier more than writers
}

/** The update in the first sync step 2 among a raw client's messages, or null. */
function syncStep2Of(messages: Uint8Array[]): Uint8Array | null {
  for (const message of messages) {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep2) continue;
    return decoding.readVarUint8Array(decoder);
  }
  return null;
}

describe('[#15] the brief and wall over HTTP for a page that joins', () => {
  it('[#15] sends the stored brief and wall compressed (brotli, gzip or plain, as the page accepts), with its epoch', async () => {
    server = await startTestServer();
    const { board, wall, brief } = await boardWithNotes(60);
    const supplier = board.suppliers[0]!; // reason: one supplier asked for
    const epoch = (await supplier.client.get(`/api/boards/${board.boardId}`)).body.documents.epoch as string;

    const plain = await snapshotAs(supplier.client, board.boardId, 'identity');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-type']).toBe('application/octet-stream');
    expect(plain.headers[SNAPSHOT_EPOCH_HEADER.toLowerCase()]).toBe(epoch);
    expect(plain.headers['cache-control']).toBe('no-store');

    for (const [accept, expected] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
      ['br;q=0.1, gzip;q=1', 'gzip'],
    ] as const) {
      const response = await snapshotAs(supplier.client, board.boardId, accept);
      expect(response.status, accept).toBe(200);
      expect(response.headers['content-encoding'], accept).toBe(expected);
      expect(response.headers.vary, accept).toMatch(/Accept-Encoding/i);
      // Compressed, well under the plain bytes, and the same wall once opened.
      expect(response.body.byteLength, accept).toBeLessThan(plain.body.byteLength * 0.6);
      expect(decompressed(response).equals(plain.body), accept).toBe(true);
    }

    const { brief: briefState, wall: wallState } = snapshotIn(plain);
    const wallCopy = new Y.Doc();
    Y.applyUpdate(wallCopy, wallState);
    expect(sameStateVector(wallCopy, wall)).toBe(true);
    expect(readWallNotes(wallCopy).size).toBe(60);
    const briefCopy = new Y.Doc();
    Y.applyUpdate(briefCopy, briefState);
    expect(sameStateVector(briefCopy, brief)).toBe(true);
    expect(briefCopy.getMap(BRIEF_ROOTS.problems).size).toBe(1);
    // Observers and officers read the same bytes.
    for (const reader of [board.observer!.client, board.officer.client]) {
      const response = await snapshotAs(reader, board.boardId, 'identity');
      expect(response.status).toBe(200);
      expect(response.body.equals(plain.body)).toBe(true);
    }
  });

  it('[#15] after the snapshot the websocket sends only what changed since, not the wall again', async () => {
    server = await startTestServer();
    const { board, wall, problemId, draft } = await boardWithNotes(80);
    const supplier = board.suppliers[0]!; // reason: one supplier asked for
    const snapshot = snapshotIn(await snapshotAs(supplier.client, board.boardId, 'br')).wall;
    const copy = new Y.Doc();
    Y.applyUpdate(copy, snapshot);
    // A note published after the snapshot was made (the snapshot may be up to a second old).
    addDraftNote(draft, { text: 'One more idea after the snapshot', colour: 'blue', targetId: problemId });
    await waitFor(() => readWallNotes(wall).size === 81, { what: 'the 81st note on the wall' });

    const raw = open.add(await connectRaw(server.url, rooms.wall(board.boardId), supplier.client), (client) => client.close());
    raw.sendSyncStep1(copy);
    // What the server sent, applied on top of the snapshot, is the whole wall; and it is a small part of it.
    await waitFor(() => syncStep2Of(raw.received) !== null, { what: 'the sync step 2' });
    const difference = syncStep2Of(raw.received)!; // reason: waited for above
    expect(difference.byteLength).toBeLessThan(snapshot.byteLength / 10);
    Y.applyUpdate(copy, difference);
    expect(sameStateVector(copy, wall)).toBe(true);
    expect([...readWallNotes(copy).values()].some((note) => note.text === 'One more idea after the snapshot')).toBe(true);
  });

  it('[#15] holds nothing unstored: the snapshot waits for the commit of what it shows', async () => {
    let holdAppends: Promise<void> | null = null;
    server = await startTestServer({
      wrapStore: (store) => wrapStore(store, (method) => (method === 'appendDocumentUpdates' && holdAppends ? holdAppends : undefined)),
    });
    const { board, problemId, draft } = await boardWithNotes(3);
    const supplier = board.suppliers[0]!; // reason: one supplier asked for
    let release: () => void = () => undefined;
    holdAppends = new Promise<void>((resolve) => (release = resolve));
    addDraftNote(draft, { text: 'Held by a slow disk', colour: 'pink', targetId: problemId });
    // The note is on the server's wall in memory, its commit held.
    await waitFor(
      async () => {
        const count = await withServerRoom(server!, board.boardId, (room) => readWallNotes(room.wall.doc).size);
        return count === 4;
      },
      { what: 'the note published in memory' },
    );
    let answered = false;
    const pending = snapshotAs(supplier.client, board.boardId, 'identity').then((response) => {
      answered = true;
      return response;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(answered).toBe(false);
    holdAppends = null;
    release();
    const response = await pending;
    expect(response.status).toBe(200);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, snapshotIn(response).wall);
    expect([...readWallNotes(doc).values()].some((note) => note.text === 'Held by a slow disk')).toBe(true);
  });

  it('[#15] refuses what the websocket would refuse, with JSON errors', async () => {
    server = await startTestServer();
    const board = await boardWithPeople(server, { supplierCount: 1 });
    const supplier = board.suppliers[0]!; // reason: one supplier asked for
    // A second board of the same officer, and someone who joined only that one.
    const { participantLink } = await createBoard(board.officer.client);
    const stranger = await joinBoard(server.url, participantLink, { name: 'Sam Other', organisation: 'Other Ltd' });

    const cases: Array<[string, BrowserClient | null, string, number, string]> = [
      ['no session', null, board.boardId, 401, 'unauthenticated'],
      ['a supplier of another board', stranger, board.boardId, 404, 'not-found'],
      ['an id that is not an id', supplier.client, '..%2F..%2Fetc', 400, 'invalid-input'],
      ['a board that does not exist', supplier.client, 'AAAAAAAAAAAAAAAAAAAAA', 404, 'not-found'],
    ];
    for (const [what, client, boardId, status, code] of cases) {
      const response = await rawGet(`${server.url}/api/boards/${boardId}/snapshot`, client ? { cookie: cookieHeader(client) } : {});
      expect(response.status, what).toBe(status);
      expect(response.headers['content-type'], what).toMatch(/application\/json/);
      expect(JSON.parse(response.body.toString('utf8')), what).toMatchObject({ error: { code } });
    }
  });

  it('[#15] in draft only the board\'s officers read it, even when an officer\'s request made the snapshot just before', async () => {
    server = await startTestServer();
    const board = await boardWithPeople(server, { supplierCount: 1, withObserver: true });
    await withServerRoom(server, board.boardId, (room) => room.writeBriefMeta({ phase: 'draft' }));
    const officer = await snapshotAs(board.officer.client, board.boardId, 'gzip');
    expect(officer.status).toBe(200);
    for (const person of [board.suppliers[0]!, board.observer!]) { // reason: one supplier and an observer asked for
      const response = await snapshotAs(person.client, board.boardId, 'gzip');
      expect(response.status).toBe(403);
      expect(JSON.parse(response.body.toString('utf8'))).toMatchObject({ error: { code: 'forbidden', message: 'This board is not open yet.' } });
    }
  });

  it('[#15] the snapshot body reads back exactly, and bytes that are not one are refused', () => {
    const brief = new Y.Doc();
    brief.getMap('meta').set('phase', 'open');
    const wall = new Y.Doc();
    wall.getMap('notes').set('a:b', ['An idea', 0, 't', 0, 0]);
    const parts = { brief: Y.encodeStateAsUpdate(brief), wall: Y.encodeStateAsUpdate(wall) };
    const body = encodeBoardSnapshot(parts);
    expect(decodeBoardSnapshot(body)).toEqual(parts);
    // Cut short, with a byte too many, a length past the end (read from a larger buffer), and nothing at all.
    const padded = new Uint8Array(body.byteLength + 64);
    padded.set(body);
    for (const bad of [body.subarray(0, body.byteLength - 1), new Uint8Array([...body, 0]), padded.subarray(0, 3), new Uint8Array(0)]) {
      expect(decodeBoardSnapshot(bad)).toBeNull();
    }
  });
});

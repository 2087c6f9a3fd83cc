/**
 * Issue 10 item 13: admission never loses frames or connections, on a store that answers 15 ms later (as a
 * networked store does). The stock provider sends its sync step 1 and its first edits as soon as the socket
 * opens, while the server is still checking the session and loading the board: those frames must be queued
 * and handled in order, and a socket that goes during admission must leave nothing behind.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { addDraftNote, readRawDraftNotes } from '../../shared/schema/draftNotes.js';
import { addProblem, readProblems } from '../../shared/schema/problems.js';
import { BRIEF_ROOTS, DRAFT_ROOTS } from '../../shared/schema/roots.js';
import { readWallNotes } from '../../shared/schema/wall.js';
import type { BrowserClient } from '../helpers/http.js';
import { Disposables, boardWithPeople, rooms, sameStateVector, withServerRoom, type BoardWithPeople } from '../helpers/liveBoard.js';
import { cookieHeader, rootsJson, waitFor } from '../helpers/liveClients.js';
import { slowStore } from '../helpers/slowStore.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';

const STORE_DELAY_MS = 15;

describe('[#10.13] admission on a slow store', () => {
  let server: TestServer;
  let board: BoardWithPeople;
  const open = new Disposables();

  beforeEach(async () => {
    server = await startTestServer({ wrapStore: (store) => slowStore(store, STORE_DELAY_MS), unloadAfterIdleMs: 200 });
    board = await boardWithPeople(server, { supplierCount: 1 });
  });

  afterEach(async () => {
    await open.disposeAll();
    await server.remove();
  });

  /** The stock provider with its default options; only the socket class is ours, to send the cookie. */
  function stockProvider(room: string, client: BrowserClient, doc = new Y.Doc()): { doc: Y.Doc; provider: WebsocketProvider } {
    const cookie = cookieHeader(client);
    const origin = server.url;
    const WebSocketWithCookie = class extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers: { cookie, origin } });
      }
    };
    const provider = new WebsocketProvider(server.url.replace(/^http/, 'ws') + '/yjs', room, doc, {
      WebSocketPolyfill: WebSocketWithCookie as never,
    });
    open.add(provider, (held) => {
      held.destroy();
      doc.destroy();
    });
    return { doc, provider };
  }

  it('[#10.13] the stock y-websocket provider (default options) syncs on a slow store, and edits made at once converge', async () => {
    const supplier = board.suppliers[0]!;
    // Edits made before the socket even opens go out in the provider's first frames, during admission.
    const officerDoc = new Y.Doc();
    const problemId = addProblem(officerDoc, { title: 'Books go missing between branches' });
    const officerBrief = stockProvider(rooms.brief(board.boardId), board.officer.client, officerDoc);
    const supplierDraftDoc = new Y.Doc();
    const draftRoom = rooms.draft(board.boardId, supplier.personId);
    const supplierDraft = stockProvider(draftRoom, supplier.client, supplierDraftDoc);
    addDraftNote(supplierDraftDoc, { text: 'Track every book with RFID', targetId: problemId });
    const supplierBrief = stockProvider(rooms.brief(board.boardId), supplier.client);
    const supplierWall = stockProvider(rooms.wall(board.boardId), supplier.client);

    const providers = [officerBrief, supplierDraft, supplierBrief, supplierWall];
    await waitFor(() => providers.every(({ provider }) => provider.synced), { timeoutMs: 10_000, what: 'every stock provider synced' });
    await waitFor(() => readProblems(supplierBrief.doc).some((problem) => problem.id === problemId), {
      timeoutMs: 5_000,
      what: 'the officer’s first edit on the supplier’s brief',
    });
    await waitFor(() => [...readWallNotes(supplierWall.doc).values()].some((note) => note.text === 'Track every book with RFID'), {
      timeoutMs: 5_000,
      what: 'the supplier’s first note published on the wall',
    });

    // Every copy and the server's copy are identical (state vectors and roots).
    await withServerRoom(server, board.boardId, async (room) => {
      const brief = room.brief.doc;
      await waitFor(() => sameStateVector(brief, officerBrief.doc) && sameStateVector(brief, supplierBrief.doc), {
        what: 'brief copies converged',
      });
      const roots = Object.values(BRIEF_ROOTS);
      expect(rootsJson(officerBrief.doc, roots)).toEqual(rootsJson(brief, roots));
      expect(rootsJson(supplierBrief.doc, roots)).toEqual(rootsJson(brief, roots));
      const draft = await room.openDraft(supplier.personId);
      await waitFor(() => sameStateVector(draft.doc, supplierDraft.doc), { what: 'draft copies converged' });
      expect(rootsJson(supplierDraft.doc, Object.values(DRAFT_ROOTS))).toEqual(rootsJson(draft.doc, Object.values(DRAFT_ROOTS)));
      expect(readRawDraftNotes(draft.doc).size).toBe(1);
    });
  });

  it('[#10.13] a socket closed during admission leaves no peer, no registry entry, and the board unloads', async () => {
    const supplier = board.suppliers[0]!;
    const headers = { cookie: cookieHeader(supplier.client), origin: server.url };
    const url = (room: string) => server.url.replace(/^http/, 'ws') + '/yjs/' + room;
    const targets = [rooms.wall(board.boardId), rooms.brief(board.boardId), rooms.draft(board.boardId, supplier.personId)];
    // Close at different points of admission: at once, and after one, two, four and six store calls.
    const closeAfterMs = [0, 15, 30, 60, 90];
    const closed: Array<Promise<void>> = [];
    for (const room of targets) {
      for (const delayMs of closeAfterMs) {
        const ws = new WebSocket(url(room), { headers });
        closed.push(
          new Promise<void>((resolve) => {
            ws.on('close', () => resolve());
            ws.on('error', () => resolve());
          }),
        );
        ws.on('open', () => setTimeout(() => ws.terminate(), delayMs));
      }
    }
    await Promise.all(closed);
    // Everything acquired during those admissions is given back: the board unloads once idle.
    await waitFor(() => server.server.registry.size === 0, { timeoutMs: 5_000, what: 'no connection left in the registry' });
    await waitFor(() => server.server.rooms.loadedCount === 0, { timeoutMs: 5_000, what: 'the board unloaded' });
  });

  it('[#10.13] a socket that stays gets every frame it sent during admission, and the board unloads after it goes', async () => {
    const supplier = board.suppliers[0]!;
    const draftDoc = new Y.Doc();
    for (let index = 0; index < 5; index += 1) addDraftNote(draftDoc, { text: `Idea ${index}`, targetId: 'p' + String(index).padStart(20, '0') });
    const draft = stockProvider(rooms.draft(board.boardId, supplier.personId), supplier.client, draftDoc);
    await waitFor(() => draft.provider.synced, { timeoutMs: 10_000, what: 'draft synced' });
    await withServerRoom(server, board.boardId, async (room) => {
      const serverDraft = await room.openDraft(supplier.personId);
      await waitFor(() => readRawDraftNotes(serverDraft.doc).size === 5, { what: 'all five notes on the server' });
    });
    draft.provider.destroy();
    await waitFor(() => server.server.registry.size === 0, { timeoutMs: 5_000, what: 'no connection left in the registry' });
    await waitFor(() => server.server.rooms.loadedCount === 0, { timeoutMs: 5_000, what: 'the board unloaded' });
  });

  it('[#10.13] frames queued during admission are bounded: a flood before admission is closed with 4429', async () => {
    const supplier = board.suppliers[0]!;
    const ws = new WebSocket(server.url.replace(/^http/, 'ws') + '/yjs/' + rooms.wall(board.boardId), {
      headers: { cookie: cookieHeader(supplier.client), origin: server.url },
    });
    const closed = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the flooding socket was still open after 5 s')), 5_000);
      ws.on('close', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
    open.add(ws, (socket) => socket.terminate());
    ws.on('open', () => {
      // 500 query-awareness frames (type 3) at once: far more than a provider sends before it hears from us.
      for (let index = 0; index < 500; index += 1) ws.send(Uint8Array.of(3));
    });
    expect(await closed).toBe(4429);
    await waitFor(() => server.server.registry.size === 0, { timeoutMs: 5_000, what: 'no connection left in the registry' });
  });
});

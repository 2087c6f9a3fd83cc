/**
 * Editing while a connection (re)opens (issue 10 item 18). The stock y-websocket provider sends local
 * edits as soon as its socket opens, before it has answered the server's sync step 1; an edit that builds
 * on changes made offline then arrives before those changes. The server holds it (per connection, never
 * in its document) until the client's sync step 2, and refuses (4409) only what is still missing after.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addDraftNote, updateDraftNote } from '../../shared/schema/draftNotes.js';
import { DRAFT_ROOTS } from '../../shared/schema/roots.js';
import {
  Disposables,
  boardWithPeople,
  closeOf,
  rooms,
  sameStateVector,
  serverStateVectorFrom,
  stateVectorOf,
  syncMessagesOf,
  unusedId,
  withServerRoom,
  type BoardWithPeople,
} from '../helpers/liveBoard.js';
import { connectRaw, waitFor, type RawClient } from '../helpers/liveClients.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';
import { stockProvider } from '../helpers/stockProvider.js';

describe('editing while the connection opens', () => {
  let server: TestServer;
  let board: BoardWithPeople;
  const open = new Disposables();
  const supplier = () => board.suppliers[0]!;
  const draftRoom = () => rooms.draft(board.boardId, supplier().personId);

  beforeEach(async () => {
    server = await startTestServer();
    board = await boardWithPeople(server, { supplierCount: 1 });
  });

  afterEach(async () => {
    await open.disposeAll();
    await server.remove();
  });

  async function serverDraft(): Promise<Y.Doc> {
    return withServerRoom(server, board.boardId, (room) => room.openDraft(supplier().personId).then((draft) => draft.doc));
  }

  it('[#10.18] a stock provider with default options that edits as it reconnects is never closed, and converges', async () => {
    const device = open.add(stockProvider(server.url, draftRoom(), supplier().client), (owned) => owned.destroy());
    const { doc, provider, closes } = device;
    await waitFor(() => provider.synced, { what: 'the first sync' });
    const noteIds: string[] = [];
    let editOnOpen: (() => void) | null = null;
    provider.on('status', ({ status }) => {
      // The person types the moment the socket opens: before the handshake has run.
      if (status === 'connected' && editOnOpen) editOnOpen();
    });
    for (let round = 0; round < 5; round += 1) {
      provider.disconnect();
      // Written offline: only in this device's copy.
      const noteId = addDraftNote(doc, { text: `Typed offline ${round}`, colour: 'yellow', targetId: unusedId() });
      noteIds.push(noteId);
      editOnOpen = () => {
        editOnOpen = null;
        updateDraftNote(doc, noteId, { text: `Edited as the connection opened ${round}` });
      };
      provider.connect();
      await waitFor(() => provider.synced && editOnOpen === null, { what: `the reconnect of round ${round}` });
      const onServer = await serverDraft();
      await waitFor(() => sameStateVector(onServer, doc), {
        what: `the draft converged in round ${round} (server ${JSON.stringify(stateVectorOf(onServer))}, device ${JSON.stringify(stateVectorOf(doc))})`,
      });
      expect(onServer.store.pendingStructs).toBeNull();
    }
    const onServer = await serverDraft();
    expect(onServer.getMap(DRAFT_ROOTS.notes).toJSON()).toEqual(doc.getMap(DRAFT_ROOTS.notes).toJSON());
    expect(noteIds.map((noteId) => (onServer.getMap(DRAFT_ROOTS.notes).get(noteId) as Y.Map<unknown>).get('text'))).toEqual(
      noteIds.map((_, round) => `Edited as the connection opened ${round}`),
    );
    expect(closes).toEqual([]);
    expect(provider.shouldConnect && provider.wsconnected).toBe(true);
  });

  /** A device with an offline note and an edit of it: the edit alone lacks the note. */
  function offlineEdits(): { local: Y.Doc; edit: Uint8Array } {
    const local = open.add(new Y.Doc(), (owned) => owned.destroy());
    const noteId = addDraftNote(local, { text: 'Written offline', colour: 'yellow', targetId: unusedId() });
    const before = Y.encodeStateVector(local);
    updateDraftNote(local, noteId, { text: 'Then edited as the socket opened' });
    return { local, edit: Y.encodeStateAsUpdate(local, before) };
  }

  async function rawDraft(): Promise<RawClient> {
    return open.add(await connectRaw(server.url, draftRoom(), supplier().client), (connection) => connection.close());
  }

  /** Waits until the server has handled everything sent so far: it answers a sync step 1 in order. */
  async function roundTrip(connection: RawClient, doc: Y.Doc): Promise<void> {
    const answers = () => syncMessagesOf(connection.received).filter((message) => message.kind === 'step2').length;
    const before = answers();
    connection.sendSyncStep1(doc);
    await waitFor(() => answers() > before || !connection.isOpen(), { what: 'the server’s answer' });
  }

  it('[#10.18] holds a raw client’s update sent before its sync step 2, outside the document, and applies it after', async () => {
    const { local, edit } = offlineEdits();
    const connection = await rawDraft();
    await waitFor(() => connection.received.length > 0, { what: 'the server’s sync step 1' });
    connection.sendUpdate(edit);
    await roundTrip(connection, new Y.Doc());
    // Held, not parked: the server's document has nothing of it.
    const onServer = await serverDraft();
    expect(onServer.store.pendingStructs).toBeNull();
    expect(Y.getState(onServer.store, local.clientID)).toBe(0);
    expect(connection.isOpen()).toBe(true);

    connection.sendSyncStep2(Y.encodeStateAsUpdate(local, serverStateVectorFrom(connection.received)));
    await waitFor(() => sameStateVector(onServer, local), { what: 'the draft converged' });
    expect(onServer.getMap(DRAFT_ROOTS.notes).toJSON()).toEqual(local.getMap(DRAFT_ROOTS.notes).toJSON());
    expect(onServer.store.pendingStructs).toBeNull();
    await roundTrip(connection, local);
    expect(connection.isOpen()).toBe(true);
  });

  it('[#10.18] refuses with 4409 an update whose dependencies the sync step 2 did not bring, and keeps nothing of it', async () => {
    const { local, edit } = offlineEdits();
    const connection = await rawDraft();
    await waitFor(() => connection.received.length > 0, { what: 'the server’s sync step 1' });
    connection.sendUpdate(edit);
    // A step 2 that brings nothing (the client lost its offline note): the edit is a real gap now.
    connection.sendSyncStep2(Y.encodeStateAsUpdate(new Y.Doc()));
    const started = Date.now();
    expect((await closeOf(connection)).code).toBe(4409);
    expect(Date.now() - started).toBeLessThan(1_500);
    const onServer = await serverDraft();
    expect(onServer.store.pendingStructs).toBeNull();
    expect(Y.getState(onServer.store, local.clientID)).toBe(0);
  });
});

/**
 * Read-only connections (THREATS.md B): a write into a document the sender may only read is refused
 * whole with 4403 and nothing is applied or stored, while honest read-only traffic (an empty sync
 * step 2, a repeat of the server's state, a reconnect's delete set) keeps the connection open.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addDraftNote } from '../../shared/schema/draftNotes.js';
import { addProblem, removeProblem } from '../../shared/schema/problems.js';
import { BRIEF_ROOTS, WALL_ROOTS } from '../../shared/schema/roots.js';
import { readWallNotes } from '../../shared/schema/wall.js';
import type { BrowserClient } from '../helpers/http.js';
import {
  Disposables,
  boardWithPeople,
  closeOf,
  connectDevice,
  rooms,
  sameStateVector,
  serverStateVectorFrom,
  storedRowCount,
  syncMessagesOf,
  withServerRoom,
  type BoardWithPeople,
} from '../helpers/liveBoard.js';
import { connectProvider, connectRaw, docFromMessages, waitFor, type LiveProvider, type RawClient } from '../helpers/liveClients.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';

const FORBIDDEN = 4403;

describe('writing into a document you may only read', () => {
  let server: TestServer;
  let board: BoardWithPeople;
  let boardId: string;
  let officerBrief: LiveProvider;
  let officerDraft: LiveProvider;
  /** A supplier who plays by the rules, connected to the brief and the wall throughout. */
  let bystanderBrief: LiveProvider;
  let bystanderWall: LiveProvider;
  let problemId: string;
  const open = new Disposables();

  const attacker = () => board.suppliers[0]!;
  const bystander = () => board.suppliers[1]!;

  beforeEach(async () => {
    server = await startTestServer();
    board = await boardWithPeople(server, { supplierCount: 2, withObserver: true });
    boardId = board.boardId;
    const device = async (room: string, client: BrowserClient) => open.add(await connectDevice(server.url, room, client), (live) => live.destroy());
    officerBrief = await device(rooms.brief(boardId), board.officer.client);
    officerDraft = await device(rooms.draft(boardId, board.officer.personId), board.officer.client);
    problemId = addProblem(officerBrief.doc, { title: 'Repairs need second visits' });
    bystanderBrief = await device(rooms.brief(boardId), bystander().client);
    bystanderWall = await device(rooms.wall(boardId), bystander().client);
    const bystanderDraft = await device(rooms.draft(boardId, bystander().personId), bystander().client);
    addDraftNote(bystanderDraft.doc, { text: 'A note already on the wall', colour: 'yellow', targetId: problemId });
    await waitFor(() => readWallNotes(bystanderWall.doc).size === 1 && bystanderBrief.doc.getMap(BRIEF_ROOTS.problems).has(problemId), {
      what: 'the bystander sees the brief and the wall',
    });
  });

  afterEach(async () => {
    await open.disposeAll();
    await server.remove();
  });

  async function raw(room: string, client: BrowserClient): Promise<RawClient> {
    return open.add(await connectRaw(server.url, room, client), (connection) => connection.close());
  }

  /** A raw client that asked for the document and holds the server's copy of it. */
  async function rawWithCopy(room: string, client: BrowserClient): Promise<{ connection: RawClient; copy: Y.Doc }> {
    const connection = await raw(room, client);
    connection.sendSyncStep1(new Y.Doc());
    await waitFor(() => syncMessagesOf(connection.received).some((message) => message.kind === 'step2'), { what: `the server's copy of ${room}` });
    return { connection, copy: docFromMessages(connection.received) };
  }

  /** Each server document's state vector and stored rows: what a refused write must leave as it was. */
  async function serverState(): Promise<Record<string, { vector: string; storedRows: number }>> {
    return withServerRoom(server, boardId, async (room) => {
      const documents: Record<string, Y.Doc> = {
        [rooms.brief(boardId)]: room.brief.doc,
        [rooms.wall(boardId)]: room.wall.doc,
        [rooms.draft(boardId, bystander().personId)]: (await room.openDraft(bystander().personId)).doc,
      };
      return Object.fromEntries(
        await Promise.all(
          Object.entries(documents).map(async ([name, doc]) => [
            name,
            { vector: Buffer.from(Y.encodeStateVector(doc)).toString('hex'), storedRows: await storedRowCount(server, name) },
          ]),
        ),
      );
    });
  }

  /** The bystander's copies still match the server's, and still receive a later officer edit and a new note. */
  async function expectOthersUnharmedAndServed(): Promise<void> {
    await withServerRoom(server, boardId, (room) => {
      expect(sameStateVector(bystanderBrief.doc, room.brief.doc)).toBe(true);
      expect(sameStateVector(bystanderWall.doc, room.wall.doc)).toBe(true);
      expect(bystanderBrief.doc.getMap(BRIEF_ROOTS.problems).toJSON()).toEqual(room.brief.doc.getMap(BRIEF_ROOTS.problems).toJSON());
    });
    const laterProblem = addProblem(officerBrief.doc, { title: 'A later problem from the officer' });
    addDraftNote(officerDraft.doc, { text: `The officer's note on ${laterProblem}`, colour: 'pink', targetId: laterProblem });
    await waitFor(
      () =>
        bystanderBrief.doc.getMap(BRIEF_ROOTS.problems).has(laterProblem) &&
        [...readWallNotes(bystanderWall.doc).values()].some((note) => note.targetId === laterProblem),
      { what: 'the bystander receives the officer’s later edit and note' },
    );
    expect([...bystanderBrief.closes, ...bystanderWall.closes]).toEqual([]);
  }

  /** Sends a crafted write on a fresh raw connection, as `update` or as `sync step 2`, and expects 4403 with nothing changed. */
  async function expectWriteRefused(
    room: string,
    client: BrowserClient,
    craft: (copy: Y.Doc) => void,
    send: 'update' | 'sync-step-2',
  ): Promise<void> {
    const before = await serverState();
    const { connection, copy } = await rawWithCopy(room, client);
    const vector = Y.encodeStateVector(copy);
    craft(copy);
    const change = Y.encodeStateAsUpdate(copy, vector);
    if (send === 'update') connection.sendUpdate(change);
    else connection.sendSyncStep2(change);
    const close = await closeOf(connection);
    expect(close.code, `close of ${room} after a ${send}: ${close.reason}`).toBe(FORBIDDEN);
    expect(await serverState()).toEqual(before);
  }

  const writeTheBrief = (copy: Y.Doc) => {
    copy.getMap(BRIEF_ROOTS.meta).set('phase', 'closed');
    const problem = copy.getMap<Y.Map<unknown>>(BRIEF_ROOTS.problems).get(problemId);
    problem?.set('title', new Y.Text('Hijacked title'));
  };
  const writeTheWall = (copy: Y.Doc) => {
    copy.getMap(WALL_ROOTS.notes).set(`${bystander().personId}:fakeNoteId0123456789`, { text: 'forged', author: bystander().personId });
    copy.getMap(WALL_ROOTS.people).set(bystander().personId, { name: 'Forged name', organisation: 'Forged', role: 'officer' });
  };

  it('closes a supplier who writes the brief with 4403 and changes nothing', async () => {
    await expectWriteRefused(rooms.brief(boardId), attacker().client, writeTheBrief, 'update');
    await expectWriteRefused(rooms.brief(boardId), attacker().client, writeTheBrief, 'sync-step-2');
    await expectOthersUnharmedAndServed();
  });

  it('closes a supplier who writes the wall with 4403 and changes nothing', async () => {
    await expectWriteRefused(rooms.wall(boardId), attacker().client, writeTheWall, 'update');
    await expectWriteRefused(rooms.wall(boardId), attacker().client, writeTheWall, 'sync-step-2');
    await expectOthersUnharmedAndServed();
  });

  it('refuses a supplier who opens another supplier’s draft before sending a single byte of it', async () => {
    const before = await serverState();
    const connection = await raw(rooms.draft(boardId, bystander().personId), attacker().client);
    // Whatever arrives is refused anyway; the connection must already be on its way out.
    connection.sendUpdate(Y.encodeStateAsUpdate(noteDoc('forgedNoteId012345678', problemId)));
    const close = await closeOf(connection);
    expect(close.code).toBe(FORBIDDEN);
    expect(connection.received).toEqual([]);
    expect(await serverState()).toEqual(before);
    await expectOthersUnharmedAndServed();
  });

  it('closes an observer who writes the brief or the wall with 4403, and gives them no draft to write', async () => {
    const observer = board.observer!;
    await expectWriteRefused(rooms.brief(boardId), observer.client, writeTheBrief, 'update');
    await expectWriteRefused(rooms.wall(boardId), observer.client, writeTheWall, 'sync-step-2');
    const before = await serverState();
    const ownDraft = await raw(rooms.draft(boardId, observer.personId), observer.client);
    ownDraft.sendUpdate(Y.encodeStateAsUpdate(noteDoc('observerNoteId0123456', problemId)));
    expect((await closeOf(ownDraft)).code).toBe(FORBIDDEN);
    expect(ownDraft.received).toEqual([]);
    expect(await storedRowCount(server, rooms.draft(boardId, observer.personId))).toBe(0);
    expect(await serverState()).toEqual(before);
    await expectOthersUnharmedAndServed();
  });

  it('refuses a supplier’s browser whose copy of the brief was edited locally, and the edit goes nowhere', async () => {
    const before = await serverState();
    const tampered = open.add(await connectProvider(server.url, rooms.brief(boardId), attacker().client), (live) => live.destroy());
    addProblem(tampered.doc, { title: 'A problem no officer wrote' });
    await waitFor(() => tampered.closes.length > 0, { what: 'the tampered provider closed' });
    expect(tampered.closes[0]?.code).toBe(FORBIDDEN);
    expect(await serverState()).toEqual(before);
    expect(bystanderBrief.doc.getMap(BRIEF_ROOTS.problems).size).toBe(1);
    await expectOthersUnharmedAndServed();
  });

  it('keeps an honest read-only client connected after its empty sync step 2', async () => {
    const before = await serverState();
    const wallNotesBefore = await wallNotesNow();
    const connection = await raw(rooms.brief(boardId), attacker().client);
    connection.sendSyncStep2(Y.encodeStateAsUpdate(new Y.Doc()));
    connection.sendSyncStep1(new Y.Doc());
    await expectStillServedBrief(connection);
    expect(await withoutLaterEdits(before, wallNotesBefore)).toBe(true);
  });

  it('keeps a read-only client connected when its sync step 2 repeats exactly what the server has', async () => {
    const brief = await rawWithCopy(rooms.brief(boardId), attacker().client);
    brief.connection.sendSyncStep2(Y.encodeStateAsUpdate(brief.copy));
    brief.connection.sendUpdate(Y.encodeStateAsUpdate(brief.copy));
    const wall = await rawWithCopy(rooms.wall(boardId), attacker().client);
    wall.connection.sendSyncStep2(Y.encodeStateAsUpdate(wall.copy));
    await expectOthersUnharmedAndServed();
    await waitFor(() => readWallNotes(docFromMessages(wall.connection.received)).size === 2, {
      what: 'the repeating wall client receives the officer’s later note',
    });
    expect(wall.connection.isOpen()).toBe(true);
    await expectStillServedBrief(brief.connection);
  });

  it('keeps a reconnecting client connected when its sync step 2 carries deletions the server already has', async () => {
    const doomed = addProblem(officerBrief.doc, { title: 'Added, then removed' });
    await waitFor(() => bystanderBrief.doc.getMap(BRIEF_ROOTS.problems).has(doomed), { what: 'the doomed problem reaches the bystander' });
    removeProblem(officerBrief.doc, doomed);
    await waitFor(() => !bystanderBrief.doc.getMap(BRIEF_ROOTS.problems).has(doomed), { what: 'the removal reaches the bystander' });

    // A raw client that held the brief comes back and answers the server's sync step 1 as the stock provider does.
    const { connection: first, copy } = await rawWithCopy(rooms.brief(boardId), attacker().client);
    first.close();
    await first.closed;
    const again = await raw(rooms.brief(boardId), attacker().client);
    await waitFor(() => again.received.length > 0, { what: 'the server’s sync step 1' });
    const reply = Y.encodeStateAsUpdate(copy, serverStateVectorFrom(again.received));
    const decoded = Y.decodeUpdate(reply);
    expect(decoded.structs).toEqual([]);
    expect(decoded.ds.clients.size).toBeGreaterThan(0);
    again.sendSyncStep1(copy);
    again.sendSyncStep2(reply);
    await expectStillServedBrief(again, copy);

    // The stock provider does the same when it reconnects.
    bystanderBrief.provider.disconnect();
    bystanderBrief.provider.connect();
    await waitFor(() => bystanderBrief.provider.synced, { what: 'the bystander’s brief resynced' });
    await expectOthersUnharmedAndServed();
  });

  /** The raw brief client (holding `base` from an earlier connection, if any) is still open and receives a later officer edit. */
  async function expectStillServedBrief(connection: RawClient, base?: Y.Doc): Promise<void> {
    const laterProblem = addProblem(officerBrief.doc, { title: 'Proof the connection still works' });
    const received = () => {
      const doc = docFromMessages(connection.received);
      if (base) Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
      return doc;
    };
    await waitFor(() => received().getMap(BRIEF_ROOTS.problems).has(laterProblem), {
      what: 'the read-only client receives a later officer edit',
    });
    expect(connection.isOpen()).toBe(true);
  }

  /** True when the only change since `before` is the officer's own later edits (the brief grew; nothing else changed). */
  async function withoutLaterEdits(before: Awaited<ReturnType<typeof serverState>>, wallNotesBefore: string): Promise<boolean> {
    const after = await serverState();
    // The officer's new problem also gets its number on the wall (ADR 0009): the wall's notes stay as they were.
    const draftSame = JSON.stringify(before[rooms.draft(boardId, bystander().personId)]) === JSON.stringify(after[rooms.draft(boardId, bystander().personId)]);
    const wallNotesSame = (await wallNotesNow()) === wallNotesBefore;
    return draftSame && wallNotesSame && after[rooms.brief(boardId)]!.storedRows === before[rooms.brief(boardId)]!.storedRows + 1;
  }

  /** The server's wall notes, as text to compare. */
  function wallNotesNow(): Promise<string> {
    return withServerRoom(server, boardId, (room) => JSON.stringify([...readWallNotes(room.wall.doc)]));
  }
});

/** A doc holding one complete-looking draft note. */
function noteDoc(noteId: string, targetId: string): Y.Doc {
  const doc = new Y.Doc();
  const note = new Y.Map<unknown>();
  doc.getMap('notes').set(noteId, note);
  note.set('text', 'A forged note');
  note.set('colour', 'yellow');
  note.set('targetId', targetId);
  note.set('createdAt', Date.now());
  note.set('visibility', 'public');
  return doc;
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_UPDATE_BYTES } from '../../shared/limits.js';
import { addProblem } from '../../shared/schema/problems.js';
import { readWall } from '../../shared/schema/wall.js';
import { addDraftNote, readDraftNotes } from '../../shared/schema/draftNotes.js';
import { createSetupLinkIfNoOfficer } from '../../server/auth/setupLink.js';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/log.js';
import { startServer, type RunningServer } from '../../server/server.js';
import { SqliteStore } from '../../server/store/sqlite.js';
import type { DocumentAppend } from '../../server/store/store.js';
import { newBrowserClient, tokenFromUrl, type BrowserClient } from '../helpers/http.js';
import { docFromStored } from '../helpers/liveBoard.js';
import { connectProvider, connectRaw, waitFor, type LiveProvider } from '../helpers/liveClients.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';
import { createBoard, FIRST_OFFICER, joinBoard, setUpFirstOfficer } from './scenario.js';

async function personIdOf(client: BrowserClient, boardId: string): Promise<string> {
  return (await client.get(`/api/boards/${boardId}`)).body.documents.personId as string;
}

/** An update that sets one note whose text is `chars` long: a big but well-formed draft change. */
function bigNoteUpdate(doc: Y.Doc, noteId: string, chars: number): Uint8Array {
  const before = Y.encodeStateVector(doc);
  const note = new Y.Map<unknown>();
  doc.getMap('notes').set(noteId, note);
  note.set('text', 'x'.repeat(chars));
  return Y.encodeStateAsUpdate(doc, before);
}

describe('[B] a draft cannot hurt others', () => {
  let server: TestServer;
  afterEach(async () => server?.remove());

  it('refuses a draft pushed past its size bound with 4413, and accepts it below the bound', async () => {
    server = await startTestServer();
    const officer = await setUpFirstOfficer(server);
    const { board, participantLink } = await createBoard(officer);
    const supplier = await joinBoard(server.url, participantLink);
    const room = `${board.id}/drafts/${await personIdOf(supplier, board.id)}`;
    const raw = await connectRaw(server.url, room, supplier);
    const doc = new Y.Doc();
    const chunk = Math.floor(MAX_UPDATE_BYTES * 0.8);
    raw.sendUpdate(bigNoteUpdate(doc, 'bigNoteNumber000001', chunk));
    raw.sendUpdate(bigNoteUpdate(doc, 'bigNoteNumber000002', chunk));
    // Two chunks (about 820 KB) fit under the 1 MiB bound; the third does not.
    const officerView = await connectProvider(server.url, room, officer);
    await waitFor(() => officerView.doc.getMap('notes').size === 2, { what: 'two big notes accepted' });
    raw.sendUpdate(bigNoteUpdate(doc, 'bigNoteNumber000003', chunk));
    expect((await raw.closed).code).toBe(4413);
    expect(officerView.doc.getMap('notes').size).toBe(2);
    officerView.destroy();
    expect((await (await fetch(`${server.url}/healthz`)).json()).status).toBe('ok');
  });

  it('closes a connection that floods document messages with 4429, and others keep working', async () => {
    server = await startTestServer();
    const officer = await setUpFirstOfficer(server);
    const { board, participantLink } = await createBoard(officer);
    const supplier = await joinBoard(server.url, participantLink);
    const raw = await connectRaw(server.url, `${board.id}/wall`, supplier);
    const empty = new Y.Doc();
    for (let index = 0; index < 2_000; index += 1) raw.sendSyncStep1(empty);
    expect((await raw.closed).code).toBe(4429);
    const brief = await connectProvider(server.url, `${board.id}/brief`, officer);
    addProblem(brief.doc, { title: 'Still working' });
    const reader = await connectProvider(server.url, `${board.id}/brief`, supplier);
    await waitFor(() => reader.doc.getMap('problems').size === 1, { what: 'the brief still syncs' });
    brief.destroy();
    reader.destroy();
  });
});

/** A real SQLite store whose appends fail while `isFailing` is set: the disk or database going away. */
class FailingStore extends SqliteStore {
  isFailing = false;
  override async appendDocumentUpdates(appends: DocumentAppend[]): Promise<number[]> {
    if (this.isFailing) throw new Error('simulated store failure (disk full)');
    return super.appendDocumentUpdates(appends);
  }
}

describe('[G] the store failing', () => {
  let running: RunningServer | null = null;
  let store: FailingStore | null = null;
  let dataDir = '';
  const providers: LiveProvider[] = [];

  afterEach(async () => {
    for (const provider of providers.splice(0)) provider.destroy();
    if (store) store.isFailing = false;
    await running?.close();
    await store?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('acknowledges and shows nothing until the store is back, then loses nothing', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'oiw-failing-'));
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test' });
    store = new FailingStore(path.join(dataDir, 'store.sqlite'));
    running = await startServer({ config, store, log: createLogger('silent'), clientDir: null });
    config.publicUrl = running.url;
    const setupUrl = await createSetupLinkIfNoOfficer(store, running.url, Date.now());
    const officer = await newBrowserClient(running.url);
    expect((await officer.post(`/api/setup/${tokenFromUrl(setupUrl!)}`, FIRST_OFFICER)).status).toBe(201);
    const { board, participantLink } = await createBoard(officer);
    const supplier = await joinBoard(running.url, participantLink);
    const brief = await connectProvider(running.url, `${board.id}/brief`, officer);
    const problemId = addProblem(brief.doc, { title: 'A problem' });
    const wall = await connectProvider(running.url, `${board.id}/wall`, officer);
    const draftName = `${board.id}/drafts/${await personIdOf(supplier, board.id)}`;
    const draft = await connectProvider(running.url, draftName, supplier);
    providers.push(brief, wall, draft);
    await waitFor(async () => {
      const room = await running!.rooms.acquire(board.id);
      running!.rooms.release(room);
      return room.brief.doc.getMap('problems').size === 1;
    });

    store.isFailing = true;
    addDraftNote(draft.doc, { text: 'Written while the disk was full', colour: 'yellow', targetId: problemId });
    // Give the server time to try (and fail) several times; nothing may reach the wall meanwhile.
    const until = Date.now() + 1_500;
    await waitFor(() => Date.now() > until, { timeoutMs: 3_000 });
    expect(readWall(wall.doc).notesByTarget.get(problemId) ?? []).toHaveLength(0);

    store.isFailing = false;
    await waitFor(() => (readWall(wall.doc).notesByTarget.get(problemId)?.length ?? 0) === 1, {
      timeoutMs: 10_000,
      what: 'the note once the store is back',
    });
    // And the draft note is in the store itself (read through the document log port, not its tables).
    const storedDraft = docFromStored(await store.loadDocument(draftName));
    expect([...readDraftNotes(storedDraft).values()].map((note) => note.ok && note.note.text)).toContain('Written while the disk was full');
  });
});

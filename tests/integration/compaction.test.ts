/**
 * Compaction against the real SQLite store, through a slow wrapper whose snapshot write is slower than
 * the appends (as a networked store's is): the snapshot and the delete must cover exactly the same rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../../server/log.js';
import { SharedDocument } from '../../server/rooms/SharedDocument.js';
import { GroupCommitWriter } from '../../server/store/groupCommit.js';
import { SqliteStore } from '../../server/store/sqlite.js';
import type { Store } from '../../server/store/store.js';
import { Disposables, docFromStored, rooms, withServerRoom } from '../helpers/liveBoard.js';
import { connectProvider, waitFor } from '../helpers/liveClients.js';
import { wrapStore } from '../helpers/slowStore.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';
import { createBoard, setUpFirstOfficer } from './scenario.js';

const log = createLogger('silent');
const DOCUMENT = 'board-1/brief';

describe('[#10.12] compaction deletes exactly what its snapshot covers', () => {
  const dirs: string[] = [];
  const stores: SqliteStore[] = [];

  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function openStore(file: string): SqliteStore {
    const store = new SqliteStore(file);
    stores.push(store);
    return store;
  }

  function tempFile(): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'oiw-compaction-'));
    dirs.push(dir);
    return path.join(dir, 'store.sqlite');
  }

  it('[#10.12] 540 updates committed while a slow snapshot write runs are all there after a restart, with no pending structs', async () => {
    const file = tempFile();
    const real = openStore(file);
    // The snapshot write takes 400 ms; appends answer at once: many commits land while it is in flight.
    const compactions: Array<Promise<unknown>> = [];
    const slowSnapshots: Store = wrapStore(real, (method) => {
      if (method !== 'compactDocument') return;
      const delay = new Promise((resolve) => setTimeout(resolve, 400));
      compactions.push(delay);
      return delay.then(() => undefined);
    });
    const writer = new GroupCommitWriter(slowSnapshots, log);
    const shared = await SharedDocument.load(DOCUMENT, slowSnapshots, writer, log);

    // A client typing: every update depends on the one before, so a lost one leaves the rest pending.
    const client = new Y.Doc();
    client.on('update', (update: Uint8Array) => shared.applyUpdate(update, { source: 'connection', connectionId: 'typist' }));
    const text = client.getText('t');
    for (let index = 0; index < 540; index += 1) {
      text.insert(text.length, `${index},`);
      // Each update committed before the next (so the first compaction starts at the 500th, as in production).
      await writer.drain();
    }
    await shared.whenSent();
    // Every snapshot write has reached SQLite (the wrapper calls the store right after its delay).
    await Promise.all(compactions);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(compactions.length).toBeGreaterThanOrEqual(1);
    const expected = text.toString();
    shared.destroy();
    await real.close();

    const reopened = openStore(file);
    const restarted = await SharedDocument.load(DOCUMENT, reopened, new GroupCommitWriter(reopened, log), log);
    expect(restarted.doc.store.pendingStructs).toBeNull();
    expect(restarted.doc.store.pendingDs).toBeNull();
    expect(restarted.doc.getText('t').toString()).toBe(expected);
    // The log holds only what the snapshot does not: far fewer rows than were written.
    const logSize = await reopened.describeDocumentLog(DOCUMENT);
    expect(logSize.snapshotThroughSeq).toBeGreaterThan(0);
    expect(logSize.updates).toBeLessThan(540);
    restarted.destroy();
  });

  it('[#10.12] the store deletes only rows up to throughSeq and never replaces a snapshot with an older one', async () => {
    const store = openStore(tempFile());
    const writerDoc = new Y.Doc();
    const updates: Uint8Array[] = [];
    writerDoc.on('update', (update: Uint8Array) => updates.push(update));
    const text = writerDoc.getText('t');
    const states: Uint8Array[] = [];
    for (const word of ['one ', 'two ', 'three ', 'four ']) {
      text.insert(text.length, word);
      states.push(Y.encodeStateAsUpdate(writerDoc));
    }
    const seqs = await store.appendDocumentUpdates(updates.map((update) => ({ documentName: DOCUMENT, update })));
    expect(seqs).toHaveLength(4);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);

    // A snapshot of the first two updates, written after all four were appended.
    await store.compactDocument(DOCUMENT, states[1]!, seqs[1]!);
    let stored = await store.loadDocument(DOCUMENT);
    expect(stored.updates).toHaveLength(2);
    expect(stored.throughSeq).toBe(seqs[3]);

    // A newer snapshot, then an older one finishing late: the older one changes nothing.
    await store.compactDocument(DOCUMENT, states[2]!, seqs[2]!);
    await store.compactDocument(DOCUMENT, states[0]!, seqs[0]!);
    stored = await store.loadDocument(DOCUMENT);
    const loaded = docFromStored(stored);
    expect(loaded.getText('t').toString()).toBe('one two three four ');
    expect(loaded.store.pendingStructs).toBeNull();
    expect(await store.describeDocumentLog(DOCUMENT)).toMatchObject({ updates: 1, snapshotThroughSeq: seqs[2] });
  });
});

describe('[#10.12] compaction on a live server with a slow snapshot write', () => {
  const disposables = new Disposables();
  let server: TestServer | null = null;

  afterEach(async () => {
    await disposables.disposeAll();
    await server?.remove();
    server = null;
  });

  it('[#10.12] every update broadcast while a compaction was being written is there after a restart, and the server document has no pending structs', async () => {
    const slowSnapshots = (store: Store) =>
      wrapStore(store, (method) => (method === 'compactDocument' ? new Promise((resolve) => setTimeout(resolve, 300)) : undefined));
    server = await startTestServer({ wrapStore: slowSnapshots });
    const officer = await setUpFirstOfficer(server);
    const { board } = await createBoard(officer);
    const room = rooms.brief(board.id);
    const writer = disposables.add(await connectProvider(server.url, room, officer), (live) => live.destroy());
    const reader = disposables.add(await connectProvider(server.url, room, officer), (live) => live.destroy());
    const text = writer.doc.getText('log');
    for (let index = 0; index < 540; index += 1) {
      text.insert(text.length, `${index},`);
      // The reader has it: it was committed and broadcast.
      const expected = text.toString();
      await waitFor(() => reader.doc.getText('log').toString() === expected, { what: `update ${index} broadcast` });
    }
    const expected = text.toString();
    writer.destroy();
    reader.destroy();
    const { dataDir } = server;
    await server.stop();

    server = await startTestServer({ dataDir });
    const fresh = disposables.add(await connectProvider(server.url, room, officer), (live) => live.destroy());
    expect(fresh.doc.getText('log').toString()).toBe(expected);
    await withServerRoom(server, board.id, (loaded) => {
      expect(loaded.brief.doc.store.pendingStructs).toBeNull();
      expect(loaded.brief.doc.getText('log').toString()).toBe(expected);
    });
  }, 60_000);
});

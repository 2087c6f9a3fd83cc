/**
 * Issue 11, ADR 0006 decision 6: when several instances serve a document, an instance's copy may lack rows
 * another instance stored (still on their way over the stream). Compaction must then fold the STORED rows,
 * never the copy: here instance B's rows reach the store but never instance A's copy, and A compacts in
 * between. Compacting A's copy would delete B's rows with nothing holding them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../../server/log.js';
import { SharedDocument } from '../../server/rooms/SharedDocument.js';
import { GroupCommitWriter } from '../../server/store/groupCommit.js';
import type { PostgresStore } from '../../server/store/postgres/PostgresStore.js';
import { docFromStored } from '../helpers/liveBoard.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

/** A change made elsewhere: a fresh client writes `text` into the list `items`. */
function changeFrom(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getArray<string>('items').push([text]);
  return Y.encodeStateAsUpdate(doc);
}

describe('[#11] compaction when several instances serve a document', () => {
  it('keeps rows another instance stored that this copy never received', async () => {
    const store: PostgresStore = await database.openStore();
    const log = createLogger('silent');
    const writer = new GroupCommitWriter(store, log);
    const name = 'board-x/brief';
    const onA = await SharedDocument.load(name, store, writer, log, { clustered: true });
    try {
      for (let round = 0; round < 5; round += 1) {
        // Instance B stores a change; A never hears of it.
        await store.appendDocumentUpdates([{ documentName: name, update: changeFrom(`from B ${round}`) }]);
        // A stores one of its own (a later log position), then folds the log.
        onA.applyUpdate(changeFrom(`from A ${round}`), { source: 'connection', connectionId: 'a' });
        await writer.drain();
        await onA.compactNow();
      }
      const stored = await store.loadDocument(name);
      expect(stored.snapshot, 'compaction ran').not.toBeNull();
      const items = docFromStored(stored).getArray<string>('items').toArray().sort();
      expect(items).toEqual([0, 1, 2, 3, 4].flatMap((round) => [`from A ${round}`, `from B ${round}`]).sort());
    } finally {
      await onA.whenSent();
      onA.destroy();
    }
  });
});

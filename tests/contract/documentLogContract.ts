/**
 * The contract of the store's document log port (ports/documentLogPort.ts), run against every implementation: append in
 * order, load snapshot + log, compaction that deletes exactly what its snapshot covers — also when two
 * instances of the app on the same data compact and append at the same moment.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocumentLogPort, HealthPort } from '../../server/store/store.js';

type DocumentLogStore = DocumentLogPort & HealthPort;

/** A store, and a second store on the same data (another instance of the app). */
export interface TwoInstances {
  first: DocumentLogStore;
  second: DocumentLogStore;
}

function textUpdate(doc: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getArray<string>('notes').push([text]);
  return Y.encodeStateAsUpdate(doc, before);
}

/** The document a stored form holds: its snapshot and log applied to an empty document. */
function rebuild(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): string[] {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return doc.getArray<string>('notes').toArray();
}

export function describeDocumentLogContract(name: string, openTwo: () => Promise<TwoInstances>): void {
  describe(`[#11] document log store contract: ${name}`, () => {
    let first: DocumentLogStore;
    let second: DocumentLogStore;

    beforeEach(async () => {
      ({ first, second } = await openTwo());
      return async () => {
        await second.close();
        await first.close();
      };
    });

    it('appends updates in order with rising positions, and loads them back', async () => {
      expect(await first.loadDocument('b1/wall')).toEqual({ snapshot: null, updates: [], throughSeq: 0 });
      const doc = new Y.Doc();
      const updates = ['a', 'b', 'c'].map((text) => textUpdate(doc, text));
      const seqs = await first.appendDocumentUpdates([
        { documentName: 'b1/wall', update: updates[0]! },
        { documentName: 'b1/brief', update: updates[1]! },
        { documentName: 'b1/wall', update: updates[2]! },
      ]);
      expect(seqs).toHaveLength(3);
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
      const wall = await second.loadDocument('b1/wall');
      expect(wall.updates.map((update) => Buffer.from(update).toString('hex'))).toEqual([updates[0], updates[2]].map((update) => Buffer.from(update!).toString('hex')));
      expect(wall.throughSeq).toBe(seqs[2]);
      expect(await first.appendDocumentUpdates([])).toEqual([]);
    });

    it('compacts exactly what the snapshot covers, keeps later rows, and never goes backwards', async () => {
      const doc = new Y.Doc();
      for (const text of ['a', 'b']) await first.appendDocumentUpdates([{ documentName: 'b2/wall', update: textUpdate(doc, text) }]);
      const loaded = await first.loadDocument('b2/wall');
      const later = textUpdate(doc, 'c');
      await second.appendDocumentUpdates([{ documentName: 'b2/wall', update: later }]);
      const snapshotDoc = new Y.Doc();
      for (const update of loaded.updates) Y.applyUpdate(snapshotDoc, update);
      await first.compactDocument('b2/wall', Y.encodeStateAsUpdate(snapshotDoc), loaded.throughSeq);
      const after = await second.loadDocument('b2/wall');
      expect(after.updates).toHaveLength(1);
      expect(rebuild(after)).toEqual(['a', 'b', 'c']);
      const size = await first.describeDocumentLog('b2/wall');
      expect(size).toMatchObject({ updates: 1, snapshotThroughSeq: loaded.throughSeq });
      expect(size.snapshotBytes).toBeGreaterThan(0);
      // An older snapshot arriving late is ignored.
      await second.compactDocument('b2/wall', Y.encodeStateAsUpdate(new Y.Doc()), loaded.throughSeq - 1);
      expect(rebuild(await first.loadDocument('b2/wall'))).toEqual(['a', 'b', 'c']);
      await expect(first.compactDocument('b2/wall', new Uint8Array(), -1)).rejects.toThrow();
    });

    it('loses nothing when two instances compact while both keep appending', async () => {
      const name = 'b3/drafts/p1';
      const writer = new Y.Doc();
      const expected: string[] = [];
      const append = async (store: DocumentLogStore, text: string) => {
        expected.push(text);
        await store.appendDocumentUpdates([{ documentName: name, update: textUpdate(writer, text) }]);
      };
      const compact = async (store: DocumentLogStore) => {
        const stored = await store.loadDocument(name);
        const doc = new Y.Doc();
        if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
        for (const update of stored.updates) Y.applyUpdate(doc, update);
        await store.compactDocument(name, Y.encodeStateAsUpdate(doc), stored.throughSeq);
      };
      for (let round = 0; round < 15; round += 1) {
        // Appends are ordered (one writer per document, as in the app); compactions race them and each other.
        const appends = (async () => {
          for (let i = 0; i < 4; i += 1) await append(round % 2 === 0 ? first : second, `r${round}-${i}`);
        })();
        await Promise.all([appends, compact(first), compact(second)]);
      }
      await Promise.all([compact(first), compact(second)]);
      expect(rebuild(await first.loadDocument(name))).toEqual(expected);
      expect(rebuild(await second.loadDocument(name))).toEqual(expected);
    });

    it('lists stored documents by prefix, taking "_" and "%" literally', async () => {
      const doc = new Y.Doc();
      for (const documentName of ['b_4/drafts/a', 'b_4/drafts/b', 'bx4/drafts/c', 'b_4/wall', 'b%4/drafts/d']) {
        await first.appendDocumentUpdates([{ documentName, update: textUpdate(doc, documentName) }]);
      }
      expect(await second.listDocumentNames('b_4/drafts/')).toEqual(['b_4/drafts/a', 'b_4/drafts/b']);
      expect(await second.listDocumentNames('b%4/')).toEqual(['b%4/drafts/d']);
    });
  });
}

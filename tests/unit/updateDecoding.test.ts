import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_UPDATE_BYTES } from '../../shared/limits.js';
import { checkUpdateDecodesExactly, hasMissingDependencies, updateCarriesNothingNew } from '../../server/yjs/updateChecks.js';
import * as hostile from './fixtures/hostileUpdates.js';

/** A document using every kind of content yjs encodes: maps, nested types, text with formatting and embeds, XML, binary, JSON values, subdocuments, deletions. */
function richDoc(gc = true): Y.Doc {
  const doc = new Y.Doc({ gc });
  const notes = doc.getMap<unknown>('notes');
  const note = new Y.Map<unknown>();
  notes.set('note-1', note);
  note.set('text', 'Use SMS reminders – 😀');
  note.set('createdAt', 1_700_000_000_000);
  note.set('tags', { a: [1, 2.5, null, true, false, 'x'], big: 2n ** 40n, bytes: new Uint8Array([1, 2]) });
  notes.set('binary', new Uint8Array([9, 8, 7]));
  const text = doc.getText('body');
  text.insert(0, 'Hello world', { bold: true });
  text.insertEmbed(5, { image: 'x.png' });
  text.delete(0, 2);
  const xml = doc.getXmlFragment('xml');
  const element = new Y.XmlElement('p');
  xml.insert(0, [element, new Y.XmlText('text')]);
  element.setAttribute('class', 'lead');
  doc.getArray<unknown>('list').insert(0, [1, 'two', { three: 3 }, new Y.Doc({ guid: 'sub' })]);
  notes.delete('binary');
  return doc;
}

const REFUSED_WITHIN_MS = 100;

function timed<T>(run: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = run();
  return { result, ms: performance.now() - start };
}

describe('updates must decode exactly', () => {
  it('[update-checks:v1] a V1 update of a document with every kind of content is accepted', () => {
    for (const gc of [true, false]) {
      const update = Y.encodeStateAsUpdate(richDoc(gc));
      expect(checkUpdateDecodesExactly(update)).toEqual({ ok: true });
    }
  });

  it('[update-checks:v1] incremental updates and merged updates from yjs are accepted', () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    const text = doc.getText('body');
    for (let i = 0; i < 50; i++) text.insert(i % 7, String.fromCharCode(97 + (i % 26)));
    text.delete(3, 10);
    for (const update of updates) expect(checkUpdateDecodesExactly(update)).toEqual({ ok: true });
    expect(checkUpdateDecodesExactly(Y.mergeUpdates(updates))).toEqual({ ok: true });
  });

  it('[update-checks:length-not-bytes] an update that yjs re-encodes differently is still accepted (lengths are compared, not bytes)', () => {
    const original = Y.encodeStateAsUpdate(richDoc(false));
    const reEncoded = Y.convertUpdateFormatV2ToV1(Y.convertUpdateFormatV1ToV2(original));
    expect(checkUpdateDecodesExactly(original)).toEqual({ ok: true });
    expect(checkUpdateDecodesExactly(reEncoded)).toEqual({ ok: true });
  });

  it('[update-checks:v2] the same update encoded as V2 is refused, not decoded as something else', () => {
    const v2 = Y.encodeStateAsUpdateV2(richDoc());
    expect(checkUpdateDecodesExactly(v2)).toMatchObject({ ok: false });
    expect(checkUpdateDecodesExactly(Y.encodeStateAsUpdateV2(new Y.Doc()))).toMatchObject({ ok: false });
  });

  it('[update-checks:trailing] an update with trailing junk is refused', () => {
    const update = Y.encodeStateAsUpdate(richDoc());
    expect(checkUpdateDecodesExactly(Uint8Array.of(...update, 0))).toEqual({ ok: false, reason: 'trailing-bytes', detail: expect.any(String) });
  });

  it('[update-checks:truncated] every strict prefix of an update is refused', () => {
    const update = Y.encodeStateAsUpdate(richDoc());
    for (let length = 0; length < update.length; length++) {
      expect(checkUpdateDecodesExactly(update.subarray(0, length)).ok, `prefix of ${length} bytes`).toBe(false);
    }
  });

  it('[update-checks:size] an update over MAX_UPDATE_BYTES is refused without reading it', () => {
    expect(checkUpdateDecodesExactly(new Uint8Array(MAX_UPDATE_BYTES + 1))).toMatchObject({ ok: false, reason: 'too-large' });
  });

  it.each([
    ['yjs#498: an empty buffer', hostile.ISSUE_498_EMPTY, 'empty'],
    ['yjs#687: the mergeUpdatesV2 bomb from the issue', hostile.ISSUE_687_MERGE_V2, 'trailing-bytes'],
    ['a header claiming 2^31 structs', hostile.CLAIMS_2_31_STRUCTS, 'impossible-count'],
    ['a header claiming 2^31 clients', hostile.CLAIMS_2_31_CLIENTS, 'impossible-count'],
    ['a delete set claiming 2^31 ranges', hostile.CLAIMS_2_31_DELETES, 'impossible-count'],
    ['10,000 levels of nested arrays', hostile.NESTED_ANY_10000, 'too-deeply-nested'],
    ['10,000 levels of nested JSON', hostile.NESTED_JSON_10000, 'too-deeply-nested'],
    ['10,000 levels of nested maps', hostile.nestedMaps(10_000), 'too-deeply-nested'],
    ['a varuint that never ends', hostile.ENDLESS_VARUINT, 'bad-integer'],
    ['a string claiming 2^40 bytes', hostile.STRING_CLAIMS_2_40_BYTES, 'truncated'],
    ['a length that overflows the clock', hostile.CLOCK_OVERFLOW, 'clock-overflow'],
    ['an unknown content type', hostile.UNKNOWN_CONTENT_TYPE, 'bad-struct'],
  ])('[update-checks:bombs] %s is refused within 100 ms', (_label, bytes, reason) => {
    const { result, ms } = timed(() => checkUpdateDecodesExactly(bytes));
    expect(result).toMatchObject({ ok: false, reason });
    expect(ms).toBeLessThan(REFUSED_WITHIN_MS);
    const server = new Y.Doc();
    expect(timed(() => updateCarriesNothingNew(server, bytes)).result).toBe(false);
    expect(timed(() => hasMissingDependencies(server, bytes)).result).toBe(true);
  });

  it('[update-checks:nesting] nesting within the bound is accepted', () => {
    expect(checkUpdateDecodesExactly(hostile.nestedMaps(20))).toEqual({ ok: true });
  });

  it('[update-checks:bombs] a largest-allowed update of tiny structs is read in well under a second', () => {
    const doc = new Y.Doc();
    const list = doc.getArray<number>('list');
    doc.transact(() => {
      for (let i = 0; i < 35_000; i++) list.insert(i % 2 === 0 ? 0 : list.length, [i]);
    });
    const update = Y.encodeStateAsUpdate(doc);
    expect(update.length).toBeGreaterThan(MAX_UPDATE_BYTES * 0.8);
    expect(update.length).toBeLessThanOrEqual(MAX_UPDATE_BYTES);
    const { result, ms } = timed(() => checkUpdateDecodesExactly(update));
    expect(result).toEqual({ ok: true });
    expect(ms).toBeLessThan(1000);
  });
});

import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_UPDATE_NESTING_DEPTH } from '../../shared/limits.js';
import { checkUpdateDecodesExactly, hasMissingDependencies, updateCarriesNothingNew, wouldNestTooDeep } from '../../server/yjs/updateChecks.js';
import { addServiceMap, addStage } from '../../shared/schema/serviceMaps.js';

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

/** What a client sends as sync step 2 when the server's step 1 arrives: its state minus the server's, plus its whole delete set. */
function syncStep2From(client: Y.Doc, server: Y.Doc): Uint8Array {
  return Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
}

/** A server (gc on, as in production) holding a wall-like document, and a reader who has synced it. */
function serverAndReader(readerGc = true) {
  const server = new Y.Doc();
  const notes = server.getMap<unknown>('notes');
  for (let i = 0; i < 5; i++) notes.set(`note-${i}`, { text: `idea ${i}` });
  server.getText('log').insert(0, 'abcdefghij');
  const reader = new Y.Doc({ gc: readerGc });
  sync(server, reader);
  return { server, reader, notes };
}

describe('a read-only connection may only send what the server already has', () => {
  it('[read-only:nothing-new] an up-to-date reader’s empty sync step 2 carries nothing new', () => {
    const { server, reader } = serverAndReader();
    const step2 = syncStep2From(reader, server);
    expect(updateCarriesNothingNew(server, step2)).toBe(true);
    expect(updateCarriesNothingNew(new Y.Doc(), Y.encodeStateAsUpdate(new Y.Doc()))).toBe(true);
  });

  it('[read-only:nothing-new] a reconnecting reader whose delete set repeats the server’s deletions carries nothing new', () => {
    for (const readerGc of [true, false]) {
      const { server, reader, notes } = serverAndReader(readerGc);
      notes.delete('note-1');
      notes.set('note-2', { text: 'edited' }); // overwriting deletes the old value
      server.getText('log').delete(2, 5);
      sync(server, reader);
      const step2 = syncStep2From(reader, server);
      expect(Y.decodeUpdate(step2).ds.clients.size).toBeGreaterThan(0);
      expect(updateCarriesNothingNew(server, step2)).toBe(true);
    }
  });

  it('[read-only:nothing-new] a reader who missed some server deletions still carries nothing new', () => {
    const { server, reader, notes } = serverAndReader();
    notes.delete('note-1');
    sync(server, reader);
    notes.delete('note-3'); // the reader goes offline before this arrives
    expect(updateCarriesNothingNew(server, syncStep2From(reader, server))).toBe(true);
  });

  it('[read-only:new-insert] a reader who inserted something carries something new', () => {
    const { server, reader } = serverAndReader();
    reader.getMap('notes').set('forged', { text: 'not from the server' });
    expect(updateCarriesNothingNew(server, syncStep2From(reader, server))).toBe(false);
  });

  it('[read-only:new-delete] a reader who deleted a server item the server has not deleted carries something new', () => {
    const { server, reader } = serverAndReader();
    reader.getMap('notes').delete('note-4');
    const step2 = syncStep2From(reader, server);
    expect(Y.decodeUpdate(step2).structs).toHaveLength(0);
    expect(updateCarriesNothingNew(server, step2)).toBe(false);
    const partly = serverAndReader();
    partly.reader.getText('log').delete(9, 1); // one character, next to nothing the server deleted
    expect(updateCarriesNothingNew(partly.server, syncStep2From(partly.reader, partly.server))).toBe(false);
  });

  it('[read-only:new-delete] a delete of items the server does not have is something new', () => {
    const { server } = serverAndReader();
    const stranger = new Y.Doc();
    stranger.getText('log').insert(0, 'xyz');
    stranger.getText('log').delete(0, 3);
    const onlyDeletes = Y.encodeStateAsUpdate(stranger, Y.encodeStateVector(stranger));
    const decoded = Y.decodeUpdate(onlyDeletes);
    expect(decoded.structs).toHaveLength(0);
    expect(decoded.ds.clients.size).toBe(1);
    expect(updateCarriesNothingNew(server, onlyDeletes)).toBe(false);
  });

  it('[read-only:stale-copy] a reader replaying a cached copy with items the server never had carries something new', () => {
    const { server, reader } = serverAndReader();
    reader.getText('log').insert(0, 'cached edit');
    const freshServer = new Y.Doc();
    sync(server, freshServer);
    expect(updateCarriesNothingNew(freshServer, Y.encodeStateAsUpdate(reader))).toBe(false);
  });

  it('[read-only:malformed] bytes that do not decode are never "nothing new"', () => {
    const { server } = serverAndReader();
    expect(updateCarriesNothingNew(server, Uint8Array.of(0, 0, 0))).toBe(false);
  });
});

describe('updates the server cannot integrate yet are detected before applying', () => {
  it('[missing-deps:parent] an update whose parent the server lacks has missing dependencies', () => {
    const author = new Y.Doc();
    const updates: Uint8Array[] = [];
    author.on('update', (update: Uint8Array) => updates.push(update));
    const note = new Y.Map<unknown>();
    author.getMap('notes').set('note-1', note);
    note.set('text', 'typed inside the note');
    const [createNote, typeText] = updates as [Uint8Array, Uint8Array];
    const server = new Y.Doc();
    expect(hasMissingDependencies(server, typeText)).toBe(true);
    expect(hasMissingDependencies(server, createNote)).toBe(false);
    Y.applyUpdate(server, createNote);
    expect(hasMissingDependencies(server, typeText)).toBe(false);
  });

  it('[missing-deps:other-author] an edit next to another device’s text the server has not received has missing dependencies', () => {
    // Pinned from the property test (fast-check seed 1824355883).
    const phone = new Y.Doc();
    const laptop = new Y.Doc();
    phone.getText('t').insert(0, 'a');
    sync(phone, laptop);
    const laptopUpdates: Uint8Array[] = [];
    laptop.on('update', (update: Uint8Array) => laptopUpdates.push(update));
    laptop.getText('t').insert(0, 'b');
    const server = new Y.Doc();
    expect(hasMissingDependencies(server, laptopUpdates[0] as Uint8Array)).toBe(true);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(phone));
    expect(hasMissingDependencies(server, laptopUpdates[0] as Uint8Array)).toBe(false);
  });

  it('[missing-deps:gap] an update that skips one of its author’s earlier updates has missing dependencies', () => {
    const author = new Y.Doc();
    const updates: Uint8Array[] = [];
    author.on('update', (update: Uint8Array) => updates.push(update));
    for (const word of ['one ', 'two ', 'three']) author.getText('t').insert(author.getText('t').length, word);
    const server = new Y.Doc();
    Y.applyUpdate(server, updates[0] as Uint8Array);
    expect(hasMissingDependencies(server, updates[2] as Uint8Array)).toBe(true);
    expect(hasMissingDependencies(server, Y.mergeUpdates([updates[1] as Uint8Array, updates[2] as Uint8Array]))).toBe(false);
  });

  it('[missing-deps:delete] deleting items the server does not have yet leaves a pending delete', () => {
    const author = new Y.Doc();
    author.getText('t').insert(0, 'abc');
    const beforeDelete = Y.encodeStateVector(author);
    author.getText('t').delete(0, 1);
    const deleteOnly = Y.encodeStateAsUpdate(author, beforeDelete);
    expect(hasMissingDependencies(new Y.Doc(), deleteOnly)).toBe(true);
  });

  it('[missing-deps:honest] a client’s sync step 2 after offline edits by two devices integrates cleanly', () => {
    const server = new Y.Doc();
    const phone = new Y.Doc();
    const laptop = new Y.Doc();
    server.getText('t').insert(0, 'start');
    sync(server, phone);
    sync(server, laptop);
    laptop.getText('t').insert(5, ' laptop');
    sync(laptop, phone);
    phone.getText('t').insert(0, 'phone ');
    phone.getText('t').delete(8, 3);
    expect(hasMissingDependencies(server, syncStep2From(phone, server))).toBe(false);
  });

  it('[missing-deps:forward-reference] an item that points at a later clock of its own client is refused', () => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1); // one client
    encoding.writeVarUint(encoder, 1); // one struct
    encoding.writeVarUint(encoder, 7); // client 7
    encoding.writeVarUint(encoder, 0); // clock 0
    encoding.writeUint8(encoder, 0x80 | 4); // string item with an origin
    encoding.writeVarUint(encoder, 7); // origin: client 7…
    encoding.writeVarUint(encoder, 5); // …clock 5, after itself
    encoding.writeVarString(encoder, 'x');
    encoding.writeVarUint(encoder, 0); // empty delete set
    expect(hasMissingDependencies(new Y.Doc(), encoding.toUint8Array(encoder))).toBe(true);
  });
});

describe('shared types may not be nested without bound, even a few levels per update', () => {
  /** An author who nests maps one level at a time and a server that takes each update it allows. */
  function nestingAuthor() {
    const author = new Y.Doc();
    const server = new Y.Doc();
    let deepest = author.getMap<unknown>('notes');
    const nestOnce = (): Uint8Array => {
      const before = Y.encodeStateVector(author);
      const child = new Y.Map<unknown>();
      deepest.set('child', child);
      deepest = child;
      return Y.encodeStateAsUpdate(author, before);
    };
    return { author, server, nestOnce, deepestMap: () => deepest };
  }

  it('[nesting:across-updates] levels added one update at a time are refused past the bound', () => {
    const { server, nestOnce } = nestingAuthor();
    for (let level = 1; level <= MAX_UPDATE_NESTING_DEPTH; level++) {
      const update = nestOnce();
      expect(checkUpdateDecodesExactly(update)).toEqual({ ok: true });
      expect(wouldNestTooDeep(server, update), `level ${level}`).toBe(false);
      Y.applyUpdate(server, update);
    }
    const tooDeep = nestOnce();
    expect(checkUpdateDecodesExactly(tooDeep)).toEqual({ ok: true });
    expect(wouldNestTooDeep(server, tooDeep)).toBe(true);
  });

  it('[nesting:origin] a level added beside an existing value (parent taken from its neighbour) is counted too', () => {
    const { server, nestOnce, deepestMap, author } = nestingAuthor();
    for (let level = 1; level < MAX_UPDATE_NESTING_DEPTH; level++) Y.applyUpdate(server, nestOnce());
    const before = Y.encodeStateVector(author);
    deepestMap().set('x', 'a plain value');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(author, before));
    const second = Y.encodeStateVector(author);
    deepestMap().set('x', new Y.Map<unknown>()); // level 32: allowed; its origin is the old value
    const atBound = Y.encodeStateAsUpdate(author, second);
    expect(Y.decodeUpdate(atBound).structs.some((struct) => struct instanceof Y.Item && struct.origin !== null)).toBe(true);
    expect(wouldNestTooDeep(server, atBound)).toBe(false);
    Y.applyUpdate(server, atBound);
    const third = Y.encodeStateVector(author);
    const inner = deepestMap().get('x') as Y.Map<unknown>;
    inner.set('y', 'value');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(author, third));
    const fourth = Y.encodeStateVector(author);
    inner.set('y', new Y.Map<unknown>()); // level 33, through an origin again
    expect(wouldNestTooDeep(server, Y.encodeStateAsUpdate(author, fourth))).toBe(true);
  });

  it('[nesting:honest] a brief with service maps and stages is nowhere near the bound', () => {
    const officer = new Y.Doc();
    const server = new Y.Doc();
    const mapId = addServiceMap(officer, { title: 'Map' });
    addStage(officer, mapId, { title: 'Stage' });
    expect(wouldNestTooDeep(server, Y.encodeStateAsUpdate(officer))).toBe(false);
  });

  it('[nesting:long-chains] a type after a long run of separate siblings is measured without deep recursion', () => {
    const author = new Y.Doc();
    const list = author.getArray<unknown>('list');
    author.transact(() => {
      for (let i = 0; i < 30_000; i++) list.insert(i % 2 === 0 ? 0 : list.length, [i]);
      list.push([new Y.Map<unknown>()]);
    });
    const update = Y.encodeStateAsUpdate(author);
    const start = performance.now();
    expect(wouldNestTooDeep(new Y.Doc(), update)).toBe(false);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});

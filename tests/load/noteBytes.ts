/**
 * Issue 15: where the bytes of one published note go on the wire. Publishes notes on an in-process wall
 * exactly as the server's publisher does (`writeWallChanges`), then decodes the Yjs update a reader receives
 * for ONE new note on a quiet board (and for a batch of 20) field by field: update header, client id, clock,
 * struct info, parent reference, key, content, delete set, and the y-websocket framing around it.
 *
 *   npx tsx tests/load/noteBytes.ts
 *
 * Deterministic: no timing, no server; ids are 21 characters (as nanoid makes them), texts 120 characters.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { putWallPerson, wallKeyFor, writeWallChanges, type WallNote } from '../../shared/schema/wall.js';

const ID_CHARS = 21;
const TEXT = 'x'.repeat(120);

function id(prefix: string, index: number): string {
  return `${prefix}${String(index).padStart(ID_CHARS - prefix.length, '0')}`;
}

function note(author: string, index: number, createdAt: number): { key: ReturnType<typeof wallKeyFor>; record: WallNote } {
  const noteId = id('n', index);
  const record: WallNote = { author, noteId, text: TEXT, colour: 'yellow', targetId: id('t', index % 7), createdAt, updatedAt: createdAt };
  return { key: wallKeyFor(author, noteId), record };
}

/** One y-websocket sync message carrying `update`: [messageSync, messageYjsUpdate, varUint length, update]. */
function framed(update: Uint8Array): number {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.length(encoder);
}

interface Part { what: string; bytes: number }

/** Splits a v1 update into labelled parts (only the struct kinds a wall change contains). */
function breakdown(update: Uint8Array): Part[] {
  const decoder = decoding.createDecoder(update);
  const parts: Part[] = [];
  let mark = 0;
  const take = (what: string): void => {
    parts.push({ what, bytes: decoder.pos - mark });
    mark = decoder.pos;
  };
  const readAny = (): void => {
    decoding.readAny(decoder);
  };
  const clients = decoding.readVarUint(decoder);
  take('update header (number of clients)');
  for (let c = 0; c < clients; c += 1) {
    const structs = decoding.readVarUint(decoder);
    take('number of structs');
    decoding.readVarUint(decoder);
    take('client id');
    decoding.readVarUint(decoder);
    take('first clock');
    for (let s = 0; s < structs; s += 1) {
      const info = decoding.readUint8(decoder);
      take('struct info byte');
      if ((info & 0b11111) === 0) { decoding.readVarUint(decoder); take('GC length'); continue; }
      const hasOrigin = (info & 0b10000000) !== 0;
      const hasRightOrigin = (info & 0b01000000) !== 0;
      const hasParentSub = (info & 0b00100000) !== 0;
      if (hasOrigin) { decoding.readVarUint(decoder); decoding.readVarUint(decoder); take('left origin id (client, clock)'); }
      if (hasRightOrigin) { decoding.readVarUint(decoder); decoding.readVarUint(decoder); take('right origin id'); }
      if (!hasOrigin && !hasRightOrigin) {
        const isRootName = decoding.readVarUint(decoder) === 1;
        if (isRootName) decoding.readVarString(decoder);
        else { decoding.readVarUint(decoder); decoding.readVarUint(decoder); }
        take(isRootName ? 'parent: root name' : 'parent: id');
        if (hasParentSub) { decoding.readVarString(decoder); take('map key'); }
      }
      const kind = info & 0b11111;
      if (kind === 8) {
        // ContentAny: a count, then each value; an array value is broken down entry by entry.
        const count = decoding.readVarUint(decoder);
        take('content: count');
        for (let v = 0; v < count; v += 1) {
          const tag = update[decoder.pos];
          if (tag === 117) {
            decoder.pos += 1;
            const length = decoding.readVarUint(decoder);
            take('content: array tag + length');
            for (let e = 0; e < length; e += 1) { readAny(); take(`content: entry ${e}`); }
          } else { readAny(); take('content: value'); }
        }
      } else if (kind === 1) { decoding.readVarUint(decoder); take('content: deleted length'); }
      else throw new Error(`struct kind ${kind} not expected on the wall`);
    }
  }
  const deleteClients = decoding.readVarUint(decoder);
  for (let c = 0; c < deleteClients; c += 1) {
    decoding.readVarUint(decoder);
    const ranges = decoding.readVarUint(decoder);
    for (let r = 0; r < ranges; r += 1) { decoding.readVarUint(decoder); decoding.readVarUint(decoder); }
  }
  take('delete set');
  if (decoder.pos !== update.length) throw new Error(`${update.length - decoder.pos} bytes left undecoded`);
  return parts;
}

function summarise(title: string, update: Uint8Array, notes: number): void {
  const merged = new Map<string, number>();
  for (const { what, bytes } of breakdown(update)) merged.set(what, (merged.get(what) ?? 0) + bytes);
  const wire = framed(update);
  console.log(`\n${title}: update ${update.length} B, on the wire ${wire} B (${(wire / notes).toFixed(1)} B a note; ÷ (text + author id = ${TEXT.length + ID_CHARS} B) = ${(wire / notes / (TEXT.length + ID_CHARS)).toFixed(2)}×)`);
  for (const [what, bytes] of merged) console.log(`  ${String(bytes).padStart(5)}  ${what}`);
  console.log(`  ${String(wire - update.length).padStart(5)}  y-websocket framing (message type, sync type, length)`);
}

/** A wall as a quiet board has it: the server's client id is a random 32-bit number (5 bytes as a varUint mostly). */
const doc = new Y.Doc();
doc.clientID = 0xdeadbeef;
const author = id('p', 1);
const base = 1_764_000_000_000;
writeWallChanges(doc, { publish: Array.from({ length: 50 }, (_, index) => note(author, index, base + index * 1000)), unpublish: [] });

let before = Y.encodeStateVector(doc);
writeWallChanges(doc, { publish: [note(author, 50, base + 3_600_000)], unpublish: [] });
summarise('A lone new note', Y.encodeStateAsUpdate(doc, before), 1);

before = Y.encodeStateVector(doc);
writeWallChanges(doc, { publish: [{ ...note(author, 60, base + 3_600_000), record: { ...note(author, 60, base + 3_600_000).record, targetId: id('t', 99) } }], unpublish: [] });
summarise('The first note for a target the table lacks (the server numbers a target when it is added, so only a target it missed)', Y.encodeStateAsUpdate(doc, before), 1);

before = Y.encodeStateVector(doc);
writeWallChanges(doc, { publish: [note(author, 61, base + 30 * 86_400_000 + 12_345)], unpublish: [] });
summarise('A lone new note 30 days after the wall\'s first note', Y.encodeStateAsUpdate(doc, before), 1);

before = Y.encodeStateVector(doc);
const edited = note(author, 50, base + 3_600_000);
writeWallChanges(doc, { publish: [{ key: edited.key, record: { ...edited.record, text: TEXT.replace('x', 'y'), updatedAt: edited.record.createdAt + 5000 } }], unpublish: [] });
summarise('The same note edited', Y.encodeStateAsUpdate(doc, before), 1);

before = Y.encodeStateVector(doc);
writeWallChanges(doc, { publish: Array.from({ length: 20 }, (_, index) => note(author, 100 + index, base + 3_700_000 + index * 37)), unpublish: [] });
summarise('20 new notes in one broadcast', Y.encodeStateAsUpdate(doc, before), 20);

// As the cold-join bench builds its board (tests/load/coldJoin.ts): 200 people × 10 notes of 120 characters
// for 3 problems, each note published by its own decision, each author stamped in `people`.
const cold = new Y.Doc();
const authors = Array.from({ length: 200 }, (_, index) => id('p', index));
for (let seq = 0; seq < 10; seq += 1) {
  authors.forEach((personId, index) => {
    putWallPerson(cold, personId, { name: `Supplier ${index}`, organisation: `Firm ${index} Ltd`, role: 'participant' });
    const createdAt = base + (seq * 200 + index) * 250;
    const noteId = id('n', seq * 200 + index);
    const record: WallNote = { author: personId, noteId, text: TEXT, colour: 'yellow', targetId: id('t', seq % 3), createdAt, updatedAt: createdAt };
    writeWallChanges(cold, { publish: [{ key: wallKeyFor(personId, noteId), record }], unpublish: [] });
  });
}
console.log(`\nA 2,000-note wall (200 authors × 10 notes, 3 problems), whole state as a joiner gets it: ${Y.encodeStateAsUpdate(cold).length} B`);

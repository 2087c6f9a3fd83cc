/**
 * Checks on Yjs updates from clients, made BEFORE anything is applied to a server document.
 *
 * Every check first reads the update with our own bounded reader of the V1 format (`readUpdateOutline`),
 * not yjs's: yjs decodes claims as it finds them (yjs#498: an empty buffer; yjs#687: run-length and
 * count claims that loop or allocate without end), so handing it hostile bytes can block the event loop.
 * Our reader checks every count against the bytes that remain and against MAX_UPDATE_* before
 * looping, consumes at least one byte per step (work is linear in the size, itself capped), bounds
 * nesting, and must end exactly at the last byte: V2 bytes and trailing junk are refused. It compares
 * lengths, never re-encoded bytes (yjs drops a flag bit when re-encoding; that check refuses honest updates).
 *
 * Order of use on a connection: `checkUpdateDecodesExactly` (4400), then for a read-only document
 * `updateCarriesNothingNew` (else 4403), for a writable one `hasMissingDependencies` (4409) and
 * `wouldNestTooDeep` (4400). They share one reading of the outline (the last update's is remembered): linear,
 * a few ms for MAX_UPDATE_BYTES, and a fifth of a quiet note's checks when each read it again (issue 15).
 * (This file would split naturally into the outline reader and the document checks.)
 */
import * as Y from 'yjs';
import {
  MAX_UPDATE_BYTES,
  MAX_UPDATE_CLIENTS,
  MAX_UPDATE_DELETE_RANGES,
  MAX_UPDATE_NESTING_DEPTH,
  MAX_UPDATE_STRUCTS,
} from '../../shared/limits.js';
import { ByteReader, Refused, type BytesCheck, type UpdateRefusal } from './syncProtocol.js';

/** A struct of an update, without its content: what the dependency checks need. */
export interface StructOutline {
  kind: 'gc' | 'skip' | 'item';
  client: number;
  clock: number;
  length: number;
  origin: OutlineId | null;
  rightOrigin: OutlineId | null;
  /** The parent when the update names it by id (not by root name, not copied from a neighbour). */
  parent: OutlineId | null;
  /** True when the item's content is a shared type (Y.Map, Y.Text…). */
  isType: boolean;
}
export interface OutlineId {
  client: number;
  clock: number;
}
/** What an update carries: structs per client (in encoded order) and delete ranges. */
export interface UpdateOutline {
  clients: Map<number, StructOutline[]>;
  deletes: Array<{ client: number; clock: number; length: number }>;
}

export type OutlineResult = { ok: true; outline: UpdateOutline } | { ok: false; reason: UpdateRefusal; detail: string };

/**
 * The last update read and its outline: the checks of one update run one after another on the same bytes
 * (callers never change an update's bytes, nor an outline: both are read-only here).
 */
let lastRead: { update: Uint8Array; result: OutlineResult } | null = null;

/** Reads a V1 update's outline, or says why the bytes are refused. Never throws on any input. */
export function readUpdateOutline(update: Uint8Array): OutlineResult {
  if (lastRead?.update === update) return lastRead.result;
  const result = readOutlineOrRefusal(update);
  lastRead = { update, result };
  return result;
}

function readOutlineOrRefusal(update: Uint8Array): OutlineResult {
  try {
    return { ok: true, outline: readOutline(update) };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, reason: error.reason, detail: error.message };
    throw error;
  }
}

/** `{ ok: true }` when `update` is a well-formed V1 update within bounds that decodes to its last byte. */
export function checkUpdateDecodesExactly(update: Uint8Array): BytesCheck {
  const result = readUpdateOutline(update);
  return result.ok ? { ok: true } : { ok: false, reason: result.reason, detail: result.detail };
}

function readOutline(update: Uint8Array): UpdateOutline {
  if (update.length === 0) throw new Refused('empty', 'an update has at least two bytes');
  if (update.length > MAX_UPDATE_BYTES) throw new Refused('too-large', `${update.length} bytes`);
  const reader = new ByteReader(update);
  const clients = new Map<number, StructOutline[]>();
  const clientCount = reader.count(3, 'clients');
  if (clientCount > MAX_UPDATE_CLIENTS) throw new Refused('too-many-clients', `${clientCount} clients`);
  let structTotal = 0;
  for (let i = 0; i < clientCount; i++) {
    const structCount = reader.count(2, 'structs');
    structTotal += structCount;
    if (structTotal > MAX_UPDATE_STRUCTS) throw new Refused('too-many-structs', `${structTotal} structs`);
    const client = reader.varUint();
    if (clients.has(client)) throw new Refused('bad-struct', `client ${client} appears twice`);
    let clock = reader.varUint();
    const structs: StructOutline[] = [];
    for (let j = 0; j < structCount; j++) {
      const struct = readStruct(reader, client, clock);
      clock += struct.length;
      if (clock > Number.MAX_SAFE_INTEGER) throw new Refused('clock-overflow', `client ${client}`);
      structs.push(struct);
    }
    clients.set(client, structs);
  }
  const deletes = readDeleteSet(reader);
  reader.expectEnd();
  if (deepestTypeNesting(clients, null) > MAX_UPDATE_NESTING_DEPTH) {
    throw new Refused('too-deeply-nested', 'shared types nested too deep');
  }
  return { clients, deletes };
}

function readDeleteSet(reader: ByteReader): UpdateOutline['deletes'] {
  const deletes: UpdateOutline['deletes'] = [];
  const clientCount = reader.count(2, 'delete-set clients');
  if (clientCount > MAX_UPDATE_CLIENTS) throw new Refused('too-many-clients', `${clientCount} delete-set clients`);
  const seen = new Set<number>();
  for (let i = 0; i < clientCount; i++) {
    const client = reader.varUint();
    if (seen.has(client)) throw new Refused('bad-struct', `delete-set client ${client} appears twice`);
    seen.add(client);
    const rangeCount = reader.count(2, 'delete ranges');
    if (deletes.length + rangeCount > MAX_UPDATE_DELETE_RANGES) throw new Refused('too-many-deletes', `${deletes.length + rangeCount} ranges`);
    for (let j = 0; j < rangeCount; j++) {
      const clock = reader.varUint();
      const length = reader.varUint();
      if (clock + length > Number.MAX_SAFE_INTEGER) throw new Refused('clock-overflow', `delete of client ${client}`);
      deletes.push({ client, clock, length });
    }
  }
  return deletes;
}

const BIT_ORIGIN = 0x80;
const BIT_RIGHT_ORIGIN = 0x40;
const BIT_PARENT_SUB = 0x20;
const CONTENT_REF_MASK = 0x1f;

function readStruct(reader: ByteReader, client: number, clock: number): StructOutline {
  const info = reader.uint8();
  const contentRef = info & CONTENT_REF_MASK;
  if (contentRef === 0 || contentRef === 10) {
    const length = reader.varUint();
    if (length === 0) throw new Refused('bad-struct', 'empty struct');
    const kind = contentRef === 0 ? 'gc' : 'skip';
    return { kind, client, clock, length, origin: null, rightOrigin: null, parent: null, isType: false };
  }
  if (contentRef > 10) throw new Refused('bad-struct', `unknown content type ${contentRef}`);
  const origin = (info & BIT_ORIGIN) !== 0 ? readId(reader) : null;
  const rightOrigin = (info & BIT_RIGHT_ORIGIN) !== 0 ? readId(reader) : null;
  let parent: OutlineId | null = null;
  if ((info & (BIT_ORIGIN | BIT_RIGHT_ORIGIN)) === 0) {
    const parentIsRootName = reader.varUint();
    if (parentIsRootName === 1) reader.skipString();
    else if (parentIsRootName === 0) parent = readId(reader);
    else throw new Refused('bad-struct', 'parent info must be 0 or 1');
    if ((info & BIT_PARENT_SUB) !== 0) reader.skipString();
  }
  const { length, isType } = readContent(reader, contentRef);
  if (length === 0) throw new Refused('bad-struct', 'empty item');
  return { kind: 'item', client, clock, length, origin, rightOrigin, parent, isType };
}

function readId(reader: ByteReader): OutlineId {
  return { client: reader.varUint(), clock: reader.varUint() };
}

/** Reads one item's content (yjs `contentRefs`, V1) and returns its length in clock units. */
function readContent(reader: ByteReader, contentRef: number): { length: number; isType: boolean } {
  switch (contentRef) {
    case 1: // deleted
      return { length: reader.varUint(), isType: false };
    case 2: {
      const count = reader.count(1, 'JSON values');
      for (let i = 0; i < count; i++) {
        const text = reader.string();
        if (text !== 'undefined') parseBoundedJson(text);
      }
      return { length: count, isType: false };
    }
    case 3: // binary
      reader.bytes(reader.varUint());
      return { length: 1, isType: false };
    case 4: // string: its length in UTF-16 code units, as yjs counts
      return { length: reader.skipString(), isType: false };
    case 5: // embed
      parseBoundedJson(reader.string());
      return { length: 1, isType: false };
    case 6: // format: key, value
      reader.skipString();
      parseBoundedJson(reader.string());
      return { length: 1, isType: false };
    case 7: {
      const typeRef = reader.varUint();
      if (typeRef > 6) throw new Refused('bad-struct', `unknown type ${typeRef}`);
      if (typeRef === 3 || typeRef === 5) reader.skipString(); // XmlElement and XmlHook carry a name
      return { length: 1, isType: true };
    }
    case 8: {
      const count = reader.count(1, 'values');
      for (let i = 0; i < count; i++) readAny(reader, 1);
      return { length: count, isType: false };
    }
    case 9: // subdocument: guid, options
      reader.skipString();
      readAny(reader, 1);
      return { length: 1, isType: false };
    default:
      throw new Refused('bad-struct', `unknown content type ${contentRef}`);
  }
}

/** Skips one lib0 `any` value, refusing nesting deeper than MAX_UPDATE_NESTING_DEPTH. */
function readAny(reader: ByteReader, depth: number): void {
  if (depth > MAX_UPDATE_NESTING_DEPTH) throw new Refused('too-deeply-nested', `value nested ${depth} deep`);
  const type = reader.uint8();
  switch (type) {
    case 127: case 126: case 121: case 120: return; // undefined, null, false, true
    case 125: reader.varInt(); return;
    case 124: reader.bytes(4); return; // float32
    case 123: case 122: reader.bytes(8); return; // float64, bigint64
    case 119: reader.skipString(); return;
    case 118: {
      const count = reader.count(2, 'object keys');
      for (let i = 0; i < count; i++) {
        // lib0 builds objects with obj[key] = value: a "__proto__" key would set the prototype, and yjs
        // then throws whenever it encodes the document again (a crash for every later reader).
        if (reader.string() === '__proto__') throw new Refused('bad-struct', 'an object key "__proto__"');
        readAny(reader, depth + 1);
      }
      return;
    }
    case 117: {
      const count = reader.count(1, 'array items');
      for (let i = 0; i < count; i++) readAny(reader, depth + 1);
      return;
    }
    case 116: reader.bytes(reader.varUint()); return;
    default: throw new Refused('bad-struct', `unknown value type ${type}`);
  }
}

/** JSON.parse is iterative in V8 and linear in the (bounded) text; the depth is then measured without recursion. */
function parseBoundedJson(text: string): void {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Refused('bad-json', 'content is not JSON');
  }
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 1 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next.depth > MAX_UPDATE_NESTING_DEPTH) throw new Refused('too-deeply-nested', 'JSON nested too deep');
    if (typeof next.value === 'object' && next.value !== null) {
      for (const child of Object.values(next.value)) pending.push({ value: child, depth: next.depth + 1 });
    }
  }
}

/**
 * The deepest nesting of shared types the update's items would have: each item's container is found
 * as yjs finds it (its named parent, else the parent of its origin, else of its right origin), in the
 * update or, when `doc` is given, in the document. yjs frees a deleted type's children recursively, so
 * a chain of thousands of nested types overflows the stack when it is deleted. Infinity for a cycle.
 */
function deepestTypeNesting(clients: Map<number, StructOutline[]>, doc: Y.Doc | null): number {
  const containerDepth = new Map<StructOutline, number>();
  let deepest = 0;
  for (const structs of clients.values()) {
    for (const struct of structs) {
      if (!struct.isType) continue;
      deepest = Math.max(deepest, containerDepthOf(struct, clients, doc, containerDepth) + 1);
      if (deepest > MAX_UPDATE_NESTING_DEPTH) return deepest;
    }
  }
  return deepest;
}

/** Type ancestors of `start`, following references iteratively (a chain can be 100,000 long) with a memo. */
function containerDepthOf(
  start: StructOutline,
  clients: Map<number, StructOutline[]>,
  doc: Y.Doc | null,
  memo: Map<StructOutline, number>,
): number {
  const path: StructOutline[] = [];
  const onPath = new Set<StructOutline>();
  const weights: number[] = [];
  let value = 0;
  for (let current: StructOutline | undefined = start; current !== undefined; ) {
    const known = memo.get(current);
    if (known !== undefined) {
      value = known;
      break;
    }
    if (onPath.has(current)) return Number.POSITIVE_INFINITY;
    onPath.add(current);
    path.push(current);
    const reference: OutlineId | null = current.parent ?? current.origin ?? current.rightOrigin;
    const next: StructOutline | undefined = reference === null ? undefined : findInUpdate(clients, reference);
    // A named parent is itself a level; an origin is a sibling, in the same container.
    weights.push(next !== undefined && current.parent !== null && next.isType ? 1 : 0);
    if (next === undefined) {
      value = reference === null || doc === null ? 0 : depthInDoc(doc, reference, current.parent !== null);
    }
    current = next;
  }
  for (let i = path.length - 1; i >= 0; i--) {
    value += weights[i] ?? 0;
    memo.set(path[i] as StructOutline, value);
  }
  return value;
}

/** The struct of this update that contains `id`, by binary search in its client's clock-ordered structs. */
function findInUpdate(clients: Map<number, StructOutline[]>, id: OutlineId): StructOutline | undefined {
  const structs = clients.get(id.client) ?? [];
  for (let low = 0, high = structs.length - 1; low <= high; ) {
    const middle = (low + high) >>> 1;
    const struct = structs[middle] as StructOutline;
    if (id.clock < struct.clock) high = middle - 1;
    else if (id.clock >= struct.clock + struct.length) low = middle + 1;
    else return struct.kind === 'item' ? struct : undefined;
  }
  return undefined;
}

/** Type ancestors of the document item holding `id` (counting the item itself when `includeItself` and it is a type). */
function depthInDoc(doc: Y.Doc, id: OutlineId, includeItself: boolean): number {
  const structs = doc.store.clients.get(id.client);
  if (structs === undefined || id.clock >= Y.getState(doc.store, id.client)) return 0;
  const item = structs[Y.findIndexSS(structs, id.clock)];
  if (!(item instanceof Y.Item)) return 0;
  let depth = includeItself && item.content instanceof Y.ContentType ? 1 : 0;
  for (let parent = item.parent; parent instanceof Y.AbstractType && parent._item !== null; parent = parent._item.parent) {
    depth += 1;
    if (depth > MAX_UPDATE_NESTING_DEPTH) break;
  }
  return depth;
}

// ---- Checks against a server document (nothing is applied to it) ---------------------------------

/**
 * True when applying `update` to `doc` would nest shared types deeper than MAX_UPDATE_NESTING_DEPTH,
 * counting the levels already in `doc` (each update may be shallow while the chain grows across many),
 * or when the bytes do not decode. Refuse such an update (close 4400): deleting a deep chain later
 * makes yjs overflow the stack inside `applyUpdate`. Cost: linear in the update, plus a walk of at most
 * MAX_UPDATE_NESTING_DEPTH parents per item that refers into the document.
 */
export function wouldNestTooDeep(doc: Y.Doc, update: Uint8Array): boolean {
  const result = readUpdateOutline(update);
  return !result.ok || deepestTypeNesting(result.outline.clients, doc) > MAX_UPDATE_NESTING_DEPTH;
}

/**
 * For read-only connections: true only when applying `update` to `serverDoc` would change nothing.
 * Every struct must be below the server's state for its client, and every delete range must cover
 * structs the server has AND has deleted (a reconnecting client's sync step 2 repeats its whole delete
 * set; deletions the server already has are nothing new). False for bytes that do not decode.
 * Cost: linear in the update, plus a binary search per delete range; the document is not copied.
 * Agrees with `Y.snapshotContainsUpdate(Y.snapshot(serverDoc), update)` on well-formed updates, which
 * costs a walk of the whole document per call (see the tests).
 */
export function updateCarriesNothingNew(serverDoc: Y.Doc, update: Uint8Array): boolean {
  const result = readUpdateOutline(update);
  if (!result.ok) return false;
  const store = serverDoc.store;
  for (const [client, structs] of result.outline.clients) {
    const state = Y.getState(store, client);
    for (const struct of structs) if (struct.clock + struct.length > state) return false;
  }
  return result.outline.deletes.every(({ client, clock, length }) => isDeletedOnServer(store, client, clock, length));
}

function isDeletedOnServer(store: Y.Doc['store'], client: number, clock: number, length: number): boolean {
  if (length === 0) return true;
  const structs = store.clients.get(client);
  const end = clock + length;
  if (structs === undefined || end > Y.getState(store, client)) return false;
  for (let index = Y.findIndexSS(structs, clock); index < structs.length; index++) {
    const struct = structs[index];
    if (struct === undefined || struct.id.clock >= end) break;
    if (!struct.deleted) return false;
  }
  return true;
}

/**
 * True when applying `update` to `doc` would leave anything pending (structs whose causes `doc` lacks,
 * or deletions of structs it lacks), or when the update cannot be applied cleanly (bytes that do not
 * decode; an item pointing at a later clock of its own client, which yjs cannot resolve). The caller
 * drops such an update and closes 4409 so the client reconnects and resyncs.
 *
 * Replays yjs's own integration order (`integrateStructs` in yjs/src/utils/encoding.js) over the
 * outline, with a state vector instead of a document: linear in the update, nothing is copied or applied.
 * Assumes `doc` has nothing pending itself (the server never keeps pending updates).
 */
export function hasMissingDependencies(doc: Y.Doc, update: Uint8Array): boolean {
  const result = readUpdateOutline(update);
  if (!result.ok) return true;
  const state = new Map<number, number>();
  const stateOf = (client: number): number => {
    let clock = state.get(client);
    if (clock === undefined) {
      clock = Y.getState(doc.store, client);
      state.set(client, clock);
    }
    return clock;
  };
  if (structsWouldWait(result.outline.clients, stateOf, state)) return true;
  return result.outline.deletes.some(({ client, clock, length }) => {
    const known = stateOf(client);
    return !(clock < known && clock + length <= known);
  });
}

type Reader = { next: number; structs: StructOutline[] };

function structsWouldWait(
  clients: Map<number, StructOutline[]>,
  stateOf: (client: number) => number,
  state: Map<number, number>,
): boolean {
  const readers = new Map<number, Reader>();
  for (const [client, structs] of clients) readers.set(client, { next: 0, structs });
  const order = [...readers.keys()].sort((a, b) => a - b); // yjs takes the highest client first
  const nextReader = (): Reader | null => {
    for (let client = order.at(-1); client !== undefined; order.pop(), client = order.at(-1)) {
      const reader = readers.get(client);
      if (reader !== undefined && reader.next < reader.structs.length) return reader;
    }
    return null;
  };
  let current = nextReader();
  const stack: StructOutline[] = [];
  let head = current === null ? undefined : current.structs[current.next++];
  while (head !== undefined) {
    if (head.kind !== 'skip') {
      const offset = stateOf(head.client) - head.clock;
      if (offset < 0) return true; // a gap before this struct in its own client's history
      const missing = missingClientOf(head, stateOf);
      if (missing === 'invalid') return true;
      if (missing !== null) {
        stack.push(head);
        const reader = readers.get(missing);
        if (reader === undefined || reader.next === reader.structs.length) return true;
        head = reader.structs[reader.next++];
        continue;
      }
      if (offset < head.length) state.set(head.client, head.clock + head.length);
    }
    head = stack.pop();
    if (head === undefined && current !== null) {
      if (current.next >= current.structs.length) current = nextReader();
      head = current === null ? undefined : current.structs[current.next++];
    }
  }
  return false;
}

/** yjs `Item.getMissing`: the client whose struct this item needs and the state lacks; 'invalid' for a forward reference. */
function missingClientOf(struct: StructOutline, stateOf: (client: number) => number): number | null | 'invalid' {
  for (const dependency of [struct.origin, struct.rightOrigin, struct.parent]) {
    if (dependency === null) continue;
    if (dependency.client === struct.client) {
      if (dependency.clock >= struct.clock) return 'invalid';
    } else if (dependency.clock >= stateOf(dependency.client)) {
      return dependency.client;
    }
  }
  return null;
}

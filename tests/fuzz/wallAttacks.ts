/**
 * Hostile actions of the property test. Raw clients speak y-protocols with their own Y.Docs; a poisoned
 * stock provider is a device whose local copy of a read-only document was edited (its provider sends the
 * edit at once, or in its sync step 2 on the next reconnect). Each action leaves a `HostileRecord`:
 * its marker text, the client ids that must not reach the server's documents, and the close it expects.
 * Raw actions run in the background (their outcome is a promise) so they overlap the honest ones.
 */
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CLOSE_CODES } from '../../shared/protocol/closeCodes.js';
import { NOTE_COLOURS } from '../../shared/schema/colours.js';
import { readRawDraftNotes } from '../../shared/schema/draftNotes.js';
import { addProblem } from '../../shared/schema/problems.js';
import { newRecordId } from '../../shared/schema/recordId.js';
import { DRAFT_ROOTS } from '../../shared/schema/roots.js';
import { readWallNotes } from '../../shared/schema/wall.js';
import { closeOf, rooms, syncMessagesOf } from '../helpers/liveBoard.js';
import { connectRaw, docFromMessages, waitFor, type RawClient } from '../helpers/liveClients.js';
import type { HostileAction } from './wallActions.js';
import { putNoteRecord, spendPublication, targetsOn, validNotesOf } from './wallHonest.js';
import { briefEdit, draftEdit, markerNote, ownDraftJunk, updateOf, wallEdit, type Edit } from './wallHostileEdits.js';
import { choose, connectSlot, serverDocument, type DocumentKey, type HostileRecord, type Person, type Slot, type World } from './wallWorld.js';

const FORBIDDEN = CLOSE_CODES.forbidden.code;
const MALFORMED = CLOSE_CODES.malformedMessage.code;
/** How long a hostile connection may stay open before its expected close counts as missing. */
const CLOSE_DEADLINE_MS = 4_000;


/** Runs one hostile action; returns a line for the run log. */
export async function runHostile(world: World, action: HostileAction, actionIndex: number): Promise<string> {
  const marker = `HOSTILE-${world.runId}-${actionIndex}-END`; // delimited: no marker is a prefix of another
  const { suppliers, observer, officer, people, authors } = world;
  const actorFrom = (candidates: Person[]) => candidates[action.actor % candidates.length]!;
  const victimFrom = (candidates: Person[], not: Person) => choose(candidates.filter((person) => person !== not), action.victim) ?? not;
  const record = (actor: Person, description: string, fields: Partial<HostileRecord>): HostileRecord => {
    const entry: HostileRecord = {
      actionIndex,
      attack: action.attack,
      actor,
      marker,
      description,
      forbiddenClients: [],
      expected: [FORBIDDEN],
      outcome: Promise.resolve('skipped'),
      markerAllowedInDraftOf: null,
      markerAllowedOnWallUnder: null,
      deleted: null,
      ...fields,
    };
    world.hostile.push(entry);
    return entry;
  };
  switch (action.attack) {
    case 'raw-write-brief': {
      const actor = actorFrom([...suppliers, observer]);
      const entry = record(actor, `${actor.name} writes the brief through a raw client`, {});
      entry.outcome = rawCopyWrite(world, entry, rooms.brief(world.boardId), 'brief', action.asSyncStep2, briefEdit(marker, action.variant, action.victim));
      return entry.description;
    }
    case 'raw-write-wall': {
      const actor = actorFrom(people);
      const victim = victimFrom(authors, actor);
      const entry = record(actor, `${actor.name} writes the wall through a raw client`, {});
      entry.outcome = rawCopyWrite(world, entry, rooms.wall(world.boardId), 'wall', action.asSyncStep2, wallEdit(marker, action.variant, victim, actor));
      return entry.description;
    }
    case 'raw-write-other-draft': {
      const actor = actorFrom(people);
      const victim = actor === observer && action.variant % 2 === 0 ? observer : victimFrom(suppliers, actor);
      const room = rooms.draft(world.boardId, victim.personId);
      const entry = record(actor, `${actor.name} writes the draft of ${victim.name} through a raw client`, {});
      entry.outcome =
        actor === officer
          ? rawCopyWrite(world, entry, room, `draft:${victim.personId}`, action.asSyncStep2, draftEdit(marker, action.variant, victim))
          : rawBlindWrite(world, entry, room, action.asSyncStep2, markerNoteUpdate(marker, entry));
      return entry.description;
    }
    case 'poison-brief': {
      const actor = actorFrom([...suppliers, observer]);
      return poison(world, actor, record(actor, `${actor.name} edits a local copy of the brief`, {}), 'brief', action.variant, briefEdit(marker, action.variant, action.victim));
    }
    case 'poison-wall': {
      const actor = actorFrom(people);
      const victim = victimFrom(authors, actor);
      return poison(world, actor, record(actor, `${actor.name} edits a local copy of the wall`, {}), 'wall', action.variant, wallEdit(marker, action.variant, victim, actor));
    }
    case 'poison-other-draft': {
      const victim = suppliers[action.victim % suppliers.length]!;
      const entry = record(officer, `the officer edits a local copy of the draft of ${victim.name}`, {});
      return poison(world, officer, entry, victim.personId, action.variant, draftEdit(marker, action.variant, victim));
    }
    case 'forged-author':
      return forgedAuthor(world, action, marker, record);
    case 'wall-like-draft': {
      const actor = actorFrom(authors);
      const victim = victimFrom(authors, actor);
      const entry = record(actor, `${actor.name} puts wall-like records naming ${victim.name} in their own draft`, {
        expected: ['open'],
        markerAllowedInDraftOf: actor.personId,
      });
      const targetId = choose(targetsOn(actor.devices[0]!), action.victim) ?? newRecordId();
      entry.outcome = rawOwnDraftWrite(world, entry, action.asSyncStep2, (doc) => {
        const keys = ownDraftJunk(doc, action.variant, marker, victim, targetId);
        entry.description += ` (${keys.length} records)`;
        for (const key of keys) world.model.notesByAuthor.get(actor.personId)!.add(key);
      });
      return entry.description;
    }
    case 'same-note-id':
      return sameNoteId(world, action, marker, record);
    case 'v2-bytes':
    case 'truncated-frame': {
      const actor = actorFrom(people);
      const ownDraft = actor === observer ? rooms.brief(world.boardId) : rooms.draft(world.boardId, actor.personId);
      const room = [ownDraft, rooms.brief(world.boardId), rooms.wall(world.boardId)][action.variant % 3]!;
      const entry = record(actor, `${actor.name} sends ${action.attack} on ${room}`, { expected: [MALFORMED] });
      entry.outcome = rawBytes(world, entry, room, craftedFrame(action, marker, entry));
      return entry.description;
    }
  }
}

// ---- Raw clients --------------------------------------------------------------------------------------

async function openRaw(world: World, room: string, person: Person): Promise<RawClient> {
  return world.open.add(await connectRaw(world.server.url, room, person.client), (raw) => raw.close());
}

async function outcomeOf(raw: RawClient): Promise<number | 'open'> {
  try {
    return (await closeOf(raw, CLOSE_DEADLINE_MS)).code;
  } catch {
    return 'open';
  } finally {
    raw.close();
  }
}

function send(raw: RawClient, update: Uint8Array, asSyncStep2: boolean): void {
  try {
    if (asSyncStep2) raw.sendSyncStep2(update);
    else raw.sendUpdate(update);
  } catch {
    // reason: the server may already have closed the socket (a refusal at admission); the close is checked
  }
}

/** Asks for the server's copy, edits it and sends only the edit: a write that is otherwise perfectly valid. */
async function rawCopyWrite(world: World, entry: HostileRecord, room: string, key: DocumentKey, asSyncStep2: boolean, edit: Edit): Promise<number | 'open'> {
  const raw = await openRaw(world, room, entry.actor);
  raw.sendSyncStep1(new Y.Doc());
  try {
    await waitFor(() => syncMessagesOf(raw.received).some((message) => message.kind === 'step2') || !raw.isOpen(), { timeoutMs: 3_000, what: 'step 2' });
  } catch {
    // reason: no copy means the write below is made on an empty document; it must be refused all the same
  }
  const copy = docFromMessages(raw.received);
  const { update, what, deleted } = updateOf(copy, edit);
  entry.description += ` (${what})`;
  entry.deleted = deleted ?? null;
  entry.forbiddenClients.push({ key, clientId: copy.clientID });
  if (update) send(raw, update, asSyncStep2);
  return outcomeOf(raw);
}

/** A write sent without reading first, e.g. into a room the attacker may not even open. */
async function rawBlindWrite(world: World, entry: HostileRecord, room: string, asSyncStep2: boolean, update: Uint8Array): Promise<number | 'open'> {
  const raw = await openRaw(world, room, entry.actor);
  send(raw, update, asSyncStep2);
  return outcomeOf(raw);
}

/** A fresh document with one note carrying the marker; its client id is forbidden everywhere. */
function markerNoteUpdate(marker: string, entry: HostileRecord): Uint8Array {
  const doc = new Y.Doc();
  putNoteRecord(doc, newRecordId(), markerNote(marker, newRecordId()));
  addProblem(doc, { title: marker });
  entry.forbiddenClients.push({ key: 'anywhere', clientId: doc.clientID });
  return Y.encodeStateAsUpdate(doc);
}

/** Writes into the attacker's own draft (allowed): the connection must stay open and the write arrive. */
async function rawOwnDraftWrite(world: World, entry: HostileRecord, asSyncStep2: boolean, edit: (doc: Y.Doc) => void): Promise<number | 'open'> {
  const raw = await openRaw(world, rooms.draft(world.boardId, entry.actor.personId), entry.actor);
  const doc = new Y.Doc();
  doc.transact(() => edit(doc));
  send(raw, Y.encodeStateAsUpdate(doc), asSyncStep2);
  const serverDraft = await serverDocument(world, `draft:${entry.actor.personId}`);
  try {
    await waitFor(() => Y.getState(serverDraft.store, doc.clientID) > 0 || !raw.isOpen(), { timeoutMs: CLOSE_DEADLINE_MS });
  } catch {
    // reason: the outcome below says what happened
  }
  const outcome: number | 'open' = raw.isOpen() ? 'open' : (await raw.closed).code;
  raw.close();
  return outcome;
}

/** V2 bytes, or a valid update message cut short, on a fresh connection. */
function craftedFrame(action: HostileAction, marker: string, entry: HostileRecord): Uint8Array {
  const doc = new Y.Doc();
  putNoteRecord(doc, newRecordId(), markerNote(marker, newRecordId()));
  addProblem(doc, { title: marker });
  entry.forbiddenClients.push({ key: 'anywhere', clientId: doc.clientID });
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  if (action.attack === 'v2-bytes') {
    const update = Y.encodeStateAsUpdateV2(doc);
    if (action.asSyncStep2) {
      encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
      encoding.writeVarUint8Array(encoder, update);
    } else {
      syncProtocol.writeUpdate(encoder, update);
    }
    return encoding.toUint8Array(encoder);
  }
  syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc));
  const full = encoding.toUint8Array(encoder);
  const cut = (action.variant * 7_919 + action.victim) % full.length;
  entry.description += ` (${cut} of ${full.length} bytes)`;
  return full.slice(0, cut);
}

async function rawBytes(world: World, entry: HostileRecord, room: string, frame: Uint8Array): Promise<number | 'open'> {
  const raw = await openRaw(world, room, entry.actor);
  raw.send(frame);
  return outcomeOf(raw);
}

// ---- Poisoned stock providers and own-draft tricks ---------------------------------------------------

/**
 * Edits the local copy behind one of the actor's stock providers (brief, wall, or for the officer a
 * supplier's draft). The provider sends it and must be closed with 4403; the device then drops the copy
 * and loads afresh (what the client does on 4403), so the slot gets a new provider.
 */
async function poison(world: World, actor: Person, entry: HostileRecord, target: 'brief' | 'wall' | string, variant: number, edit: Edit): Promise<string> {
  const device = actor.devices[variant % actor.devices.length]!;
  const slot: Slot | undefined = target === 'brief' || target === 'wall' ? device[target] : (world.officer.devices[0]!.readers.get(target));
  if (!slot) return `${entry.description}: no such copy, nothing`;
  const old = slot.live;
  const { what, deleted } = updateOf(old.doc, edit);
  entry.description += ` (${what})`;
  entry.deleted = deleted ?? null;
  entry.forbiddenClients.push({ key: slot.key, clientId: old.doc.clientID });
  world.poisoned.push({ record: entry, live: old });
  entry.outcome = waitFor(() => old.closes.some((close) => close.code === FORBIDDEN), { timeoutMs: 6_000 }).then(
    () => FORBIDDEN,
    () => old.closes.at(-1)?.code ?? 'open',
  );
  const index = world.disconnected.indexOf(old);
  if (index >= 0) {
    // A copy edited while offline: the edit goes in the sync step 2 of the reconnect.
    world.disconnected.splice(index, 1);
    old.provider.connect();
  }
  slot.live = (await connectSlot(world, slot.owner, slot.room, slot.key)).live;
  return entry.description;
}

function forgedAuthor(world: World, action: HostileAction, marker: string, record: (actor: Person, description: string, fields: Partial<HostileRecord>) => HostileRecord): string {
  const actor = world.authors[action.actor % world.authors.length]!;
  const victim = choose(world.authors.filter((person) => person !== actor), action.victim) ?? actor;
  const device = actor.devices[action.variant % actor.devices.length]!;
  const doc = device.draft!.live.doc;
  const entry = record(actor, `${actor.name} claims ${victim.name} as the author of a note in their own draft`, {
    expected: ['open'],
    // Through the author's own stock provider: the write is accepted (its closes are checked as honest ones).
    outcome: Promise.resolve('open'),
    markerAllowedInDraftOf: actor.personId,
  });
  const existing = validNotesOf(doc)[0];
  if (existing && action.variant % 2 === 1) {
    const note = doc.getMap<unknown>(DRAFT_ROOTS.notes).get(existing.id) as Y.Map<unknown>;
    doc.transact(() => {
      note.set('author', victim.personId);
      note.set('text', marker);
    });
    entry.description += ` (on existing note ${existing.id})`;
    return entry.description;
  }
  const id = newRecordId();
  const targetId = choose(targetsOn(device), action.victim) ?? newRecordId();
  putNoteRecord(doc, id, { ...markerNote(marker, targetId), author: victim.personId, organisation: victim.organisation });
  world.model.notesByAuthor.get(actor.personId)!.add(id);
  entry.description += ` (new note ${id})`;
  return entry.description;
}

function sameNoteId(world: World, action: HostileAction, marker: string, record: (actor: Person, description: string, fields: Partial<HostileRecord>) => HostileRecord): string {
  const actor = world.authors[action.actor % world.authors.length]!;
  const device = actor.devices[action.variant % actor.devices.length]!;
  const doc = device.draft!.live.doc;
  const others = [...readWallNotes(device.wall.live.doc).values()].filter((note) => note.author !== actor.personId);
  const victimNote = choose(others, action.victim);
  const entry = record(actor, `${actor.name} reuses the note id of someone else’s published note`, {
    expected: ['open'],
    markerAllowedInDraftOf: actor.personId,
    markerAllowedOnWallUnder: actor.personId,
  });
  if (!victimNote || readRawDraftNotes(doc).has(victimNote.noteId) || !spendPublication(world, actor)) {
    entry.description += ': no note to copy or no budget, nothing';
    return entry.description;
  }
  entry.outcome = Promise.resolve('open');
  putNoteRecord(doc, victimNote.noteId, {
    text: marker,
    colour: NOTE_COLOURS[action.variant % NOTE_COLOURS.length]!,
    targetId: victimNote.targetId,
    createdAt: Date.now(),
    visibility: 'public',
  });
  world.model.notesByAuthor.get(actor.personId)!.add(victimNote.noteId);
  world.model.textsEver.add(marker);
  entry.description += ` (${victimNote.author}:${victimNote.noteId})`;
  return entry.description;
}

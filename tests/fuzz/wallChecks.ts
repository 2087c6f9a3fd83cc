/**
 * What must hold once a run of the property test has gone quiet:
 *  (a) every honest copy of every document equals the server's (state vector bytes and JSON of every root),
 *      and no honest connection was refused (a 4409 resync is allowed: it costs one reconnect);
 *  (b) every hostile action got its documented close and left no trace: its marker and its client ids
 *      are nowhere they may not be, and nothing honest people made is missing;
 *  (c) the wall is what the publisher's rules make of the server's drafts, with each author stamped by
 *      the server from their real name and organisation;
 *  (d) the stored copy of every document rebuilds to the live one.
 * Each check returns a list of problems (empty when it holds), so one failure message shows them all.
 */
import * as Y from 'yjs';
import { documentNames } from '../../server/rooms/BoardRoom.js';
import { isWellFormedId } from '../../shared/ids.js';
import { MAX_NOTE_TEXT_CHARS, PUBLISH_COALESCE_MS } from '../../shared/limits.js';
import { decidePublication } from '../../shared/publisher.js';
import { readBrief, targetIdsOf } from '../../shared/schema/brief.js';
import { readRawDraftNotes, validateDraftNote } from '../../shared/schema/draftNotes.js';
import { BRIEF_ROOTS, DRAFT_ROOTS, WALL_ROOTS } from '../../shared/schema/roots.js';
import { readWallNotes, readWallNotesOfAuthor, readWallPeople, type WallNote } from '../../shared/schema/wall.js';
import { docFromStored } from '../helpers/liveBoard.js';
import { rootsJson } from '../helpers/liveClients.js';
import { allSlots, serverDocument, type DocumentKey, type HostileRecord, type World } from './wallWorld.js';

/** Close codes an honest connection may see: a resync after sending edits before the handshake ended. */
const HONEST_CLOSE_CODES = new Set([4409]);

function knownRoots(key: DocumentKey): readonly string[] {
  if (key === 'brief') return Object.values(BRIEF_ROOTS);
  if (key === 'wall') return Object.values(WALL_ROOTS);
  return Object.values(DRAFT_ROOTS);
}

/**
 * JSON of every root the server's document has (and the known ones), as one string with object keys
 * sorted: a Y.Map lists its keys in the order this copy integrated them, which differs between copies.
 */
function documentJson(doc: Y.Doc, key: DocumentKey, roots = [...new Set([...knownRoots(key), ...doc.share.keys()])].sort()): string {
  return JSON.stringify(rootsJson(doc, roots), (_field, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
}

function stateVectorHex(doc: Y.Doc): string {
  return Buffer.from(Y.encodeStateVector(doc)).toString('hex');
}

export function documentKeys(world: World): DocumentKey[] {
  return ['brief', 'wall', ...world.authors.map((author) => `draft:${author.personId}` as const)];
}

async function serverSnapshot(world: World): Promise<Map<DocumentKey, { doc: Y.Doc; vector: string; json: string }>> {
  const snapshot = new Map<DocumentKey, { doc: Y.Doc; vector: string; json: string }>();
  for (const key of documentKeys(world)) {
    const doc = await serverDocument(world, key);
    snapshot.set(key, { doc, vector: stateVectorHex(doc), json: documentJson(doc, key) });
  }
  return snapshot;
}

/** Slots whose copy differs from the server's (state vector or JSON), or that are not synced. */
function laggingSlots(world: World, server: Awaited<ReturnType<typeof serverSnapshot>>): string[] {
  const lagging: string[] = [];
  for (const slot of allSlots(world)) {
    const reference = server.get(slot.key)!;
    const roots = [...new Set([...knownRoots(slot.key), ...reference.doc.share.keys()])].sort();
    const vector = stateVectorHex(slot.live.doc);
    const json = documentJson(slot.live.doc, slot.key, roots);
    if (!slot.live.provider.synced || vector !== reference.vector || json !== documentJson(reference.doc, slot.key, roots)) {
      const serverJson = documentJson(reference.doc, slot.key, roots);
      lagging.push(
        `${slot.owner.name} on ${slot.room} (device ${slot.owner.devices.findIndex((device) => Object.values(device).includes(slot))}):` +
          ` synced=${slot.live.provider.synced} connected=${slot.live.provider.wsconnected}` +
          ` vector ${vector} vs server ${reference.vector}` +
          (json === serverJson ? '; same JSON' : `; JSON ${json} vs server ${serverJson}`),
      );
    }
  }
  return lagging;
}

/**
 * Reconnects every provider the run disconnected, waits for every hostile action's outcome, then polls
 * until every honest copy equals the server's and the server's documents have not changed for longer
 * than the publisher's coalescing delay. Returns what still differs when `timeoutMs` runs out (else []).
 */
export async function quiesce(world: World, timeoutMs = 20_000): Promise<string[]> {
  for (const live of world.disconnected.splice(0)) live.provider.connect();
  await Promise.all(world.hostile.map((entry) => entry.outcome));
  const deadline = Date.now() + timeoutMs;
  let lastSignature = '';
  let stableSince = Date.now();
  for (;;) {
    await world.room.publisher.flush();
    const server = await serverSnapshot(world);
    const signature = [...server.values()].map((entry) => entry.vector + entry.json).join('|');
    const lagging = laggingSlots(world, server);
    if (signature !== lastSignature) {
      lastSignature = signature;
      stableSince = Date.now();
    } else if (lagging.length === 0 && Date.now() - stableSince > 2 * PUBLISH_COALESCE_MS) {
      return [];
    }
    if (Date.now() > deadline) return lagging.length > 0 ? lagging : ['the server’s documents never stopped changing'];
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
}

/** (a) Honest copies equal the server's; honest connections were never refused. */
export async function checkConvergence(world: World): Promise<string[]> {
  const problems = laggingSlots(world, await serverSnapshot(world)).map((line) => `not converged: ${line}`);
  for (const slot of allSlots(world)) {
    const refused = slot.live.closes.filter((close) => !HONEST_CLOSE_CODES.has(close.code));
    if (refused.length > 0) problems.push(`honest ${slot.owner.name} on ${slot.room} was closed: ${JSON.stringify(refused)}`);
  }
  return problems;
}

/** (b) Every hostile action got its close and left no trace; nothing honest is missing. */
export async function checkNoTrace(world: World): Promise<string[]> {
  const problems: string[] = [];
  const brief = world.room.brief.doc;
  const wall = world.room.wall.doc;
  const briefJson = documentJson(brief, 'brief');
  const peopleJson = JSON.stringify(wall.getMap(WALL_ROOTS.people).toJSON());
  const drafts = await Promise.all(world.authors.map(async (author) => ({ author, doc: await serverDocument(world, `draft:${author.personId}`) })));
  for (const entry of world.hostile) {
    const where = `hostile #${entry.actionIndex} ${entry.attack} (${entry.description})`;
    const outcome = await entry.outcome;
    const expected = honestlyGone(world, entry) ? [...entry.expected, 'open' as const] : entry.expected;
    if (outcome !== 'skipped' && !expected.includes(outcome)) problems.push(`${where}: ended with ${outcome}, expected ${expected.join(' or ')}`);
    for (const { key, clientId } of entry.forbiddenClients) {
      const keys = key === 'anywhere' ? documentKeys(world) : [key];
      for (const checked of keys) {
        const clock = Y.getState((await serverDocument(world, checked)).store, clientId);
        if (clock > 0) problems.push(`${where}: client ${clientId} reached the server's ${checked} (clock ${clock})`);
      }
    }
    if (briefJson.includes(entry.marker)) problems.push(`${where}: marker in the brief`);
    if (peopleJson.includes(entry.marker)) problems.push(`${where}: marker in the wall's people`);
    wall.getMap<unknown>(WALL_ROOTS.notes).forEach((value, key) => {
      if (!JSON.stringify(value).includes(entry.marker)) return;
      // Compact records (wall schema version 3) carry no author: the key's person id is the author.
      const author = Array.isArray(value) ? key.split(':')[0] : (value as { author?: unknown }).author;
      const allowed = entry.markerAllowedOnWallUnder;
      if (allowed === null || author !== allowed || !key.startsWith(`${allowed}:`)) problems.push(`${where}: marker on the wall under ${key}`);
    });
    for (const { author, doc } of drafts) {
      if (author.personId !== entry.markerAllowedInDraftOf && documentJson(doc, `draft:${author.personId}`).includes(entry.marker)) {
        problems.push(`${where}: marker in the draft of ${author.name}`);
      }
    }
  }
  const state = readBrief(brief);
  if (state.phase !== 'open') problems.push(`the board's phase is ${state.phase}`);
  const problemIds = new Set(state.problems.map((problem) => problem.id));
  const mapIds = new Set(state.serviceMaps.map((map) => map.id));
  const stageIds = new Set(state.serviceMaps.flatMap((map) => map.stages.map((stage) => stage.id)));
  for (const id of world.model.problems) if (!problemIds.has(id)) problems.push(`problem ${id} is missing from the brief`);
  for (const id of world.model.serviceMaps) if (!mapIds.has(id)) problems.push(`service map ${id} is missing from the brief`);
  for (const id of world.model.stages) if (!stageIds.has(id)) problems.push(`stage ${id} is missing from the brief`);
  for (const { author, doc } of drafts) {
    const actual = [...doc.getMap(DRAFT_ROOTS.notes).keys()].sort();
    const expected = [...world.model.notesByAuthor.get(author.personId)!].sort();
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      problems.push(`draft of ${author.name} holds notes ${JSON.stringify(actual)}, honest actions left ${JSON.stringify(expected)}`);
    }
  }
  return problems;
}

/** True when what a hostile pure deletion deleted is gone by honest means (so the deletion may be old news). */
function honestlyGone(world: World, entry: HostileRecord): boolean {
  const deleted = entry.deleted;
  if (deleted === null) return false;
  switch (deleted.kind) {
    case 'problem':
      return !world.model.problems.has(deleted.id);
    case 'draft-note':
      return !world.model.notesByAuthor.get(deleted.authorId)?.has(deleted.id);
    case 'wall-note':
      // Unpublished by its author (deleted, emptied, made confidential): the wall check says whether rightly.
      return !world.room.wall.doc.getMap(WALL_ROOTS.notes).has(deleted.key);
  }
}

/** (c) The wall is what the publisher's rules make of the drafts, authors stamped by the server. */
export async function checkWall(world: World): Promise<string[]> {
  const problems: string[] = [];
  const wall = world.room.wall.doc;
  const wallNotes = readWallNotes(wall);
  const rawWallSize = wall.getMap(WALL_ROOTS.notes).size;
  if (rawWallSize !== wallNotes.size) problems.push(`the wall holds ${rawWallSize - wallNotes.size} records that are not valid wall notes`);
  const targetIds = targetIdsOf(readBrief(world.room.brief.doc));
  const authorIds = new Set(world.authors.map((author) => author.personId));
  for (const [key, note] of wallNotes) if (!authorIds.has(note.author)) problems.push(`wall note ${key} has author ${note.author}, who has no draft`);
  const people = readWallPeople(wall);
  for (const [personId, stamped] of people) {
    const author = world.authors.find((person) => person.personId === personId);
    const role = author?.role === 'officer' ? 'officer' : 'participant';
    if (!author || stamped.name !== author.name || stamped.organisation !== author.organisation || stamped.role !== role) {
      problems.push(`people[${personId}] is ${JSON.stringify(stamped)}, expected ${JSON.stringify(author ? { name: author.name, organisation: author.organisation, role } : null)}`);
    }
  }
  for (const author of world.authors) {
    const draftNotes = readRawDraftNotes(await serverDocument(world, `draft:${author.personId}`));
    const mine = readWallNotesOfAuthor(wall, author.personId);
    if (mine.size > 0 && !people.has(author.personId)) problems.push(`${author.name} has notes on the wall but no entry in people`);
    for (const noteId of mine.keys()) if (!draftNotes.has(noteId)) problems.push(`${author.name}'s wall note ${noteId} is not in their draft`);
    for (const [noteId, raw] of draftNotes) {
      const problem = checkOneNote(world, noteId, raw, mine.get(noteId), targetIds);
      if (problem) problems.push(`${author.name}'s note ${noteId}: ${problem}`);
    }
    // The wall is a fixed point of the publisher: deciding again (rate limit aside) changes nothing.
    const decision = decidePublication({
      author: { personId: author.personId, role: author.role === 'officer' ? 'officer' : 'participant' },
      rules: { phase: 'open', targetIds, now: Date.now(), maxNotesPerMinute: Number.MAX_SAFE_INTEGER, maxNoteTextChars: MAX_NOTE_TEXT_CHARS },
      draftNotes,
      wallNotesOfAuthor: mine,
      recentPublishTimes: [],
    });
    if (decision.publish.length > 0 || decision.unpublish.length > 0) {
      problems.push(`deciding ${author.name}'s draft again would publish ${JSON.stringify(decision.publish.map((item) => item.key))} and unpublish ${JSON.stringify(decision.unpublish)}`);
    }
  }
  return problems;
}

/** What the rules say about one draft note and its wall record; null when the wall agrees. */
function checkOneNote(world: World, noteId: string, raw: unknown, onWall: WallNote | undefined, targetIds: Set<string>): string | null {
  const check = isWellFormedId(noteId) ? validateDraftNote(raw) : null;
  if (!check || !check.ok) return onWall ? 'invalid in the draft but on the wall' : null;
  const note = check.note;
  if (note.visibility === 'confidential') return onWall ? 'confidential but on the wall' : null;
  if (note.text.trim() === '') return onWall ? 'empty but on the wall' : null;
  if (note.text.length > MAX_NOTE_TEXT_CHARS) {
    // The wall keeps the last version that could be published, if there was one.
    if (!onWall) return null;
    return onWall.text.length <= MAX_NOTE_TEXT_CHARS && world.model.textsEver.has(onWall.text) ? null : `over-long, and the wall shows ${JSON.stringify(onWall.text.slice(0, 40))}`;
  }
  if (!targetIds.has(note.targetId)) {
    // A note aimed at a problem or stage the officer removed keeps what the wall showed (changes wait).
    if (!onWall || (world.model.removedTargets.has(note.targetId) && world.model.textsEver.has(onWall.text))) return null;
    return `aims at ${note.targetId}, not in the brief, but is on the wall`;
  }
  if (!onWall) return 'publishable but not on the wall';
  if (onWall.text !== note.text || onWall.colour !== note.colour || onWall.targetId !== note.targetId) {
    return `the wall shows ${JSON.stringify({ text: onWall.text, colour: onWall.colour, targetId: onWall.targetId })}, the draft ${JSON.stringify({ text: note.text, colour: note.colour, targetId: note.targetId })}`;
  }
  if (!(onWall.createdAt <= onWall.updatedAt && onWall.updatedAt <= Date.now())) return `server times are wrong: ${onWall.createdAt}, ${onWall.updatedAt}`;
  return null;
}

/** (d) The stored log and snapshot of every document rebuild the live document. */
export async function checkStored(world: World): Promise<string[]> {
  await world.room.settle();
  const problems: string[] = [];
  for (const key of documentKeys(world)) {
    const live = await serverDocument(world, key);
    const name =
      key === 'brief' ? documentNames.brief(world.boardId) : key === 'wall' ? documentNames.wall(world.boardId) : documentNames.draft(world.boardId, key.slice('draft:'.length));
    const stored = await world.server.store.loadDocument(name);
    const rebuilt = docFromStored(stored);
    const roots = [...new Set([...knownRoots(key), ...live.share.keys()])].sort();
    if (stateVectorHex(rebuilt) !== stateVectorHex(live) || documentJson(rebuilt, key, roots) !== documentJson(live, key, roots)) {
      problems.push(`the stored ${key} differs from the live one`);
    }
    rebuilt.destroy();
  }
  return problems;
}

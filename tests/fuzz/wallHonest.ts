/**
 * Honest actions of the property test, done the way the client does them: through the shared writers on
 * a device's own copy, which its stock provider sends. An over-long note is written straight into the
 * author's own draft (the UI would not offer it, but the draft is theirs). Each author stays under the
 * publication rate limit: an action that could put a note on the wall for the first time spends one of
 * the author's budget, and when it is spent the note stays confidential or the action does nothing.
 */
import * as Y from 'yjs';
import { MAX_NOTE_TEXT_CHARS } from '../../shared/limits.js';
import { readBrief, targetIdsOf } from '../../shared/schema/brief.js';
import { NOTE_COLOURS } from '../../shared/schema/colours.js';
import { addDraftNote, deleteDraftNote, readRawDraftNotes, updateDraftNote, validateDraftNote, type DraftNote } from '../../shared/schema/draftNotes.js';
import { PROBLEM_TEXT_FIELDS, addProblem, problemText, readProblems, removeProblem } from '../../shared/schema/problems.js';
import { newRecordId } from '../../shared/schema/recordId.js';
import { DRAFT_ROOTS } from '../../shared/schema/roots.js';
import { addServiceMap, addStage, readServiceMaps, removeStage } from '../../shared/schema/serviceMaps.js';
import type { DocumentSlot, HonestAction, TextKind } from './wallActions.js';
import { choose, type Device, type Person, type Slot, type World } from './wallWorld.js';

export function noteText(kind: TextKind, tag: string): string {
  switch (kind) {
    case 'normal':
      return `Idea ${tag}: share the repair diary with tenants`;
    case 'empty':
      return '';
    case 'spaces':
      return '   ';
    case 'multiline':
      return `Idea ${tag}\nwith a second line`;
    case 'at-limit':
      return `Idea ${tag} `.padEnd(MAX_NOTE_TEXT_CHARS, 'y');
    case 'over-long':
      return `Long idea ${tag} ` + 'x'.repeat(MAX_NOTE_TEXT_CHARS + 1);
  }
}

/** Target ids (problems and stages) as this device's copy of the brief shows them, in a stable order. */
export function targetsOn(device: Device): string[] {
  return [...targetIdsOf(readBrief(device.brief.live.doc))].sort();
}

/** Valid notes of a draft copy (the ones an honest UI would offer to edit), in a stable order. */
export function validNotesOf(doc: Y.Doc): Array<{ id: string; note: DraftNote }> {
  const notes: Array<{ id: string; note: DraftNote }> = [];
  for (const [id, raw] of readRawDraftNotes(doc)) {
    const check = validateDraftNote(raw);
    if (check.ok) notes.push({ id, note: check.note });
  }
  return notes.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Writes a whole note record into a draft, as `addDraftNote` does but without its length check. */
export function putNoteRecord(doc: Y.Doc, id: string, fields: Record<string, unknown>): void {
  doc.transact(() => {
    const record = new Y.Map<unknown>();
    doc.getMap<unknown>(DRAFT_ROOTS.notes).set(id, record);
    for (const [field, value] of Object.entries(fields)) record.set(field, value);
  });
}

/** Takes one publication from the author's budget; false when none is left. */
export function spendPublication(world: World, author: Person): boolean {
  const left = world.model.publishBudget.get(author.personId) ?? 0;
  if (left <= 0) return false;
  world.model.publishBudget.set(author.personId, left - 1);
  return true;
}

function authorOf(world: World, pick: number): Person {
  return world.authors[pick % world.authors.length]!;
}

function deviceOf(person: Person, pick: number): Device {
  return person.devices[pick % person.devices.length]!;
}

/** Changes one field of a note with `updateDraftNote`; for an over-long note (which it refuses to keep) directly. */
function changeNote(doc: Y.Doc, id: string, changes: Partial<DraftNote>): void {
  try {
    updateDraftNote(doc, id, changes);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const record = doc.getMap<unknown>(DRAFT_ROOTS.notes).get(id);
    if (record instanceof Y.Map) doc.transact(() => Object.entries(changes).forEach(([field, value]) => record.set(field, value)));
  }
}

/** Runs one honest action; returns a line for the run log. */
export async function runHonest(world: World, action: HonestAction): Promise<string> {
  switch (action.kind) {
    case 'add-problem': {
      const doc = deviceOf(world.officer, action.device).brief.live.doc;
      const tag = world.nextTag();
      const id = addProblem(doc, { title: `Problem ${tag}`, body: `Body ${tag}` });
      world.model.problems.add(id);
      return `officer adds problem ${id}`;
    }
    case 'add-service-map': {
      const doc = deviceOf(world.officer, action.device).brief.live.doc;
      const id = addServiceMap(doc, { title: `Map ${world.nextTag()}` });
      world.model.serviceMaps.add(id);
      return `officer adds service map ${id}`;
    }
    case 'add-stage': {
      const doc = deviceOf(world.officer, action.device).brief.live.doc;
      const map = choose(readServiceMaps(doc), action.pick);
      if (!map) return 'officer adds a stage: no map yet, nothing';
      const id = addStage(doc, map.id, { title: `Stage ${world.nextTag()}` });
      if (id) world.model.stages.add(id);
      return `officer adds stage ${id} to ${map.id}`;
    }
    case 'edit-problem-text': {
      const doc = deviceOf(world.officer, action.device).brief.live.doc;
      const problem = choose(readProblems(doc), action.pick);
      const field = PROBLEM_TEXT_FIELDS[action.field % PROBLEM_TEXT_FIELDS.length]!;
      const text = problem ? problemText(doc, problem.id, field) : null;
      if (!problem || !text) return 'officer edits a problem: none yet, nothing';
      const position = action.position % (text.length + 1);
      const deleteCount = Math.min(action.deleteCount, text.length - position);
      doc.transact(() => {
        if (deleteCount > 0) text.delete(position, deleteCount);
        text.insert(position, `‹${world.nextTag()}›`);
      });
      return `officer edits ${field} of ${problem.id} at ${position} (deletes ${deleteCount})`;
    }
    case 'remove-target': {
      const doc = deviceOf(world.officer, action.device).brief.live.doc;
      const stages = readServiceMaps(doc).flatMap((map) => map.stages.map((stage) => ({ mapId: map.id, id: stage.id })));
      const targets = [...readProblems(doc).map((problem) => ({ mapId: null, id: problem.id })), ...stages];
      const target = choose(targets, action.pick);
      if (!target) return 'officer removes a target: none, nothing';
      if (target.mapId === null) removeProblem(doc, target.id);
      else removeStage(doc, target.mapId, target.id);
      world.model.problems.delete(target.id);
      world.model.stages.delete(target.id);
      world.model.removedTargets.add(target.id);
      return `officer removes ${target.mapId === null ? 'problem' : 'stage'} ${target.id}`;
    }
    case 'add-note':
      return addNote(world, action);
    case 'edit-note':
    case 'move-note':
    case 'recolour-note':
    case 'toggle-visibility':
    case 'delete-note':
      return changeExistingNote(world, action);
    case 'disconnect':
      return disconnect(world, action);
    case 'reconnect': {
      const live = world.disconnected.splice(action.pick % Math.max(1, world.disconnected.length), 1)[0];
      if (!live) return 'reconnect: nothing disconnected';
      live.provider.connect();
      return `reconnect ${live.provider.roomname}`;
    }
    case 'type-while-reconnecting':
      return typeWhileReconnecting(world, action);
    case 'pause':
      await new Promise((resolve) => setTimeout(resolve, action.ms));
      return `pause ${action.ms} ms`;
  }
}

function addNote(world: World, action: Extract<HonestAction, { kind: 'add-note' }>): string {
  const author = authorOf(world, action.author);
  const device = deviceOf(author, action.device);
  const doc = device.draft!.live.doc;
  const targetId = action.unknownTarget ? newRecordId() : (choose(targetsOn(device), action.target) ?? newRecordId());
  const confidential = action.confidential || !spendPublication(world, author);
  const tag = world.nextTag();
  const text = noteText(action.text, tag);
  const fields = {
    text,
    colour: NOTE_COLOURS[action.colour % NOTE_COLOURS.length]!,
    targetId,
    createdAt: Date.now(),
    visibility: confidential ? ('confidential' as const) : ('public' as const),
  };
  let id: string;
  if (text.length > MAX_NOTE_TEXT_CHARS) {
    id = newRecordId();
    putNoteRecord(doc, id, fields);
  } else {
    id = addDraftNote(doc, fields);
  }
  world.model.notesByAuthor.get(author.personId)!.add(id);
  world.model.textsEver.add(text);
  return `${author.name} (device ${author.devices.indexOf(device)}) adds ${fields.visibility} ${action.text} note ${id} for ${targetId}`;
}

function changeExistingNote(
  world: World,
  action: Extract<HonestAction, { kind: 'edit-note' | 'move-note' | 'recolour-note' | 'toggle-visibility' | 'delete-note' }>,
): string {
  const author = authorOf(world, action.author);
  const device = deviceOf(author, action.device);
  const doc = device.draft!.live.doc;
  const chosen = choose(validNotesOf(doc), action.pick);
  const who = `${author.name} (device ${author.devices.indexOf(device)})`;
  if (!chosen) return `${who} ${action.kind}: no note on this device, nothing`;
  const { id, note } = chosen;
  switch (action.kind) {
    case 'edit-note': {
      const text = noteText(action.text, world.nextTag());
      const mayPublishAnew = note.visibility === 'public' && note.text.trim() === '' && text.trim() !== '';
      if (mayPublishAnew && !spendPublication(world, author)) return `${who} edit-note ${id}: budget spent, nothing`;
      world.model.textsEver.add(text);
      changeNote(doc, id, { text });
      return `${who} sets ${action.text} text on ${id}`;
    }
    case 'move-note': {
      const targetId = choose(targetsOn(device), action.target);
      if (!targetId) return `${who} move-note ${id}: no target, nothing`;
      changeNote(doc, id, { targetId });
      return `${who} moves ${id} to ${targetId}`;
    }
    case 'recolour-note': {
      const colour = NOTE_COLOURS[action.colour % NOTE_COLOURS.length]!;
      changeNote(doc, id, { colour });
      return `${who} recolours ${id} ${colour}`;
    }
    case 'toggle-visibility': {
      const visibility = note.visibility === 'public' ? 'confidential' : 'public';
      if (visibility === 'public' && !spendPublication(world, author)) return `${who} toggle ${id}: budget spent, nothing`;
      changeNote(doc, id, { visibility });
      return `${who} makes ${id} ${visibility}`;
    }
    case 'delete-note':
      if (deleteDraftNote(doc, id)) world.model.notesByAuthor.get(author.personId)!.delete(id);
      return `${who} deletes ${id}`;
  }
}

async function typeWhileReconnecting(world: World, action: Extract<HonestAction, { kind: 'type-while-reconnecting' }>): Promise<string> {
  const author = authorOf(world, action.author);
  const device = deviceOf(author, action.device);
  const live = device.draft!.live;
  const waiting = world.disconnected.indexOf(live);
  if (waiting >= 0) world.disconnected.splice(waiting, 1);
  if (live.provider.shouldConnect) live.provider.disconnect();
  const targetId = choose(targetsOn(device), action.target) ?? newRecordId();
  const confidential = !spendPublication(world, author);
  const tag = world.nextTag();
  const text = noteText('normal', tag);
  const id = addDraftNote(live.doc, { text, targetId, visibility: confidential ? 'confidential' : 'public' });
  world.model.notesByAuthor.get(author.personId)!.add(id);
  world.model.textsEver.add(text);
  const edited = `${text} (typed on reconnect)`;
  world.model.textsEver.add(edited);
  const opened = new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 3_000);
    const onStatus = ({ status }: { status: string }) => {
      if (status !== 'connected') return;
      live.provider.off('status', onStatus);
      clearTimeout(timer);
      // Synchronously at open: the update leaves before the sync step 2 that carries the note it edits.
      updateDraftNote(live.doc, id, { text: edited });
      resolve(true);
    };
    live.provider.on('status', onStatus);
  });
  live.provider.connect();
  const typed = await opened;
  return `${author.name} (device ${author.devices.indexOf(device)}) adds ${id} offline and edits it as the socket opens (${typed ? 'typed' : 'never opened'})`;
}

function disconnect(world: World, action: Extract<HonestAction, { kind: 'disconnect' }>): string {
  const person = world.people[action.person % world.people.length]!;
  const device = deviceOf(person, action.device);
  const slot = slotOf(device, action.slot, action.pick);
  if (world.disconnected.includes(slot.live) || !slot.live.provider.shouldConnect) return `disconnect ${slot.room}: already`;
  slot.live.provider.disconnect();
  world.disconnected.push(slot.live);
  return `${person.name} disconnects ${slot.room}`;
}

function slotOf(device: Device, kind: DocumentSlot, pick: number): Slot {
  if (kind === 'reader') return choose([...device.readers.values()], pick) ?? device.draft ?? device.brief;
  if (kind === 'draft') return device.draft ?? device.brief;
  return device[kind];
}

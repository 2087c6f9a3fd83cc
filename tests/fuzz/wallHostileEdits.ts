/**
 * The edits a hostile participant makes on their copy of a document they may only read (the brief, the
 * wall, someone else's draft) or, for junk, on their own draft. Each carries the action's marker text
 * where it can; a pure deletion says what it deleted (the server may rightly ignore an old deletion).
 */
import * as Y from 'yjs';
import { setPhase } from '../../shared/schema/briefMeta.js';
import { addDraftNote } from '../../shared/schema/draftNotes.js';
import { addProblem, problemText, readProblems, removeProblem } from '../../shared/schema/problems.js';
import { newRecordId } from '../../shared/schema/recordId.js';
import { BRIEF_ROOTS, DRAFT_ROOTS, WALL_ROOTS } from '../../shared/schema/roots.js';
import { readWallNotes } from '../../shared/schema/wall.js';
import { putNoteRecord, validNotesOf } from './wallHonest.js';
import { choose, type HostileRecord, type Person } from './wallWorld.js';
/** What a hostile edit did; a pure deletion names what it deleted (see `HostileRecord.deleted`). */
export type EditResult = { what: string; deleted?: NonNullable<HostileRecord['deleted']> };
export type Edit = (doc: Y.Doc) => EditResult;

export function markerNote(marker: string, targetId: string): Record<string, unknown> {
  return { text: marker, colour: 'pink', targetId, createdAt: Date.now(), visibility: 'public' };
}

export function briefEdit(marker: string, variant: number, pick: number): Edit {
  return (doc) => {
    const problem = choose(readProblems(doc), pick);
    switch (variant % 4) {
      case 0:
        if (problem) {
          problemText(doc, problem.id, 'title')?.insert(0, marker);
          return { what: `inserts the marker into the title of ${problem.id}` };
        }
        break;
      case 2:
        if (problem) {
          removeProblem(doc, problem.id);
          return { what: `deletes problem ${problem.id}`, deleted: { kind: 'problem', id: problem.id } };
        }
        break;
      case 3:
        doc.transact(() => {
          setPhase(doc, 'closed');
          doc.getMap<unknown>(BRIEF_ROOTS.meta).set('notice', marker);
        });
        return { what: 'closes the board' };
    }
    addProblem(doc, { title: marker });
    return { what: 'adds a problem' };
  };
}

export function wallEdit(marker: string, variant: number, victim: Person, actor: Person): Edit {
  return (doc) => {
    const notes = doc.getMap<unknown>(WALL_ROOTS.notes);
    const victimNote = [...readWallNotes(doc).entries()].find(([, note]) => note.author === victim.personId);
    switch (variant % 3) {
      case 1:
        doc.getMap<unknown>(WALL_ROOTS.people).set(variant % 2 === 0 ? actor.personId : victim.personId, {
          name: marker,
          organisation: marker,
          role: 'officer',
        });
        return { what: 'stamps a name in people' };
      case 2:
        if (victimNote) {
          notes.delete(victimNote[0]);
          return { what: `deletes wall note ${victimNote[0]}`, deleted: { kind: 'wall-note', key: victimNote[0] } };
        }
        break;
    }
    if (victimNote) {
      notes.set(victimNote[0], { ...victimNote[1], text: marker });
      return { what: `overwrites wall note ${victimNote[0]}` };
    }
    const noteId = newRecordId();
    notes.set(`${victim.personId}:${noteId}`, {
      author: victim.personId,
      noteId,
      text: marker,
      colour: 'yellow',
      targetId: newRecordId(),
      createdAt: 1,
      updatedAt: 1,
    });
    return { what: 'adds a wall note in the victim’s name' };
  };
}

export function draftEdit(marker: string, variant: number, victim: Person): Edit {
  return (doc) => {
    const note = validNotesOf(doc)[0];
    if (note && variant % 3 === 0) {
      const record = doc.getMap<unknown>(DRAFT_ROOTS.notes).get(note.id) as Y.Map<unknown>;
      record.set('text', marker);
      return { what: `overwrites note ${note.id}` };
    }
    if (note && variant % 3 === 1) {
      doc.getMap<unknown>(DRAFT_ROOTS.notes).delete(note.id);
      return { what: `deletes note ${note.id}`, deleted: { kind: 'draft-note', authorId: victim.personId, id: note.id } };
    }
    addDraftNote(doc, { text: marker, targetId: newRecordId() });
    return { what: 'adds a note' };
  };
}

/** The update `edit` makes on `doc` (null when it changed nothing). */
export function updateOf(doc: Y.Doc, edit: Edit): EditResult & { update: Uint8Array | null } {
  const updates: Uint8Array[] = [];
  const listen = (update: Uint8Array) => updates.push(update);
  doc.on('update', listen);
  let result: EditResult = { what: '' };
  doc.transact(() => {
    result = edit(doc);
  });
  doc.off('update', listen);
  return { ...result, update: updates.length === 0 ? null : Y.mergeUpdates(updates) };
}

/**
 * Records in the attacker's own draft that the publisher must refuse, each aimed at a real target and
 * carrying the marker; returns the note keys it made. See `ATTACKS` in wallActions.ts for the variants.
 */
export function ownDraftJunk(doc: Y.Doc, variant: number, marker: string, victim: Person, targetId: string): string[] {
  const notes = doc.getMap<unknown>(DRAFT_ROOTS.notes);
  const valid = { ...markerNote(marker, targetId) };
  const keys = [newRecordId(), newRecordId()];
  switch (variant % 4) {
    case 0:
      doc.getMap<unknown>(WALL_ROOTS.people).set(victim.personId, { name: marker, organisation: marker, role: 'participant' });
      keys[0] = `${victim.personId}:${newRecordId()}`;
      putNoteRecord(doc, keys[0], valid);
      notes.set(keys[1]!, { ...valid, author: victim.personId });
      return keys;
    case 1: {
      putNoteRecord(doc, keys[0]!, { ...valid, text: new Y.Text(marker) });
      const record = new Y.Map<unknown>();
      notes.set(keys[1]!, record);
      for (const [field, value] of Object.entries(valid)) record.set(field, value);
      record.set('__proto__', { author: victim.personId, text: marker });
      return keys;
    }
    case 2:
      keys.push(newRecordId(), newRecordId());
      putNoteRecord(doc, keys[0]!, { ...valid, createdAt: Number.NaN });
      putNoteRecord(doc, keys[1]!, { ...valid, colour: 'red;background:url(https://example.com/x)' });
      putNoteRecord(doc, keys[2]!, { ...valid, text: `\u202e${marker}` });
      putNoteRecord(doc, keys[3]!, { ...valid, visibility: 'everyone' });
      return keys;
    default: {
      let inner = new Y.Map<unknown>();
      inner.set('text', marker);
      for (let level = 0; level < 20; level += 1) {
        const outer = new Y.Map<unknown>();
        outer.set('nested', inner);
        inner = outer;
      }
      putNoteRecord(doc, keys[0]!, { ...valid, targetId: inner });
      putNoteRecord(doc, keys[1]!, { ...valid, text: [marker], createdAt: -1 });
      return keys;
    }
  }
}

/**
 * `readWall` for a page that reads the same wall again after every change (issue 15, phones). The plain
 * `readWall` decodes and sorts all 2,000 notes of a big board on every change (53 ms in Node, several
 * times that on a phone), and hands out new objects for every note, so every card renders again. This
 * reader remembers what it read: a note whose stored record (the same object from Yjs until the note
 * changes) and author are unchanged keeps its view object, and a problem or stage none of whose notes
 * changed keeps its array. What it returns is what `readWall` returns, just with stable identities.
 */
import type * as Y from 'yjs';
import { readWallPeople, readWallRecordContext, type WallKey, type WallNoteView, type WallPerson, type WallState } from '../../shared/schema/wall.js';
import { WALL_ROOTS } from '../../shared/schema/roots.js';
import { readWallSchemaVersion } from '../../shared/schema/wallMeta.js';
import { decodeWallNote, type WallRecordContext } from '../../shared/schema/wallNoteRecord.js';

interface ReadNote {
  /** The stored record this view was decoded from (Yjs returns the same object until the note changes). */
  stored: unknown;
  timeBase: number;
  /**
   * The size of the wall's target table when it was read: the table only grows (a ref is never reassigned),
   * so a valid view stays valid, and only a record that was not (a ref not there yet) is read again.
   */
  targetCount: number;
  /** Null when the record is not a valid note. */
  view: WallNoteView | null;
}

function byAge(a: WallNoteView, b: WallNoteView): number {
  return a.createdAt - b.createdAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

function isSameAuthor(view: WallNoteView, person: WallPerson | undefined): boolean {
  return view.authorName === (person?.name ?? '') && view.authorOrganisation === (person?.organisation ?? '') && view.authorRole === (person?.role ?? null);
}

function viewOf(key: string, stored: unknown, wall: WallRecordContext, people: ReadonlyMap<string, WallPerson>): WallNoteView | null {
  const note = decodeWallNote(key, stored, wall);
  if (note === null) return null;
  const person = people.get(note.author);
  return { ...note, key: key as WallKey, authorName: person?.name ?? '', authorOrganisation: person?.organisation ?? '', authorRole: person?.role ?? null };
}

/** A reader for ONE wall document: call it after each change; it returns the same as `readWall(doc)`. */
export function createWallReader(): (doc: Y.Doc) => WallState {
  let readNotes = new Map<string, ReadNote>();
  let previousGroups = new Map<string, WallNoteView[]>();
  return (doc) => {
    const people = readWallPeople(doc);
    const wall = readWallRecordContext(doc);
    const { timeBase } = wall;
    const targetCount = wall.targets.size;
    const nextNotes = new Map<string, ReadNote>();
    const groups = new Map<string, WallNoteView[]>();
    // Problems and stages a note came to, left or changed in: only their arrays are built again.
    const changedTargets = new Set<string>();
    doc.getMap<unknown>(WALL_ROOTS.notes).forEach((stored, key) => {
      const previous = readNotes.get(key);
      let read = previous;
      const isSame =
        previous !== undefined &&
        previous.stored === stored &&
        previous.timeBase === timeBase &&
        (previous.view !== null || previous.targetCount === targetCount);
      if (!isSame || (previous.view !== null && !isSameAuthor(previous.view, people.get(previous.view.author)))) {
        read = { stored, timeBase, targetCount, view: viewOf(key, stored, wall, people) };
        if (previous?.view) changedTargets.add(previous.view.targetId);
        if (read.view) changedTargets.add(read.view.targetId);
      }
      nextNotes.set(key, read!); // reason: set above when there was none
      const view = read!.view; // reason: as above
      if (view === null) return;
      const group = groups.get(view.targetId);
      if (group) group.push(view);
      else groups.set(view.targetId, [view]);
    });
    for (const [key, read] of readNotes) if (read.view !== null && !nextNotes.has(key)) changedTargets.add(read.view.targetId);
    for (const [targetId, group] of groups) {
      const previous = previousGroups.get(targetId);
      if (!changedTargets.has(targetId) && previous !== undefined) groups.set(targetId, previous);
      else group.sort(byAge);
    }
    readNotes = nextNotes;
    previousGroups = groups;
    return { notesByTarget: groups, people, schemaVersion: readWallSchemaVersion(doc) };
  };
}

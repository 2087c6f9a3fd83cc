/**
 * The notes one problem or stage shows: everyone else's from the wall, and the author's own from
 * their draft (so waiting and unpublished ones show too). Until the draft has loaded, the author's
 * published notes come from the wall instead, read-only.
 */
import type { NoteColour } from '../../shared/schema/colours.js';
import type { WallNoteView, WallRole, WallState } from '../../shared/schema/wall.js';
import type { MyNote } from './myNotes.js';

export interface LaneNote {
  /** Unique on the page: the wall key, or `mine:<noteId>`. */
  key: string;
  /** The note's key on the wall (`<personId>:<noteId>`), also for my own notes: groups place notes by it. */
  wallKey: string;
  text: string;
  colour: NoteColour;
  authorName: string;
  authorOrganisation: string;
  authorRole: WallRole | null;
  createdAt: number;
  isMine: boolean;
  /** The draft note behind it, when the author can change it here. */
  draft: MyNote | null;
}

export interface Me {
  personId: string;
  name: string;
  organisation: string;
  role: WallRole;
}

function fromWall(note: WallNoteView, personId: string): LaneNote {
  return {
    key: note.key,
    wallKey: note.key,
    text: note.text,
    colour: note.colour,
    authorName: note.authorName,
    authorOrganisation: note.authorOrganisation,
    authorRole: note.authorRole,
    createdAt: note.createdAt,
    isMine: note.author === personId,
    draft: null,
  };
}

function fromDraft(note: MyNote, me: Me): LaneNote {
  return {
    key: `mine:${note.noteId}`,
    // The key the publisher gives it (`wallKeyFor`), built by hand: an id it refuses just matches no group.
    wallKey: `${me.personId}:${note.noteId}`,
    text: note.text,
    colour: note.colour,
    authorName: me.name,
    authorOrganisation: me.organisation,
    authorRole: me.role,
    createdAt: note.createdAt,
    isMine: true,
    draft: note,
  };
}

// The same wall note (`wallReader.ts` keeps its object while it is unchanged) gives the same lane note, and
// the same wall list the same lane list, so a change to one note does not make every card render again.
const laneNoteOf = new WeakMap<WallNoteView, { personId: string; note: LaneNote }>();
const laneListOf = new WeakMap<readonly WallNoteView[], { personId: string; skipsMine: boolean; notes: LaneNote[] }>();

function fromWallRemembered(note: WallNoteView, personId: string): LaneNote {
  const remembered = laneNoteOf.get(note);
  if (remembered?.personId === personId) return remembered.note;
  const laneNote = fromWall(note, personId);
  laneNoteOf.set(note, { personId, note: laneNote });
  return laneNote;
}

function byAge(a: LaneNote, b: LaneNote): number {
  return a.createdAt - b.createdAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** Notes per target id, oldest first. `myNotes` is null while the draft has not loaded (or for observers). */
export function laneNotesByTarget(wall: WallState, myNotes: readonly MyNote[] | null, me: Me | null): Map<string, LaneNote[]> {
  const personId = me?.personId ?? '';
  const skipsMine = myNotes !== null;
  const mine = new Map<string, LaneNote[]>();
  if (myNotes !== null && me !== null) {
    for (const note of myNotes) {
      const group = mine.get(note.targetId);
      if (group) group.push(fromDraft(note, me));
      else mine.set(note.targetId, [fromDraft(note, me)]);
    }
  }
  const byTarget = new Map<string, LaneNote[]>();
  for (const [targetId, notes] of wall.notesByTarget) {
    const remembered = laneListOf.get(notes);
    let others: LaneNote[];
    if (remembered !== undefined && remembered.personId === personId && remembered.skipsMine === skipsMine) {
      others = remembered.notes;
    } else {
      // The wall list is oldest first already, so this one is too.
      others = [];
      for (const note of notes) if (!(skipsMine && note.author === personId)) others.push(fromWallRemembered(note, personId));
      laneListOf.set(notes, { personId, skipsMine, notes: others });
    }
    const myGroup = mine.get(targetId);
    byTarget.set(targetId, myGroup === undefined ? others : [...others, ...myGroup].sort(byAge));
  }
  for (const [targetId, myGroup] of mine) if (!byTarget.has(targetId)) byTarget.set(targetId, myGroup.sort(byAge));
  return byTarget;
}

/** The author's wall notes by note id (for their notes' states). */
export function myWallNotes(wall: WallState, personId: string): Map<string, WallNoteView> {
  const mine = new Map<string, WallNoteView>();
  for (const notes of wall.notesByTarget.values()) {
    for (const note of notes) if (note.author === personId) mine.set(note.noteId, note);
  }
  return mine;
}

/** The author's own notes, read from their draft. */
import type * as Y from 'yjs';
import { readDraftNotes, type DraftNote } from '../../shared/schema/draftNotes.js';

/** One valid note of the author's draft, with its id. */
export interface MyNote extends DraftNote {
  noteId: string;
}

/** Every valid note of a draft, oldest first (ties by id). Invalid records are left out. */
export function readMyNotes(doc: Y.Doc): MyNote[] {
  const notes: MyNote[] = [];
  for (const [noteId, check] of readDraftNotes(doc)) {
    if (check.ok) notes.push({ noteId, ...check.note });
  }
  return notes.sort((a, b) => a.createdAt - b.createdAt || (a.noteId < b.noteId ? -1 : a.noteId > b.noteId ? 1 : 0));
}

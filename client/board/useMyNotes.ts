import type * as Y from 'yjs';
import { readMyNotes, type MyNote } from './myNotes.js';
import { useDocSnapshot } from './useDocSnapshot.js';

const NO_NOTES: MyNote[] = [];

/** The author's own notes from their draft, oldest first; kept up to date. */
export function useMyNotes(draftDoc: Y.Doc | null): MyNote[] {
  return useDocSnapshot(draftDoc, readMyNotes, NO_NOTES);
}

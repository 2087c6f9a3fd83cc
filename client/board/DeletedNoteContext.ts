/**
 * "Note deleted. Undo" (issue 14): the last note this person deleted, kept on the page so one press puts it
 * back under the same id with the same fields; the publisher then publishes it again for everyone.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { restoreDraftNote, type DraftNote } from '../../shared/schema/draftNotes.js';
import type { MyNote } from './myNotes.js';

export interface DeletedNote {
  noteId: string;
  note: DraftNote;
  /** The note's key on the page, to give it focus again once it is back. */
  pageKey: string;
}

export interface DeletedNoteValue {
  deleted: DeletedNote | null;
  remember(note: MyNote, pageKey: string): void;
  /** Puts the note back; returns false (and says why) when it could not. */
  undo(): boolean;
  dismiss(): void;
}

const NOTHING_DELETED: DeletedNoteValue = { deleted: null, remember: () => undefined, undo: () => false, dismiss: () => undefined };

export const DeletedNoteContext = createContext<DeletedNoteValue>(NOTHING_DELETED);

export function useDeletedNote(): DeletedNoteValue {
  return useContext(DeletedNoteContext);
}

export function useDeletedNoteModel(draftDoc: Y.Doc | null, announce: (text: string) => void, requestFocus: (pageKey: string) => void): DeletedNoteValue {
  const [deleted, setDeleted] = useState<DeletedNote | null>(null);
  // A new draft document (reloaded afresh) does not hold what the old one deleted.
  useEffect(() => setDeleted(null), [draftDoc]);

  const remember = useCallback((note: MyNote, pageKey: string) => {
    const { noteId, ...fields } = note;
    setDeleted({ noteId, note: fields, pageKey });
  }, []);

  const undo = useCallback((): boolean => {
    if (deleted === null || draftDoc === null) return false;
    try {
      if (!restoreDraftNote(draftDoc, deleted.noteId, deleted.note)) return false;
    } catch (error) {
      announce(error instanceof RangeError ? error.message : 'Your note could not be put back. Try again.');
      return false;
    }
    setDeleted(null);
    requestFocus(deleted.pageKey);
    announce('Note restored');
    return true;
  }, [deleted, draftDoc, announce, requestFocus]);

  const dismiss = useCallback(() => setDeleted(null), []);
  return useMemo(() => ({ deleted, remember, undo, dismiss }), [deleted, remember, undo, dismiss]);
}

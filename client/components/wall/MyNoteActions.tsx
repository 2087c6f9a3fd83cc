import { useEffect, useRef, type MouseEvent } from 'react';
import { deleteDraftNote, updateDraftNote } from '../../../shared/schema/draftNotes.js';
import type { MyNote } from '../../board/myNotes.js';
import { useWallContext } from '../../board/WallContext.js';
import { MoveNoteForm } from './MoveNoteForm.js';
import { NoteForm, type NoteFormValues } from './NoteForm.js';

interface MyNoteActionsProps {
  note: MyNote;
  /** The note's key on the page, to find it again after it moves. */
  pageKey: string;
  isEditing: boolean;
  onEditingChange(isEditing: boolean): void;
}

/** Edit, delete and move one of my notes (each only when the board allows it). */
export function MyNoteActions({ note, pageKey, isEditing, onEditingChange }: MyNoteActionsProps) {
  const { draftDoc, canPost, canWithdraw, targets, noteTyping, stopTyping, announce, requestFocus } = useWallContext();
  const editRef = useRef<HTMLButtonElement>(null);
  const hasEditedRef = useRef(false);

  useEffect(() => {
    if (!isEditing && hasEditedRef.current) editRef.current?.focus();
    hasEditedRef.current = hasEditedRef.current || isEditing;
  }, [isEditing]);

  if (draftDoc === null) return null;
  const doc = draftDoc;

  function finishEditing(): void {
    stopTyping();
    onEditingChange(false);
  }

  function handleSave(values: NoteFormValues): string | null {
    try {
      updateDraftNote(doc, note.noteId, {
        text: values.text,
        colour: values.colour,
        visibility: values.isConfidential ? 'confidential' : 'public',
      });
    } catch (error) {
      return error instanceof RangeError ? error.message : 'Your note could not be saved. Try again.';
    }
    announce('Note saved');
    finishEditing();
    return null;
  }

  function handleDelete(event: MouseEvent<HTMLButtonElement>): void {
    // The card goes away with the focus in it: hand focus to a neighbour, or to the lane's "Add a note"
    // button (a visible control, so a keyboard user can see where they are).
    const card = event.currentTarget.closest('[data-testid="note"]');
    const lane = card?.closest('.lane-notes');
    const next =
      card?.nextElementSibling ??
      card?.previousElementSibling ??
      lane?.querySelector<HTMLElement>('.add-note__button') ??
      lane;
    deleteDraftNote(doc, note.noteId);
    announce('Note deleted');
    if (next instanceof HTMLElement) next.focus();
  }

  function handleMove(targetId: string): void {
    const target = targets.find((candidate) => candidate.id === targetId);
    try {
      updateDraftNote(doc, note.noteId, { targetId });
    } catch {
      announce('Your note could not be moved. Try again.');
      return;
    }
    requestFocus(pageKey);
    announce(`Note moved to ${target?.label ?? 'another place'}`);
  }

  if (isEditing) {
    return (
      <NoteForm
        targetId={note.targetId}
        submitLabel="Save note"
        initial={{ text: note.text, colour: note.colour, isConfidential: note.visibility === 'confidential' }}
        onSubmit={handleSave}
        onCancel={finishEditing}
        onTyping={noteTyping}
      />
    );
  }
  return (
    <div className="note__actions">
      <div className="note__buttons">
        {canPost && (
          <button type="button" className="button button--secondary wall-button" ref={editRef} onClick={() => onEditingChange(true)}>
            Edit<span className="visually-hidden"> your note</span>
          </button>
        )}
        {canWithdraw && (
          <button type="button" className="button button--secondary wall-button" onClick={handleDelete}>
            Delete note
          </button>
        )}
      </div>
      {canPost && targets.some((target) => target.id !== note.targetId) && <MoveNoteForm currentTargetId={note.targetId} targets={targets} onMove={handleMove} />}
    </div>
  );
}


import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { deleteDraftNote, updateDraftNote } from '../../../shared/schema/draftNotes.js';
import { useDeletedNote } from '../../board/DeletedNoteContext.js';
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

/**
 * Edit, delete and move one of my notes (each only when the board allows it), behind one "Options" button
 * (a disclosure: issue 14 measured about 300 px of buttons per note on a phone). Escape or a click
 * elsewhere closes it; deleting offers "Undo" at the bottom of the screen.
 */
export function MyNoteActions({ note, pageKey, isEditing, onEditingChange }: MyNoteActionsProps) {
  const { draftDoc, canPost, canWithdraw, targets, noteTyping, stopTyping, announce, requestFocus } = useWallContext();
  const deletedNote = useDeletedNote();
  const id = useId();
  const [isOpen, setOpen] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const hasEditedRef = useRef(false);

  useEffect(() => {
    if (!isEditing && hasEditedRef.current) toggleRef.current?.focus();
    hasEditedRef.current = hasEditedRef.current || isEditing;
  }, [isEditing]);

  useEffect(() => {
    if (!isOpen) return;
    // A click or tap anywhere else closes the menu, as people expect of one.
    const closeOutside = (event: PointerEvent) => {
      if (!menuRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', closeOutside);
    return () => document.removeEventListener('pointerdown', closeOutside);
  }, [isOpen]);

  if (draftDoc === null) return null;
  const doc = draftDoc;
  const canMove = canPost && targets.some((target) => target.id !== note.targetId);
  if (!canPost && !canWithdraw) return null;

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

  function handleDelete(): void {
    deletedNote.remember(note, pageKey);
    deleteDraftNote(doc, note.noteId);
    setOpen(false);
    announce('Note deleted');
    // The card goes away with the focus in it: the "Undo" button takes it (WallDock focuses it on arrival).
  }

  function handleMove(targetId: string): void {
    const target = targets.find((candidate) => candidate.id === targetId);
    try {
      updateDraftNote(doc, note.noteId, { targetId });
    } catch {
      announce('Your note could not be moved. Try again.');
      return;
    }
    setOpen(false);
    requestFocus(pageKey);
    announce(`Note moved to ${target?.label ?? 'another place'}`);
  }

  function handleKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !isOpen) return;
    event.stopPropagation();
    setOpen(false);
    toggleRef.current?.focus();
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
    <div className="note-options" ref={menuRef} onKeyDown={handleKeyDown}>
      <button
        type="button"
        className="note-options__toggle"
        ref={toggleRef}
        aria-expanded={isOpen}
        aria-controls={`${id}-options`}
        onClick={() => setOpen(!isOpen)}
      >
        Options<span className="visually-hidden"> for your note</span>
        <span className="note-options__chevron" aria-hidden="true" />
      </button>
      <div className="note-options__panel" id={`${id}-options`} hidden={!isOpen}>
        <ul className="note-options__list">
          {canPost && (
            <li>
              <button
                type="button"
                className="note-options__item"
                onClick={() => {
                  setOpen(false);
                  onEditingChange(true);
                }}
              >
                Edit<span className="visually-hidden"> your note</span>
              </button>
            </li>
          )}
          {canWithdraw && (
            <li>
              <button type="button" className="note-options__item" onClick={handleDelete}>
                Delete note
              </button>
            </li>
          )}
        </ul>
        {canMove && <MoveNoteForm currentTargetId={note.targetId} targets={targets} onMove={handleMove} />}
      </div>
    </div>
  );
}

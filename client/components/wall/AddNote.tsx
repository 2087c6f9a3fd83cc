import { useEffect, useRef, useState } from 'react';
import { addDraftNote } from '../../../shared/schema/draftNotes.js';
import { useWallContext } from '../../board/WallContext.js';
import { NoteForm, type NoteFormValues } from './NoteForm.js';

interface AddNoteProps {
  targetId: string;
  /** Name of the problem or stage, for the button's accessible name. */
  targetLabel: string;
}

/**
 * "Add a note" for one problem or stage, then the form. After adding (or cancelling), focus returns to
 * the button, so the next idea is one key press away.
 */
export function AddNote({ targetId, targetLabel }: AddNoteProps) {
  const { draftDoc, noteTyping, stopTyping, announce } = useWallContext();
  const [isOpen, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const hasOpenedRef = useRef(false);

  useEffect(() => {
    if (!isOpen && hasOpenedRef.current) buttonRef.current?.focus();
    hasOpenedRef.current = hasOpenedRef.current || isOpen;
  }, [isOpen]);

  function close(): void {
    stopTyping();
    setOpen(false);
  }

  function handleSubmit(values: NoteFormValues): string | null {
    if (draftDoc === null) return 'Your notes are not available yet. Try again in a moment.';
    try {
      addDraftNote(draftDoc, {
        text: values.text,
        colour: values.colour,
        targetId,
        visibility: values.isConfidential ? 'confidential' : 'public',
      });
    } catch (error) {
      return error instanceof RangeError ? error.message : 'Your note could not be added. Try again.';
    }
    announce(values.isConfidential ? 'Note added. It is confidential to the council.' : 'Note added');
    close();
    return null;
  }

  if (!isOpen) {
    return (
      <button type="button" className="button button--secondary wall-button add-note__button" ref={buttonRef} onClick={() => setOpen(true)}>
        Add a note<span className="visually-hidden"> to {targetLabel}</span>
      </button>
    );
  }
  return <NoteForm targetId={targetId} submitLabel="Add note" onSubmit={handleSubmit} onCancel={close} onTyping={noteTyping} />;
}

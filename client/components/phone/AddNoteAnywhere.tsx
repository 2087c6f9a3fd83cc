import { useEffect, useId, useRef, useState } from 'react';
import { addDraftNote } from '../../../shared/schema/draftNotes.js';
import { useWallContext } from '../../board/WallContext.js';
import { NoteForm, type NoteFormValues } from '../wall/NoteForm.js';
import { TargetOptions } from '../wall/TargetOptions.js';

interface AddNoteAnywhereProps {
  /** Where the note goes unless the person picks another place: the place they last went to. */
  preferredTargetId: string | null;
}

/**
 * "Add a note" that is always on screen (issue 14: on a phone the lanes' own buttons are thousands of
 * pixels down): the note form with a "Where does your note go?" picker, in a panel above the bottom bar.
 */
export function AddNoteAnywhere({ preferredTargetId }: AddNoteAnywhereProps) {
  const { draftDoc, canPost, targets, noteTyping, stopTyping, announce } = useWallContext();
  const id = useId();
  const [isOpen, setOpen] = useState(false);
  const [targetId, setTargetId] = useState<string | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const hasOpenedRef = useRef(false);

  useEffect(() => {
    if (!isOpen && hasOpenedRef.current) buttonRef.current?.focus();
    hasOpenedRef.current = hasOpenedRef.current || isOpen;
  }, [isOpen]);

  if (!canPost || targets.length === 0) return null;
  const chosen = targets.find((target) => target.id === targetId) ?? targets.find((target) => target.id === preferredTargetId) ?? targets[0]!;

  function open(): void {
    setTargetId(null);
    setOpen(true);
  }

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
        targetId: chosen.id,
        visibility: values.isConfidential ? 'confidential' : 'public',
      });
    } catch (error) {
      return error instanceof RangeError ? error.message : 'Your note could not be added. Try again.';
    }
    announce(`Note added to ${chosen.label}${values.isConfidential ? '. It is confidential to the council.' : ''}`);
    // Focus goes back to "Add a note", so the next idea is one key press away (as in a lane).
    close();
    return null;
  }

  return (
    <>
      {isOpen && (
        <section
          className="add-anywhere"
          aria-labelledby={`${id}-heading`}
          data-testid="add-note-anywhere"
          onKeyDown={(event) => {
            // The form itself handles Escape; this covers the place picker above it.
            if (event.key === 'Escape' && event.target instanceof HTMLSelectElement) close();
          }}
        >
          <h2 className="add-anywhere__heading" id={`${id}-heading`}>
            Add a note
          </h2>
          <div className="form-group wall-field">
            <label className="label" htmlFor={`${id}-target`}>
              Where does your note go?
            </label>
            <select className="select add-anywhere__select" id={`${id}-target`} value={chosen.id} onChange={(event) => setTargetId(event.target.value)}>
              <TargetOptions targets={targets} />
            </select>
          </div>
          <NoteForm targetId={chosen.id} submitLabel="Add note" onSubmit={handleSubmit} onCancel={close} onTyping={noteTyping} />
        </section>
      )}
      {!isOpen && (
        <button type="button" className="button wall-dock__add" ref={buttonRef} onClick={open} data-testid="add-note-bar">
          Add a note
        </button>
      )}
    </>
  );
}

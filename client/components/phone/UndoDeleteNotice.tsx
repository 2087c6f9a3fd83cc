import { useEffect, useRef } from 'react';
import { useDeletedNote } from '../../board/DeletedNoteContext.js';

/**
 * "Note deleted. Undo" (issue 14). It takes the focus when it appears (the deleted card had it), and stays
 * until the person undoes, dismisses it or deletes another note: no time limit to beat (WCAG 2.2.1).
 */
export function UndoDeleteNotice() {
  const { deleted, undo, dismiss } = useDeletedNote();
  const undoRef = useRef<HTMLButtonElement>(null);
  const deletedId = deleted?.noteId ?? null;

  useEffect(() => {
    if (deletedId !== null) undoRef.current?.focus();
  }, [deletedId]);

  if (deleted === null) return null;
  return (
    <div className="undo-delete" data-testid="undo-delete">
      <p className="undo-delete__text">Note deleted.</p>
      <button type="button" className="undo-delete__undo" ref={undoRef} onClick={() => undo()}>
        Undo<span className="visually-hidden"> delete note</span>
      </button>
      <button type="button" className="undo-delete__dismiss" onClick={dismiss}>
        <span aria-hidden="true">×</span>
        <span className="visually-hidden">Dismiss</span>
      </button>
    </div>
  );
}

import { useId, useState, type FormEvent } from 'react';
import type { NoteTarget } from '../../board/noteTargets.js';
import { TargetOptions } from './TargetOptions.js';

interface MoveNoteFormProps {
  currentTargetId: string;
  targets: readonly NoteTarget[];
  onMove(targetId: string): void;
}

/**
 * Moves my note to another problem or stage: a select and a button, so choosing with the arrow keys
 * does not move anything until the person says so.
 */
export function MoveNoteForm({ currentTargetId, targets, onMove }: MoveNoteFormProps) {
  const id = useId();
  const [choice, setChoice] = useState(currentTargetId);
  const isKnown = targets.some((target) => target.id === currentTargetId);

  function handleSubmit(event: FormEvent): void {
    event.preventDefault();
    if (choice !== currentTargetId && targets.some((target) => target.id === choice)) onMove(choice);
  }

  return (
    <form className="move-note" onSubmit={handleSubmit}>
      <label className="label move-note__label" htmlFor={`${id}-target`}>
        Move to…
      </label>
      <div className="move-note__row">
        <select className="select move-note__select" id={`${id}-target`} value={choice} onChange={(event) => setChoice(event.target.value)}>
          {!isKnown && <option value={currentTargetId}>Choose a problem or stage</option>}
          <TargetOptions targets={targets} currentTargetId={currentTargetId} />
        </select>
        <button type="submit" className="button button--secondary wall-button">
          Move<span className="visually-hidden"> note</span>
        </button>
      </div>
    </form>
  );
}

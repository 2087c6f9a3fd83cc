import { ConfirmButton } from '../ConfirmButton.js';

interface BriefEditorButtonsProps {
  onDone(): void;
  /** Visible text of the remove button, e.g. "Remove stage". */
  removeLabel: string;
  /** The question asked before removing, with its consequence. */
  removeQuestion: string;
  onRemove(): void;
}

/** "Done" and a confirmed "Remove …" under every brief editor (problem, service map, stage). */
export function BriefEditorButtons({ onDone, removeLabel, removeQuestion, onRemove }: BriefEditorButtonsProps) {
  return (
    <div className="brief-editor__buttons">
      <button type="button" className="button wall-button" onClick={onDone}>
        Done
      </button>
      <ConfirmButton label={removeLabel} question={removeQuestion} confirmLabel="Yes, remove it" onConfirm={async () => onRemove()} />
    </div>
  );
}

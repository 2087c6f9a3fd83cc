import { useId } from 'react';
import { PROBLEM_TEXT_FIELDS, problemText, removeProblem, type ProblemTextField } from '../../../shared/schema/problems.js';
import { useWallContext } from '../../board/WallContext.js';
import { BoundTextField } from './BoundTextField.js';
import { BriefEditorButtons } from './BriefEditorButtons.js';
import type { ProblemDetails } from '../../../shared/schema/problemDetails.js';
import { ProblemDetailsFields } from '../fairness/ProblemDetailsFields.js';

const LABELS: Record<ProblemTextField, string> = {
  title: 'Problem title',
  body: 'Describe the problem',
  userNeeds: 'User needs',
  constraints: 'Constraints',
};

interface ProblemEditorProps {
  problemId: string;
  /** The problem's details (issue 13), for the stage and value band choices. */
  details?: ProblemDetails;
  isNew: boolean;
  onDone(): void;
}

/** An officer editing a problem statement, live: other officers see (and may join) the typing. */
export function ProblemEditor({ problemId, details, isNew, onDone }: ProblemEditorProps) {
  const { briefDoc, announce } = useWallContext();
  const id = useId();
  if (briefDoc === null) return null;
  const doc = briefDoc;
  return (
    <div className="brief-editor">
      {PROBLEM_TEXT_FIELDS.map((field) => (
        <BoundTextField
          key={field}
          id={`${id}-${field}`}
          label={LABELS[field]}
          text={problemText(doc, problemId, field)}
          isMultiline={field !== 'title'}
          isFocusedFirst={isNew && field === 'title'}
        />
      ))}
      {details && <ProblemDetailsFields doc={doc} problemId={problemId} idPrefix={`${id}-details`} details={details} />}
      <p className="hint brief-editor__hint">Changes are saved as you type and everyone sees them straight away.</p>
      <BriefEditorButtons
        onDone={onDone}
        removeLabel="Remove problem statement"
        removeQuestion="Remove this problem statement? Notes on it will no longer be shown on the wall."
        onRemove={() => {
          removeProblem(doc, problemId);
          announce('Problem statement removed');
        }}
      />
    </div>
  );
}

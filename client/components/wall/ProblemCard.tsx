import { useEffect, useRef, useState } from 'react';
import type { ProblemRecord } from '../../../shared/schema/problems.js';
import type { LaneNote } from '../../board/laneNotes.js';
import { problemTitle } from '../../board/noteTargets.js';
import { useWallContext } from '../../board/WallContext.js';
import { LaneNotes } from './LaneNotes.js';
import { ProblemEditor } from './ProblemEditor.js';
import { ProblemDetailsList, useProblemDetails } from '../fairness/ProblemDetailsFields.js';
import { SpotlightTools, useSpotlightAttributes } from './SpotlightTools.js';

interface ProblemCardProps {
  problem: ProblemRecord;
  notes: readonly LaneNote[];
  /** Just created by me: open the editor with the title focused. */
  isNew: boolean;
}

/** One problem statement and its notes; officers can edit it. */
export function ProblemCard({ problem, notes, isNew }: ProblemCardProps) {
  const { canEditBrief } = useWallContext();
  const [isEditing, setEditing] = useState(isNew);
  const editRef = useRef<HTMLButtonElement>(null);
  const hasEditedRef = useRef(false);
  const title = problemTitle(problem);
  const headingId = `problem-heading-${problem.id}`;
  const spotlightAttributes = useSpotlightAttributes(problem.id);
  const details = useProblemDetails(problem.id);

  useEffect(() => {
    if (!isEditing && hasEditedRef.current) editRef.current?.focus();
    hasEditedRef.current = hasEditedRef.current || isEditing;
  }, [isEditing]);

  return (
    <li className="problem-card" data-testid={`problem-${problem.id}`} {...spotlightAttributes}>
      <article aria-labelledby={headingId}>
        <h3 className="heading-m problem-card__title" id={headingId}>
          {title}
        </h3>
        <SpotlightTools targetId={problem.id} targetLabel={`problem statement: ${title}`} />
        {canEditBrief && isEditing ? (
          <ProblemEditor problemId={problem.id} details={details} isNew={isNew} onDone={() => setEditing(false)} />
        ) : (
          <>
            {problem.body.trim() !== '' && <p className="body multiline">{problem.body}</p>}
            <ProblemDetailsList details={details} />
            {problem.userNeeds.trim() !== '' && (
              <>
                <h4 className="heading-s problem-card__subheading">User needs</h4>
                <p className="body multiline">{problem.userNeeds}</p>
              </>
            )}
            {problem.constraints.trim() !== '' && (
              <>
                <h4 className="heading-s problem-card__subheading">Constraints</h4>
                <p className="body multiline">{problem.constraints}</p>
              </>
            )}
            {canEditBrief && (
              <button type="button" className="button button--secondary wall-button" ref={editRef} onClick={() => setEditing(true)}>
                Edit<span className="visually-hidden"> problem statement: {title}</span>
              </button>
            )}
          </>
        )}
        <LaneNotes targetId={problem.id} targetLabel={title} notes={notes} />
      </article>
    </li>
  );
}

import { useState } from 'react';
import type { ProblemRecord } from '../../../shared/schema/problems.js';
import { addProblem } from '../../../shared/schema/problems.js';
import type { LaneNote } from '../../board/laneNotes.js';
import { useWallContext } from '../../board/WallContext.js';
import { ProblemCard } from './ProblemCard.js';

interface ProblemsSectionProps {
  problems: readonly ProblemRecord[];
  notesByTarget: ReadonlyMap<string, LaneNote[]>;
}

const NO_NOTES: LaneNote[] = [];

/** "Problem statements": a card per problem, each with its notes. */
export function ProblemsSection({ problems, notesByTarget }: ProblemsSectionProps) {
  const { canEditBrief, briefDoc, announce } = useWallContext();
  const [newProblemId, setNewProblemId] = useState<string | null>(null);

  function handleAdd(): void {
    if (briefDoc === null) return;
    setNewProblemId(addProblem(briefDoc));
    announce('Problem statement added. Enter its title.');
  }

  return (
    <section className="wall-section" aria-labelledby="problems-heading">
      <h2 className="heading-l wall-section__heading" id="problems-heading">
        Problem statements
      </h2>
      {problems.length === 0 && <p className="body">The council has not posted any problem statements yet.</p>}
      {problems.length > 0 && (
        <ul className="problem-grid">
          {problems.map((problem) => (
            <ProblemCard
              key={problem.id}
              problem={problem}
              notes={notesByTarget.get(problem.id) ?? NO_NOTES}
              isNew={problem.id === newProblemId}
            />
          ))}
        </ul>
      )}
      {canEditBrief && (
        <button type="button" className="button wall-button" onClick={handleAdd}>
          Add a problem statement
        </button>
      )}
    </section>
  );
}

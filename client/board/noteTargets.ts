/** The problems and stages a note can be for, with the names people see. */
import type { BriefState } from '../../shared/schema/brief.js';
import type { ProblemRecord } from '../../shared/schema/problems.js';
import type { ServiceMapRecord, StageRecord } from '../../shared/schema/serviceMaps.js';

export interface NoteTarget {
  id: string;
  /** Name of the problem or stage. */
  label: string;
  /** "Problem statements", or the service map's name: the select's option group. */
  group: string;
}

export const PROBLEMS_GROUP = 'Problem statements';

export function problemTitle(problem: ProblemRecord): string {
  return problem.title.trim() || 'Untitled problem statement';
}

export function serviceMapTitle(map: ServiceMapRecord): string {
  return map.title.trim() || 'Untitled service map';
}

export function stageTitle(stage: StageRecord): string {
  return stage.title.trim() || 'Untitled stage';
}

/** Every target in wall order: problems first, then each service map's stages. */
export function noteTargetsOf(brief: BriefState): NoteTarget[] {
  const targets: NoteTarget[] = brief.problems.map((problem) => ({
    id: problem.id,
    label: problemTitle(problem),
    group: PROBLEMS_GROUP,
  }));
  for (const map of brief.serviceMaps) {
    for (const stage of map.stages) targets.push({ id: stage.id, label: stageTitle(stage), group: serviceMapTitle(map) });
  }
  return targets;
}

/**
 * The whole brief (`<boardId>/brief`) as plain data, for the UI and the publisher.
 * Writers live beside each root: `briefMeta.ts`, `problems.ts`, `serviceMaps.ts`.
 */
import type * as Y from 'yjs';
import { readPhase, type BoardPhase } from './briefMeta.js';
import { readProblems, type ProblemRecord } from './problems.js';
import { readServiceMaps, type ServiceMapRecord } from './serviceMaps.js';

/** Everything in a brief, each list sorted by order. */
export interface BriefState {
  phase: BoardPhase;
  problems: ProblemRecord[];
  serviceMaps: ServiceMapRecord[];
}

/** Reads a brief document into plain data. Malformed records are skipped, missing texts read as ''. */
export function readBrief(doc: Y.Doc): BriefState {
  return { phase: readPhase(doc), problems: readProblems(doc), serviceMaps: readServiceMaps(doc) };
}

/** The ids a note may aim at: every problem id and every stage id (not service map ids). */
export function targetIdsOf(brief: BriefState): Set<string> {
  const ids = new Set<string>();
  for (const problem of brief.problems) ids.add(problem.id);
  for (const map of brief.serviceMaps) for (const stage of map.stages) ids.add(stage.id);
  return ids;
}

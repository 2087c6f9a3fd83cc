/**
 * The whole brief (`<boardId>/brief`) as plain data, for the UI and the publisher.
 * Writers live beside each root: `briefMeta.ts`, `problems.ts`, `serviceMaps.ts`.
 */
import * as Y from 'yjs';
import { readPhase, type BoardPhase } from './briefMeta.js';
import { readProblems, type ProblemRecord } from './problems.js';
import { readServiceMaps, STAGES_FIELD, type ServiceMapRecord } from './serviceMaps.js';
import { BRIEF_ROOTS } from './roots.js';

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

/**
 * True when `id` names a problem or a stage of `doc` now (what `targetIdsOf` would contain), without
 * reading the whole brief: presence checks every `typing` field against it.
 */
export function isNoteTargetId(doc: Y.Doc, id: string): boolean {
  if (doc.getMap<unknown>(BRIEF_ROOTS.problems).get(id) instanceof Y.Map) return true;
  for (const map of doc.getMap<unknown>(BRIEF_ROOTS.serviceMaps).values()) {
    const stages = map instanceof Y.Map ? (map as Y.Map<unknown>).get(STAGES_FIELD) : undefined;
    if (stages instanceof Y.Map && (stages as Y.Map<unknown>).get(id) instanceof Y.Map) return true;
  }
  return false;
}

import type * as Y from 'yjs';
import { readBrief, type BriefState } from '../../shared/schema/brief.js';
import { useDocSnapshot } from './useDocSnapshot.js';

const EMPTY_BRIEF: BriefState = { phase: 'open', problems: [], serviceMaps: [] };

/** The brief as plain data: phase, problems and service maps, kept up to date. */
export function useBrief(doc: Y.Doc | null): BriefState {
  return useDocSnapshot(doc, readBrief, EMPTY_BRIEF);
}

/**
 * The brief's `meta` root: board-wide settings the officers control. For now only the phase:
 * whether suppliers may add and change ideas.
 */
import type * as Y from 'yjs';
import { BRIEF_ROOTS } from './roots.js';

/** Phases of a board, a closed set. Absent or unknown values read as 'open'. */
export const BOARD_PHASES = { open: 'open', closed: 'closed' } as const;
export type BoardPhase = (typeof BOARD_PHASES)[keyof typeof BOARD_PHASES];

/** Field of the meta map holding the phase. */
export const PHASE_FIELD = 'phase';

/** The board's phase: 'closed' only when the meta map says exactly 'closed'; otherwise 'open'. */
export function readPhase(doc: Y.Doc): BoardPhase {
  return doc.getMap<unknown>(BRIEF_ROOTS.meta).get(PHASE_FIELD) === BOARD_PHASES.closed
    ? BOARD_PHASES.closed
    : BOARD_PHASES.open;
}

/** Opens or closes the board for contributions (officer UI). */
export function setPhase(doc: Y.Doc, phase: BoardPhase): void {
  doc.getMap<unknown>(BRIEF_ROOTS.meta).set(PHASE_FIELD, phase);
}

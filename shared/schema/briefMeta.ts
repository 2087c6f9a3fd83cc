/**
 * The brief's `meta` root: board-wide workshop state. The phase is written by the server (an officer's
 * `phase-set` command, or the schedule); an older officer page may still write 'open' or 'closed' itself.
 * Other fields of `meta` (timer, schedule, voting, anonymity, spotlight) each have their own file.
 */
import type * as Y from 'yjs';
import { BRIEF_ROOTS } from './roots.js';

/**
 * Phases of a board, in workshop order, a closed set:
 * - draft: officers prepare; participants and observers see "not open yet".
 * - open: ideas are added and changed; reactions and comments too.
 * - voting: dot votes (and reactions and comments); no new ideas, no edits.
 * - closed: nothing added, edited or voted; the wall stays readable.
 * - published: as closed, and the record of the event is available to everyone on the board.
 * Absent or unknown values read as 'open' (boards made before phases existed are open).
 */
export const BOARD_PHASES = { draft: 'draft', open: 'open', voting: 'voting', closed: 'closed', published: 'published' } as const;
export type BoardPhase = (typeof BOARD_PHASES)[keyof typeof BOARD_PHASES];
export const BOARD_PHASE_ORDER: readonly BoardPhase[] = ['draft', 'open', 'voting', 'closed', 'published'];

/** Field of the meta map holding the phase. */
export const PHASE_FIELD = 'phase';

export function isBoardPhase(value: unknown): value is BoardPhase {
  return typeof value === 'string' && (BOARD_PHASE_ORDER as readonly string[]).includes(value);
}

/** The board's phase; absent or unknown reads as 'open'. */
export function readPhase(doc: Y.Doc): BoardPhase {
  const value = doc.getMap<unknown>(BRIEF_ROOTS.meta).get(PHASE_FIELD);
  return isBoardPhase(value) ? value : BOARD_PHASES.open;
}

/** True when nothing may be added, edited or voted (closed and published). */
export function isFinished(phase: BoardPhase): boolean {
  return phase === 'closed' || phase === 'published';
}

/** Sets the phase directly in a brief (tests and older officer pages; the server uses `phase-set`). */
export function setPhase(doc: Y.Doc, phase: BoardPhase): void {
  doc.getMap<unknown>(BRIEF_ROOTS.meta).set(PHASE_FIELD, phase);
}

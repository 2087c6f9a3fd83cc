/** One connection status for the whole board, from its documents' links. */
import type { LinkProblem, LiveDocumentSnapshot, StopReason } from '../net/yjsProvider.js';

export type ConnectionStatus = 'connecting' | 'online' | 'offline';

export interface ConnectionSummary {
  status: ConnectionStatus;
  /** Set when a document stopped for good; the most serious reason wins. */
  stopReason: StopReason | null;
  problem: LinkProblem;
}

const STOP_PRIORITY: readonly StopReason[] = ['removed', 'unauthenticated', 'unknown-room', 'refused', 'not-open-yet'];

/**
 * True when this person's changes are not being saved: the server said it cannot store changes (socket
 * event), or refused one of their changes for that reason (close 4507). Observers write nothing.
 */
export function areChangesNotSaved(summary: ConnectionSummary, serverCanStore: boolean, canWrite: boolean): boolean {
  return canWrite && (!serverCanStore || summary.problem === 'not-saved');
}

/** Online only when every document is; offline as soon as one is offline or stopped; else connecting. */
export function summariseConnection(documents: ReadonlyArray<LiveDocumentSnapshot | null>): ConnectionSummary {
  const present = documents.filter((document): document is LiveDocumentSnapshot => document !== null);
  const reasons = new Set(present.map((document) => document.stopReason));
  const stopReason = STOP_PRIORITY.find((reason) => reasons.has(reason)) ?? null;
  const problem = present.find((document) => document.problem !== null)?.problem ?? null;
  if (present.length === 0) return { status: 'connecting', stopReason, problem };
  const statuses = present.map((document) => document.status);
  let status: ConnectionStatus = 'connecting';
  if (statuses.every((value) => value === 'online')) status = 'online';
  else if (statuses.some((value) => value === 'offline' || value === 'stopped')) status = 'offline';
  return { status, stopReason, problem };
}

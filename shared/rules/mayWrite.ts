/**
 * "May this person write this now?" — the ONE place where phase, role, rate and vote budget are decided.
 * The publisher calls it for every record it decides; the client calls it only to explain (greying out
 * "Add a note" while voting, showing votes left), never to enforce.
 */
import { isFinished, type BoardPhase } from '../schema/briefMeta.js';

/** What someone wants to do. Withdrawing (deleting) one's own record is always allowed, so it is not here. */
export type WriteAction =
  | { kind: 'add-note' }
  | { kind: 'edit-note' }
  /** `wanted` is how many votes the budget would have in use in total with this one; `allowed` the whole budget. */
  | { kind: 'vote'; wanted: number; allowed: number; budgetScope: 'person' | 'organisation' }
  | { kind: 'react' }
  | { kind: 'comment' }
  | { kind: 'edit-comment' };

export interface WriteContext {
  role: 'officer' | 'participant' | 'observer';
  phase: BoardPhase;
  /** Server time, ms epoch. */
  now: number;
  /**
   * For new notes: when this person's recent notes were first published (ms epoch), and the rate that
   * applies: a burst of `burst` notes at once, then `perMinute` a minute.
   */
  rate?: { recentPublishTimes: readonly number[]; burst: number; perMinute: number };
}

/** Rules a write can be stopped by; each comes with a plain-English message for the writer. */
export const WRITE_RULES = {
  observer: 'observer',
  notOpenYet: 'not-open-yet',
  notAcceptingIdeas: 'not-accepting-ideas',
  boardClosed: 'board-closed',
  notVoting: 'not-voting',
  voteBudget: 'vote-budget',
  rateLimit: 'rate-limit',
} as const;
export type WriteRule = (typeof WRITE_RULES)[keyof typeof WRITE_RULES];

export type WriteVerdict =
  | { ok: true }
  /** `defer`: try again later (the same write may become allowed, e.g. when the board opens or at `retryAt`). */
  | { ok: false; rule: WriteRule; message: string; defer: boolean; retryAt?: number };

const MESSAGES = {
  observer: 'Observers can read the board but not add to it.',
  notOpenYet: 'The board is not open yet. Your note is saved and will go on the wall when it opens.',
  votingNewNote: 'Voting has started, so new ideas are not being added. Your note is saved but not on the wall.',
  votingEdit: 'Voting has started, so notes cannot be changed. The wall keeps your earlier version.',
  closedNew: 'The board is closed to new ideas. Your note is saved but not on the wall.',
  closedEdit: 'The board is closed, so changes cannot be published. The wall keeps your earlier version.',
  closedOther: 'The board is closed, so nothing more can be added.',
  notVoting: 'Voting is not open.',
  voteBudget: (allowed: number, scope: 'person' | 'organisation') =>
    scope === 'organisation'
      ? `Your organisation has used all ${allowed} of its ${allowed === 1 ? 'vote' : 'votes'}. Take a vote back to use it elsewhere.`
      : `You have used all ${allowed} of your ${allowed === 1 ? 'vote' : 'votes'}. Take a vote back to use it elsewhere.`,
  rateLimit: 'You are adding notes quickly. This note will go on the wall in a few seconds.',
} as const;

const RATE_WINDOW_MS = 60_000;

export function mayWrite(action: WriteAction, context: WriteContext): WriteVerdict {
  const { role, phase } = context;
  if (role === 'observer') return refuse('observer', MESSAGES.observer, false);
  const finished = isFinished(phase);
  switch (action.kind) {
    case 'add-note':
      if (phase === 'draft' && role !== 'officer') return refuse('notOpenYet', MESSAGES.notOpenYet, true);
      if (phase === 'voting' && role !== 'officer') return refuse('notAcceptingIdeas', MESSAGES.votingNewNote, true);
      if (finished) return refuse('boardClosed', MESSAGES.closedNew, true);
      return withinRate(context);
    case 'edit-note':
      if (phase === 'draft' && role !== 'officer') return refuse('notOpenYet', MESSAGES.notOpenYet, true);
      if (phase === 'voting' && role !== 'officer') return refuse('notAcceptingIdeas', MESSAGES.votingEdit, false);
      if (finished) return refuse('boardClosed', MESSAGES.closedEdit, false);
      return { ok: true };
    case 'vote':
      if (phase !== 'voting') return refuse('notVoting', MESSAGES.notVoting, false);
      if (action.wanted > action.allowed) return refuse('voteBudget', MESSAGES.voteBudget(action.allowed, action.budgetScope), false);
      return { ok: true };
    case 'react':
    case 'comment':
    case 'edit-comment':
      if (phase === 'draft' && role !== 'officer') return refuse('notOpenYet', MESSAGES.notOpenYet, true);
      if (finished) return refuse('boardClosed', MESSAGES.closedOther, false);
      // New comments are rate limited like new notes (when the caller passes `rate`).
      return action.kind === 'comment' ? withinRate(context) : { ok: true };
  }
}

/** A burst of `burst` new notes publishes at once; after that, `perMinute` a minute (a sliding window). */
function withinRate(context: WriteContext): WriteVerdict {
  if (!context.rate) return { ok: true };
  const { recentPublishTimes, burst, perMinute } = context.rate;
  const recent = recentPublishTimes.filter((time) => time <= context.now && context.now - time < RATE_WINDOW_MS);
  if (recent.length < Math.max(burst, perMinute)) return { ok: true };
  const retryAt = Math.min(...recent) + RATE_WINDOW_MS;
  return { ok: false, rule: WRITE_RULES.rateLimit, message: MESSAGES.rateLimit, defer: true, retryAt };
}

function refuse(rule: keyof typeof WRITE_RULES, message: string, defer: boolean): WriteVerdict {
  return { ok: false, rule: WRITE_RULES[rule], message, defer };
}

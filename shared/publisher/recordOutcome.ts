/**
 * What the publisher tells a person about their votes, reactions and comments that do not count or are not
 * on the wall (the record kinds beside notes). Sent in the `records` field of 'note-status' (see
 * `shared/protocol/socketEvents.ts`): older clients ignore the field, newer ones explain each entry.
 */
import { WRITE_RULES, type WriteRule, type WriteVerdict } from '../rules/mayWrite.js';

/** The record kinds decided beside notes. */
export const RECORD_KINDS = { vote: 'vote', reaction: 'reaction', comment: 'comment' } as const;
export type RecordKind = (typeof RECORD_KINDS)[keyof typeof RECORD_KINDS];

/** Rules of these kinds: `mayWrite`'s, plus the record's own. */
export const RECORD_RULES = {
  ...WRITE_RULES,
  schema: 'schema',
  noteNotOnWall: 'note-not-on-wall',
  hiddenCharacters: 'hidden-characters',
  commentTooLong: 'comment-too-long',
  emptyComment: 'empty-comment',
  tooManyComments: 'too-many-comments',
  hiddenByOfficer: 'hidden-by-officer',
} as const;
export type RecordRule = (typeof RECORD_RULES)[keyof typeof RECORD_RULES] | WriteRule;

/**
 * One record that does not (fully) count or is not on the wall. `recordId` is the note's wall key for votes
 * and reactions, the comment id for comments. 'refused': will not count as it is; 'deferred': may count
 * later by itself (the note comes back, the board opens, the rate allows); 'private': kept by choice.
 */
export interface RecordOutcome {
  recordKind: RecordKind;
  recordId: string;
  kind: 'refused' | 'deferred' | 'private';
  rule: RecordRule;
  message: string;
  /** For votes: dots that count of those in the draft. */
  counted?: number;
  retryAt?: number;
}

/** The outcome of a refused `mayWrite` verdict. */
export function outcomeOfVerdict(
  recordKind: RecordKind,
  recordId: string,
  verdict: Extract<WriteVerdict, { ok: false }>,
): RecordOutcome {
  const outcome: RecordOutcome = { recordKind, recordId, kind: verdict.defer ? 'deferred' : 'refused', rule: verdict.rule, message: verdict.message };
  if (verdict.retryAt !== undefined) outcome.retryAt = verdict.retryAt;
  return outcome;
}

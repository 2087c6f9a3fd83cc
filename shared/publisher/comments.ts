/**
 * The comments decision, pure, for one author: which of their draft comments to publish, unpublish,
 * refuse, defer or keep private. Published under `wallKeyFor(author, commentId)` with the author stamped
 * here from the session, never from the draft, so nobody can forge or change another person's comment.
 *
 * Per comment, first matching rule wins:
 *  1. on the wall, gone from the draft         → unpublish (authors may always withdraw)
 *  2. text with a hidden character             → refused 'hidden-characters'; the wall keeps the last version
 *     comment id or record invalid             → refused 'schema'; unpublish if it was on the wall
 *  3. hidden by an officer (`hiddenComments`)   → refused 'hidden-by-officer' with the officer's reason; unpublish
 *  4. text empty or only spaces                → private 'empty-comment'; unpublish
 *  5. text over maxCommentTextChars            → refused 'comment-too-long'; the wall keeps the last version
 *  6. its note is not on the wall now          → deferred 'note-not-on-wall'; unpublish (back with the note)
 *  7. unchanged from the wall (text, note)     → nothing
 *  8. `mayWrite` 'comment' / 'edit-comment'    → refused or deferred as it says (phase, rate for new ones);
 *                                                the wall keeps the last version
 *  9. otherwise                                → publish
 * Before all of these: a comment past maxCommentsPerDraft (oldest first) not on the wall → 'too-many-comments'.
 */
import { isWellFormedId } from '../ids.js';
import { mayWrite, WRITE_RULES } from '../rules/mayWrite.js';
import type { BoardPhase } from '../schema/briefMeta.js';
import { validateDraftComment, type DraftComment } from '../schema/draftComments.js';
import type { WallComment } from '../schema/wallComments.js';
import { wallKeyFor, type WallKey } from '../schema/wall.js';
import { describeHiddenCharacter, findHiddenCharacter } from '../text/hiddenCharacters.js';
import { RECORD_RULES, outcomeOfVerdict, type RecordOutcome } from './recordOutcome.js';

export interface CommentsInput {
  author: { personId: string; role: 'officer' | 'participant' };
  rules: {
    phase: BoardPhase;
    /** Server time, ms epoch. */
    now: number;
    notesOnWall: ReadonlySet<string>;
    maxCommentTextChars: number;
    maxCommentsPerMinute: number;
    maxCommentsPerDraft: number;
  };
  /** Raw draft records keyed by comment id (`readRawDraftComments`): untrusted. */
  draftComments: ReadonlyMap<string, unknown>;
  /** This author's comments on the wall keyed by comment id. */
  wallCommentsOfAuthor: ReadonlyMap<string, WallComment>;
  /** Server times (ms epoch) at which this author's comments were first published. */
  recentPublishTimes: readonly number[];
  /**
   * Comments an officer hid, by the comment's wall key, with the message for the author (the moderation
   * helper fills it; empty until then).
   */
  hiddenComments: ReadonlyMap<string, string>;
}

export interface CommentsDecision {
  publish: Array<{ key: WallKey; record: WallComment }>;
  unpublish: WallKey[];
  outcomes: RecordOutcome[];
  /** Comment ids published for the first time: add `now` to the author's recent publish times once per id. */
  firstPublished: string[];
}

const MESSAGES = {
  schema: (problem: string) => `This comment cannot be published: ${problem.charAt(0).toLowerCase()}${problem.slice(1)}.`,
  empty: 'Empty comments are not put on the wall.',
  tooLong: (max: number, hasPrevious: boolean) =>
    `Comments can be up to ${max} characters. Shorten this comment to publish it` +
    (hasPrevious ? '; the wall keeps your earlier version until then.' : '.'),
  notOnWall: 'The note this comment is on is not on the wall, so neither is the comment.',
  tooMany: (max: number) => `You can have up to ${max} comments on this board. Delete some to publish this one.`,
  rateLimit: 'You are adding comments quickly. This comment will go on the wall in a few seconds.',
};

type Outcome = Omit<RecordOutcome, 'recordKind' | 'recordId'>;

/** Decides one author's comments. Pure: same input, same output. */
export function decideComments(input: CommentsInput): CommentsDecision {
  const { author, rules, draftComments, wallCommentsOfAuthor } = input;
  const decision: CommentsDecision = { publish: [], unpublish: [], outcomes: [], firstPublished: [] };
  const keyOf = (commentId: string) => wallKeyFor(author.personId, commentId);
  for (const commentId of wallCommentsOfAuthor.keys()) {
    if (!draftComments.has(commentId) && isWellFormedId(commentId)) decision.unpublish.push(keyOf(commentId));
  }
  const times = input.recentPublishTimes.filter((time) => time <= rules.now);
  for (const [index, commentId] of orderedIds(draftComments).entries()) {
    const previous = wallCommentsOfAuthor.get(commentId);
    const tell = (outcome: Outcome, unpublish: boolean) => {
      decision.outcomes.push({ recordKind: 'comment', recordId: commentId, ...outcome });
      if (unpublish && previous) decision.unpublish.push(keyOf(commentId));
    };
    if (index >= rules.maxCommentsPerDraft && !previous) {
      tell({ kind: 'refused', rule: RECORD_RULES.tooManyComments, message: MESSAGES.tooMany(rules.maxCommentsPerDraft) }, false);
      continue;
    }
    const checked = checkOne(commentId, draftComments.get(commentId), previous, input);
    if ('outcome' in checked) {
      tell(checked.outcome, checked.unpublish);
      continue;
    }
    if (checked.comment === null) continue;
    const comment = checked.comment;
    const rate = { recentPublishTimes: times, burst: rules.maxCommentsPerMinute, perMinute: rules.maxCommentsPerMinute };
    const verdict = mayWrite(previous ? { kind: 'edit-comment' } : { kind: 'comment' }, { role: author.role, phase: rules.phase, now: rules.now, rate });
    if (!verdict.ok) {
      const outcome = outcomeOfVerdict('comment', commentId, verdict);
      if (verdict.rule === WRITE_RULES.rateLimit) outcome.message = MESSAGES.rateLimit;
      decision.outcomes.push(outcome);
      continue;
    }
    const createdAt = previous?.createdAt ?? rules.now;
    const record: WallComment = { author: author.personId, commentId, noteKey: comment.noteKey, text: comment.text, createdAt, updatedAt: rules.now };
    decision.publish.push({ key: keyOf(commentId), record });
    if (!previous) {
      times.push(rules.now);
      decision.firstPublished.push(commentId);
    }
  }
  return decision;
}

/** Rules 2–7 for one comment: an outcome to tell, nothing to do (`comment: null`), or a comment that may go on. */
function checkOne(
  commentId: string,
  raw: unknown,
  previous: WallComment | undefined,
  input: CommentsInput,
): { outcome: Outcome; unpublish: boolean } | { comment: DraftComment | null } {
  const hasPrevious = previous !== undefined;
  const text = typeof raw === 'object' && raw !== null ? (raw as { text?: unknown }).text : undefined;
  const hidden = typeof text === 'string' ? findHiddenCharacter(text, 'multi-line') : null;
  if (hidden) {
    const message = describeHiddenCharacter('This comment', hidden) + (hasPrevious ? ' The wall keeps your earlier version until then.' : '');
    return { outcome: { kind: 'refused', rule: RECORD_RULES.hiddenCharacters, message }, unpublish: false };
  }
  const check = isWellFormedId(commentId) ? validateDraftComment(raw) : ({ ok: false, problem: 'The comment’s id is not valid' } as const);
  if (!check.ok) return { outcome: { kind: 'refused', rule: RECORD_RULES.schema, message: MESSAGES.schema(check.problem) }, unpublish: true };
  const hiddenBecause = input.hiddenComments.get(wallKeyFor(input.author.personId, commentId));
  if (hiddenBecause !== undefined) {
    return { outcome: { kind: 'refused', rule: RECORD_RULES.hiddenByOfficer, message: hiddenBecause }, unpublish: true };
  }
  const comment = check.comment;
  if (comment.text.trim() === '') return { outcome: { kind: 'private', rule: RECORD_RULES.emptyComment, message: MESSAGES.empty }, unpublish: true };
  if (comment.text.length > input.rules.maxCommentTextChars) {
    const message = MESSAGES.tooLong(input.rules.maxCommentTextChars, hasPrevious);
    return { outcome: { kind: 'refused', rule: RECORD_RULES.commentTooLong, message }, unpublish: false };
  }
  if (!input.rules.notesOnWall.has(comment.noteKey)) {
    return { outcome: { kind: 'deferred', rule: RECORD_RULES.noteNotOnWall, message: MESSAGES.notOnWall }, unpublish: true };
  }
  if (previous && previous.text === comment.text && previous.noteKey === comment.noteKey) return { comment: null };
  return { comment };
}

/** Comment ids in a stable order: by the record's createdAt when it is a number, then by id. */
function orderedIds(records: ReadonlyMap<string, unknown>): string[] {
  const createdAt = (id: string): number => {
    const raw = records.get(id);
    const value = typeof raw === 'object' && raw !== null ? (raw as { createdAt?: unknown }).createdAt : undefined;
    return typeof value === 'number' && Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
  };
  return [...records.keys()].sort((a, b) => createdAt(a) - createdAt(b) || (a < b ? -1 : a > b ? 1 : 0));
}

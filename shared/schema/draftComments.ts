/**
 * A draft's `comments` root: Y.Map<commentId, Y.Map{ noteKey: wallKey, text: string, createdAt: number }>,
 * this person's comments on notes of the wall. The author edits and deletes their own; the publisher
 * validates each record and decides in `shared/publisher/comments.ts`.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { isWellFormedId } from '../ids.js';
import { hasNoHiddenCharacters } from '../text/hiddenCharacters.js';
import { shallowFields } from './draftNotes.js';
import { newRecordId } from './recordId.js';
import { DRAFT_ROOTS } from './roots.js';
import { parseWallKey, type WallKey } from './wall.js';

/** Text of one comment, in UTF-16 code units (what a browser's `maxlength` counts). */
export const MAX_COMMENT_TEXT_CHARS = 500;
/** Comments one person's draft may hold on a board. */
export const MAX_COMMENTS_PER_DRAFT = 200;
/** Comments one person may publish for the first time in any 60 seconds; more wait (rule `rate-limit`). */
export const MAX_COMMENTS_PER_MINUTE = 10;

/**
 * One draft comment, strict. Text length is NOT checked here: going over MAX_COMMENT_TEXT_CHARS is its own
 * rule ('comment-too-long'), which keeps the published version.
 */
export const draftCommentSchema = z.strictObject(
  {
    noteKey: z
      .string({ error: 'The comment is not on a note' })
      .refine((key) => parseWallKey(key) !== null, { error: 'The comment is not on a note' }),
    text: z
      .string({ error: 'The comment’s text is missing' })
      .refine((text) => hasNoHiddenCharacters(text, 'multi-line'), { error: 'The comment contains hidden characters' }),
    createdAt: z.number({ error: 'The comment’s creation time is missing' }).int().nonnegative(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? 'The comment has fields the board does not know' : 'The comment could not be read',
  },
);
export interface DraftComment {
  noteKey: WallKey;
  text: string;
  createdAt: number;
}

export type DraftCommentCheck = { ok: true; comment: DraftComment } | { ok: false; problem: string };

/** Validates one raw record (as returned by `readRawDraftComments`). */
export function validateDraftComment(raw: unknown): DraftCommentCheck {
  const result = draftCommentSchema.safeParse(raw);
  if (result.success) return { ok: true, comment: { ...result.data, noteKey: result.data.noteKey as WallKey } };
  return { ok: false, problem: result.error.issues[0]?.message ?? 'The comment could not be read' };
}

/** Every comment of a draft as raw data keyed by comment id; a record that is not a Y.Map reads as null. */
export function readRawDraftComments(doc: Y.Doc): Map<string, unknown> {
  const comments = new Map<string, unknown>();
  doc.getMap<unknown>(DRAFT_ROOTS.comments).forEach((value, commentId) => {
    comments.set(commentId, value instanceof Y.Map ? shallowFields(value as Y.Map<unknown>) : null);
  });
  return comments;
}

/** The author's own valid comments keyed by comment id. */
export function readMyComments(doc: Y.Doc): Map<string, DraftComment> {
  const mine = new Map<string, DraftComment>();
  for (const [commentId, raw] of readRawDraftComments(doc)) {
    const check = validateDraftComment(raw);
    if (check.ok && isWellFormedId(commentId)) mine.set(commentId, check.comment);
  }
  return mine;
}

function assertValidText(text: string): void {
  if (text.trim() === '') throw new RangeError('Write a comment');
  if (text.length > MAX_COMMENT_TEXT_CHARS) throw new RangeError(`Comments can be up to ${MAX_COMMENT_TEXT_CHARS} characters`);
  if (!hasNoHiddenCharacters(text, 'multi-line')) throw new RangeError('The comment contains hidden characters');
}

/** Adds a comment on a note to the author's own draft and returns its id. Throws RangeError when invalid or full. */
export function addMyComment(doc: Y.Doc, noteKey: WallKey, text: string, createdAt = Date.now()): string {
  assertValidText(text);
  if (!parseWallKey(noteKey)) throw new RangeError('The comment is not on a note');
  const comments = doc.getMap<unknown>(DRAFT_ROOTS.comments);
  if (comments.size >= MAX_COMMENTS_PER_DRAFT) throw new RangeError(`You can write up to ${MAX_COMMENTS_PER_DRAFT} comments`);
  const id = newRecordId();
  doc.transact(() => {
    const record = new Y.Map<unknown>();
    comments.set(id, record);
    record.set('noteKey', noteKey);
    record.set('text', text);
    record.set('createdAt', createdAt);
  });
  return id;
}

/** Changes the text of the author's own comment. False when there is no such comment. */
export function editMyComment(doc: Y.Doc, commentId: string, text: string): boolean {
  assertValidText(text);
  const record = doc.getMap<unknown>(DRAFT_ROOTS.comments).get(commentId);
  if (!(record instanceof Y.Map)) return false;
  if (record.get('text') !== text) record.set('text', text);
  return true;
}

/** Deletes the author's own comment (the publisher then takes it off the wall). False when absent. */
export function deleteMyComment(doc: Y.Doc, commentId: string): boolean {
  const comments = doc.getMap<unknown>(DRAFT_ROOTS.comments);
  if (!comments.has(commentId)) return false;
  comments.delete(commentId);
  return true;
}

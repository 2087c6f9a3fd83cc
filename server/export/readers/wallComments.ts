/**
 * STAND-IN READER (export helper, issue 12): the votes helper owns `shared/schema/wallComments.ts`. Until it
 * is merged, the export reads the documented shape of the wall's `comments` root here, defensively.
 * At merge: replace with the owner's reader. Shape (DESIGN12):
 * `Y.Map<commentWallKey, { author: personId, commentId, noteKey, text, createdAt, updatedAt }>`,
 * key `wallKeyFor(author, commentId)`.
 */
import type * as Y from 'yjs';
import { isWellFormedId } from '../../../shared/ids.js';
import { parseWallKey } from '../../../shared/schema/wall.js';

/** A published comment on a note. Times in ms epoch. */
export interface CommentInput {
  key: string;
  commentId: string;
  author: string;
  noteKey: string;
  text: string;
  createdAt: number;
  updatedAt: number;
}

const COMMENTS_ROOT = 'comments';

/** Every well-formed published comment whose key matches its author and id, oldest first. */
export function readWallComments(wall: Y.Doc): CommentInput[] {
  const comments: CommentInput[] = [];
  wall.getMap<unknown>(COMMENTS_ROOT).forEach((value, key) => {
    const ids = parseWallKey(key);
    if (!ids || typeof value !== 'object' || value === null) return;
    const { author, commentId, noteKey, text, createdAt, updatedAt } = value as Record<string, unknown>;
    if (author !== ids.personId || commentId !== ids.noteId || !isWellFormedId(author)) return;
    if (typeof noteKey !== 'string' || !parseWallKey(noteKey) || typeof text !== 'string') return;
    if (!isTime(createdAt)) return;
    comments.push({ key, commentId: ids.noteId, author: ids.personId, noteKey, text, createdAt, updatedAt: isTime(updatedAt) ? updatedAt : createdAt });
  });
  return comments.sort((a, b) => a.createdAt - b.createdAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

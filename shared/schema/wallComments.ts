/**
 * The wall's `comments` root: Y.Map<commentWallKey, { author, commentId, noteKey, text, createdAt, updatedAt }>,
 * published comments, written only by the server. The key is `wallKeyFor(author, commentId)` and the
 * author is stamped by the server, so nobody can address or forge another person's comment.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { isWellFormedId } from '../ids.js';
import { WALL_ROOTS } from './roots.js';
import { parseWallKey, type WallKey } from './wall.js';

/** A published comment; times are the server's (ms epoch) at first publication and at the last. */
export interface WallComment {
  author: string;
  commentId: string;
  noteKey: WallKey;
  text: string;
  createdAt: number;
  updatedAt: number;
}

/** Reads a wall comment tolerantly (unknown fields dropped), checking the fields it knows. */
export const wallCommentSchema = z.object({
  author: z.string().refine(isWellFormedId),
  commentId: z.string().refine(isWellFormedId),
  noteKey: z.string().refine((key) => parseWallKey(key) !== null),
  text: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

/** Every valid comment of the wall whose key matches its record, keyed by the comment's wall key. */
export function readWallComments(doc: Y.Doc): Map<WallKey, WallComment> {
  const comments = new Map<WallKey, WallComment>();
  doc.getMap<unknown>(WALL_ROOTS.comments).forEach((value, key) => {
    const parsed = wallCommentSchema.safeParse(value);
    const ids = parseWallKey(key);
    if (parsed.success && ids && ids.personId === parsed.data.author && ids.noteId === parsed.data.commentId) {
      comments.set(key as WallKey, { ...parsed.data, noteKey: parsed.data.noteKey as WallKey });
    }
  });
  return comments;
}

/** The comments of the wall grouped by the note they are on, oldest first (ties by key). */
export function commentsByNote(doc: Y.Doc): Map<WallKey, Array<WallComment & { key: WallKey }>> {
  const byNote = new Map<WallKey, Array<WallComment & { key: WallKey }>>();
  for (const [key, comment] of readWallComments(doc)) {
    const list = byNote.get(comment.noteKey) ?? [];
    list.push({ ...comment, key });
    byNote.set(comment.noteKey, list);
  }
  for (const list of byNote.values()) list.sort((a, b) => a.createdAt - b.createdAt || (a.key < b.key ? -1 : 1));
  return byNote;
}

/** Server only: applies a comments decision to the wall (inside the caller's transaction). */
export function writeWallComments(
  doc: Y.Doc,
  changes: { publish: ReadonlyArray<{ key: WallKey; record: WallComment }>; unpublish: readonly WallKey[] },
): void {
  const root = doc.getMap<unknown>(WALL_ROOTS.comments);
  for (const key of changes.unpublish) root.delete(key);
  for (const { key, record } of changes.publish) root.set(key, { ...record });
}

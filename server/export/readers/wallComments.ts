/** The export's view of the wall's published comments (the owner's reader: `shared/schema/wallComments.ts`), oldest first. */
import type * as Y from 'yjs';
import { readWallComments as readCommentsOfWall } from '../../../shared/schema/wallComments.js';

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

export function readWallComments(wall: Y.Doc): CommentInput[] {
  const comments: CommentInput[] = [...readCommentsOfWall(wall)].map(([key, comment]) => ({ key, ...comment }));
  return comments.sort((a, b) => a.createdAt - b.createdAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * The publisher's own comparison of a draft note with its copy on the wall: the fields a publication
 * carries (text, colour, target). The publisher uses it to publish nothing when nothing changed; the
 * author's page uses the same function to say "On the wall" — one definition, so the two never disagree.
 */
import type { WallNote } from '../schema/wall.js';

/** The fields of a note the wall shows; a draft note and a wall note both have them. */
export type PublishedFields = Pick<WallNote, 'text' | 'colour' | 'targetId'>;

export function isOnWallAsDrafted(draft: PublishedFields, onWall: PublishedFields | undefined): boolean {
  return onWall !== undefined && onWall.text === draft.text && onWall.colour === draft.colour && onWall.targetId === draft.targetId;
}

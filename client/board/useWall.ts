import type * as Y from 'yjs';
import { readWall, type WallState } from '../../shared/schema/wall.js';
import { useDocSnapshot } from './useDocSnapshot.js';

const EMPTY_WALL: WallState = { notesByTarget: new Map(), people: new Map(), schemaVersion: 1 };

/** The published wall: notes by problem or stage id, with their authors; kept up to date. */
export function useWall(doc: Y.Doc | null): WallState {
  return useDocSnapshot(doc, readWall, EMPTY_WALL);
}

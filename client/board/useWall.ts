import { useMemo } from 'react';
import type * as Y from 'yjs';
import type { WallState } from '../../shared/schema/wall.js';
import { useDocSnapshot } from './useDocSnapshot.js';
import { createWallReader } from './wallReader.js';

const EMPTY_WALL: WallState = { notesByTarget: new Map(), people: new Map(), schemaVersion: 1 };

/**
 * The published wall: notes by problem or stage id, with their authors; kept up to date. Read by a
 * reader that remembers the last read (`wallReader.ts`), one per document.
 */
export function useWall(doc: Y.Doc | null): WallState {
  // eslint-disable-next-line react-hooks/exhaustive-deps -- reason: a new reader for each document is the point
  const read = useMemo(() => createWallReader(), [doc]);
  return useDocSnapshot(doc, read, EMPTY_WALL);
}

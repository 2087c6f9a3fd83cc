/** Which group each note is placed in, by wall key (the owner's reader: `readClusterState`). */
import type * as Y from 'yjs';
import { readClusterState } from '../../../shared/schema/clusters.js';

export function readPlacements(brief: Y.Doc): Map<string, string> {
  return new Map(readClusterState(brief).placements);
}

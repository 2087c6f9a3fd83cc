/**
 * STAND-IN READER (export helper, issue 12): the grouping helper owns note placement. Until it is merged,
 * the export reads the documented shape of the brief's `placements` root here, defensively.
 * At merge: replace with the owner's reader. Shape (DESIGN12): `Y.Map<wallKey, clusterId>`.
 */
import type * as Y from 'yjs';
import { isWellFormedId } from '../../../shared/ids.js';
import { parseWallKey } from '../../../shared/schema/wall.js';

const PLACEMENTS_ROOT = 'placements';

/** Which cluster each note is placed in, by wall key. Malformed keys and values are skipped. */
export function readPlacements(brief: Y.Doc): Map<string, string> {
  const placements = new Map<string, string>();
  brief.getMap<unknown>(PLACEMENTS_ROOT).forEach((clusterId, wallKey) => {
    if (parseWallKey(wallKey) && isWellFormedId(clusterId)) placements.set(wallKey, clusterId);
  });
  return placements;
}

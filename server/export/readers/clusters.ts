/**
 * STAND-IN READER (export helper, issue 12): the grouping helper owns `shared/schema/clusters.ts`. Until it
 * is merged, the export reads the documented shape of the brief's `clusters` root here, defensively.
 * At merge: replace with the owner's reader. Shape (DESIGN12):
 * `Y.Map<clusterId, Y.Map{ title: string, targetId: string, createdAt: number }>`.
 */
import * as Y from 'yjs';
import { isWellFormedId } from '../../../shared/ids.js';

/** A cluster as the export shows it. */
export interface ClusterInput {
  id: string;
  title: string;
  /** The problem or stage the cluster gathers notes of. */
  targetId: string;
  /** ms epoch; 0 when the record has none. */
  createdAt: number;
}

const CLUSTERS_ROOT = 'clusters';

/** Every well-formed cluster of the brief, oldest first (ties by id). Anything malformed is skipped. */
export function readClusters(brief: Y.Doc): ClusterInput[] {
  const clusters: ClusterInput[] = [];
  brief.getMap<unknown>(CLUSTERS_ROOT).forEach((value, id) => {
    if (!(value instanceof Y.Map) || !isWellFormedId(id)) return;
    const record = value as Y.Map<unknown>;
    const title = textValue(record.get('title'));
    const targetId = record.get('targetId');
    const createdAt = record.get('createdAt');
    if (title === null || !isWellFormedId(targetId)) return;
    clusters.push({ id, title, targetId, createdAt: typeof createdAt === 'number' && Number.isFinite(createdAt) ? createdAt : 0 });
  });
  return clusters.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A title kept as a plain string (the design) or as a Y.Text (should the owner choose one). */
function textValue(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value instanceof Y.Text) return value.toString();
  return null;
}

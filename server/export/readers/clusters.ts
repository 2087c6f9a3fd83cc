/** The export's view of the brief's groups (the owner's reader: `readClusterState` in `shared/schema/clusters.ts`). */
import type * as Y from 'yjs';
import { readClusterState } from '../../../shared/schema/clusters.js';

/** A cluster as the export shows it. */
export interface ClusterInput {
  id: string;
  title: string;
  /** The problem or stage the cluster gathers notes of. */
  targetId: string;
  /** ms epoch. */
  createdAt: number;
}

/** Every valid cluster of the brief, oldest first (ties by id). */
export function readClusters(brief: Y.Doc): ClusterInput[] {
  const clusters: ClusterInput[] = [...readClusterState(brief).clustersById.values()].map(({ id, title, targetId, createdAt }) => ({ id, title, targetId, createdAt }));
  return clusters.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

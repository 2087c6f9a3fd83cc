import type * as Y from 'yjs';
import { EMPTY_CLUSTER_STATE, readClusterState, type ClusterState } from '../../shared/schema/clusters.js';
import { useDocSnapshot } from './useDocSnapshot.js';

/** The brief's groups of notes and which note is in which, kept up to date (issue 12, grouping). */
export function useClusters(doc: Y.Doc | null): ClusterState {
  return useDocSnapshot(doc, readClusterState, EMPTY_CLUSTER_STATE);
}

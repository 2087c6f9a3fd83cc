/**
 * The wall's groups of notes and the chosen sort, for every lane (issue 12, grouping). Provided once by
 * `WallView` beside `WallContext`, so lanes and notes do not pass it down by hand.
 */
import { createContext, useContext, useMemo } from 'react';
import type * as Y from 'yjs';
import { EMPTY_CLUSTER_STATE, type ClusterState } from '../../shared/schema/clusters.js';
import { DEFAULT_NOTE_SORT, type NoteSortId } from './noteSort.js';
import { useClusters } from './useClusters.js';
import { useNoteSort } from './useNoteSort.js';

export interface GroupingContextValue {
  clusters: ClusterState;
  sort: NoteSortId;
  setSort(sort: NoteSortId): void;
}

const NO_GROUPING: GroupingContextValue = { clusters: EMPTY_CLUSTER_STATE, sort: DEFAULT_NOTE_SORT, setSort: () => undefined };

export const GroupingContext = createContext<GroupingContextValue>(NO_GROUPING);

/** The value `WallView` provides: the brief's groups, and this browser's sort for the board. */
export function useGroupingModel(boardId: string, briefDoc: Y.Doc | null): GroupingContextValue {
  const clusters = useClusters(briefDoc);
  const [sort, setSort] = useNoteSort(boardId);
  return useMemo(() => ({ clusters, sort, setSort }), [clusters, sort, setSort]);
}

export function useGrouping(): GroupingContextValue {
  return useContext(GroupingContext);
}

import { useEffect, useMemo, useRef, useState } from 'react';
import { NO_CLUSTERS, groupNotesByCluster } from '../../../shared/schema/clusters.js';
import { useGrouping } from '../../board/GroupingContext.js';
import type { LaneNote } from '../../board/laneNotes.js';
import { NOTE_SORTS, sortNotes } from '../../board/noteSort.js';
import { useNoteRecords } from '../../board/NoteRecordsContext.js';
import type { WallKey } from '../../../shared/schema/wall.js';
import { useWallContext } from '../../board/WallContext.js';
import { ClusterNoteList } from './ClusterNoteList.js';
import { ClusterSection } from './ClusterSection.js';
import { NewCluster } from './NewCluster.js';

interface ClusterNotesProps {
  targetId: string;
  targetLabel: string;
  notes: readonly LaneNote[];
}

/**
 * The notes of one problem or stage in the chosen order: under each group's heading then "Not grouped"
 * (sort "Group"), or one list (Newest, Oldest) where each note names its group. Officers get "New group".
 */
export function ClusterNotes({ targetId, targetLabel, notes }: ClusterNotesProps) {
  const { canEditBrief } = useWallContext();
  const { clusters, sort } = useGrouping();
  const containerRef = useRef<HTMLDivElement>(null);
  const [dissolvedId, setDissolvedId] = useState<string | null>(null);
  const laneClusters = clusters.clustersByTarget.get(targetId) ?? NO_CLUSTERS;
  const tallies = useNoteRecords()?.wall.tallies;
  const sorted = useMemo(() => sortNotes(notes, sort, (key) => tallies?.get(key as WallKey)?.votes ?? 0), [notes, sort, tallies]);
  const grouped = useMemo(() => groupNotesByCluster(clusters, targetId, sorted, (note) => note.wallKey), [clusters, targetId, sorted]);

  // Once the dissolved group has gone, focus goes to "New group": a visible control where the group was.
  useEffect(() => {
    if (dissolvedId === null || laneClusters.some((cluster) => cluster.id === dissolvedId)) return;
    setDissolvedId(null);
    containerRef.current?.querySelector<HTMLElement>('.new-cluster button')?.focus();
  }, [dissolvedId, laneClusters]);

  const isGrouped = NOTE_SORTS[sort].isGrouped && laneClusters.length > 0;
  return (
    <div className="cluster-notes" ref={containerRef}>
      {isGrouped ? (
        <>
          {grouped.groups.map(({ cluster, notes: members }) => (
            <ClusterSection key={cluster.id} cluster={cluster} targetId={targetId} targetLabel={targetLabel} notes={members} onDissolved={() => setDissolvedId(cluster.id)} />
          ))}
          <ClusterSection cluster={null} targetId={targetId} targetLabel={targetLabel} notes={grouped.ungrouped} onDissolved={() => undefined} />
        </>
      ) : (
        <ClusterNoteList notes={sorted} targetId={targetId} listLabel={targetLabel} emptyText="No notes yet." />
      )}
      {canEditBrief && <NewCluster targetId={targetId} targetLabel={targetLabel} />}
    </div>
  );
}

import { NO_CLUSTERS, clusterOfNote } from '../../../shared/schema/clusters.js';
import { useGrouping } from '../../board/GroupingContext.js';
import type { LaneNote } from '../../board/laneNotes.js';
import { NOTE_SORTS } from '../../board/noteSort.js';
import { useWallContext } from '../../board/WallContext.js';
import { ClusterMoveForm } from './ClusterMoveForm.js';

/**
 * The grouping part of a note: in a sorted (ungrouped) list, the name of its group for everyone; for
 * officers, "Move to group" whenever its problem or stage has groups.
 */
export function ClusterNoteTools({ note, targetId }: { note: LaneNote; targetId: string }) {
  const { canEditBrief } = useWallContext();
  const { clusters, sort } = useGrouping();
  const laneClusters = clusters.clustersByTarget.get(targetId) ?? NO_CLUSTERS;
  if (laneClusters.length === 0) return null;
  const cluster = clusterOfNote(clusters, note.wallKey, targetId);
  const showsTag = cluster !== null && !NOTE_SORTS[sort].isGrouped;
  return (
    <>
      {showsTag && (
        <p className="note__cluster body-s">
          <strong className="tag tag--grey">Group: {cluster.title}</strong>
        </p>
      )}
      {canEditBrief && (
        <ClusterMoveForm
          key={cluster?.id ?? 'none'}
          pageKey={note.key}
          wallKey={note.wallKey}
          clusters={laneClusters}
          currentClusterId={cluster?.id ?? null}
        />
      )}
    </>
  );
}

import { useEffect, useId, useRef, useState } from 'react';
import { dissolveCluster, renameCluster, type ClusterRecord } from '../../../shared/schema/clusters.js';
import type { LaneNote } from '../../board/laneNotes.js';
import { useIsNarrowScreen } from '../../board/useIsNarrowScreen.js';
import { useWallContext } from '../../board/WallContext.js';
import { ConfirmButton } from '../ConfirmButton.js';
import { ClusterDropZone } from './ClusterDropZone.js';
import { ClusterNameForm } from './ClusterNameForm.js';
import { ClusterNoteList } from './ClusterNoteList.js';
import { SpotlightTools, useSpotlightAttributes } from './SpotlightTools.js';

interface ClusterSectionProps {
  /** The group; null for the lane's "Not grouped" notes. */
  cluster: ClusterRecord | null;
  targetId: string;
  /** The problem or stage, named in the list's "Show more notes" for screen readers. */
  targetLabel: string;
  notes: readonly LaneNote[];
  /** The group was dissolved from here: the section is about to go, so the lane takes focus. */
  onDissolved(): void;
}

function countText(count: number): string {
  return count === 1 ? '1 note' : `${count} notes`;
}

/**
 * One group of a lane: its heading with the number of notes (a button that folds it: folded to start
 * with on a phone), officers' rename and dissolve, then its notes. Also used for "Not grouped".
 */
export function ClusterSection({ cluster, targetId, targetLabel, notes, onDissolved }: ClusterSectionProps) {
  const { canEditBrief, briefDoc, announce } = useWallContext();
  const isNarrow = useIsNarrowScreen();
  const [isOpen, setOpen] = useState(!isNarrow);
  const [isRenaming, setRenaming] = useState(false);
  const renameRef = useRef<HTMLButtonElement>(null);
  const hasRenamedRef = useRef(false);
  const bodyId = useId();
  const title = cluster?.title ?? 'Not grouped';
  // A group can be put in the spotlight like a problem or stage (issue 12).
  const spotlightAttributes = useSpotlightAttributes(cluster?.id ?? '');

  useEffect(() => {
    if (!isRenaming && hasRenamedRef.current) renameRef.current?.focus();
    hasRenamedRef.current = hasRenamedRef.current || isRenaming;
  }, [isRenaming]);

  function handleRename(newTitle: string): string | null {
    if (briefDoc === null || cluster === null) return 'The group could not be renamed. Try again.';
    try {
      if (!renameCluster(briefDoc, cluster.id, newTitle)) return 'This group no longer exists.';
    } catch (error) {
      return error instanceof RangeError ? error.message : 'The group could not be renamed. Try again.';
    }
    announce(`Group renamed to ‘${newTitle}’`);
    setRenaming(false);
    return null;
  }

  async function handleDissolve(): Promise<void> {
    if (briefDoc === null || cluster === null) return;
    onDissolved();
    dissolveCluster(briefDoc, cluster.id);
    announce(`Group ‘${cluster.title}’ dissolved. Its notes are now not grouped.`);
  }

  const officerTools = canEditBrief && cluster !== null && (
    <div className="cluster-tools">
      {isRenaming ? (
        <ClusterNameForm label="New name for the group" submitLabel="Save name" initial={cluster.title} onSubmit={handleRename} onCancel={() => setRenaming(false)} />
      ) : (
        <>
          <button type="button" className="button button--secondary wall-button" ref={renameRef} onClick={() => setRenaming(true)}>
            Rename<span className="visually-hidden"> group: {cluster.title}</span>
          </button>
          <ConfirmButton
            label={`Dissolve group`}
            question={`Dissolve the group ‘${cluster.title}’? Its notes stay on the wall, not grouped.`}
            confirmLabel="Yes, dissolve it"
            onConfirm={handleDissolve}
          />
        </>
      )}
    </div>
  );

  return (
    <ClusterDropZone
      cluster={cluster}
      targetId={targetId}
      className={cluster === null ? 'cluster cluster--ungrouped' : 'cluster'}
      testId={cluster === null ? 'cluster-ungrouped' : 'cluster'}
    >
      <div {...(cluster !== null ? spotlightAttributes : {})}>
      <h4 className="heading-s cluster__heading">
        <button type="button" className="cluster__toggle" aria-expanded={isOpen} aria-controls={bodyId} onClick={() => setOpen(!isOpen)}>
          <span className="cluster__title">{title}</span> <span className="cluster__count">({countText(notes.length)})</span>
        </button>
      </h4>
      {cluster !== null && <SpotlightTools targetId={cluster.id} targetLabel={`group: ${cluster.title}`} />}
      <div className="cluster__body" id={bodyId} hidden={!isOpen}>
        {officerTools}
        <ClusterNoteList
          notes={notes}
          targetId={targetId}
          listLabel={`${title} in ${targetLabel}`}
          emptyText={cluster === null ? 'Every note is in a group.' : canEditBrief ? 'No notes in this group yet. Drag a note here, or use ‘Move to group’ on a note.' : 'No notes in this group yet.'}
        />
      </div>
      </div>
    </ClusterDropZone>
  );
}

import { useState, type DragEvent, type ReactNode } from 'react';
import { placeNote, unplaceNote, type ClusterRecord } from '../../../shared/schema/clusters.js';
import { droppedNote, isNoteDrag } from '../../board/noteDrag.js';
import { useWallContext } from '../../board/WallContext.js';

interface ClusterDropZoneProps {
  /** The group a dropped note goes into; null for "Not grouped". */
  cluster: ClusterRecord | null;
  targetId: string;
  className: string;
  testId: string;
  children: ReactNode;
}

/**
 * A group (or "Not grouped") that officers can drop a note on. Only notes of the same problem or stage
 * are taken; everyone else gets a plain section. The keyboard way is "Move to group" on each note.
 */
export function ClusterDropZone({ cluster, targetId, className, testId, children }: ClusterDropZoneProps) {
  const { canEditBrief, briefDoc, announce } = useWallContext();
  const [isOver, setOver] = useState(false);
  if (!canEditBrief || briefDoc === null) {
    return (
      <section className={className} data-testid={testId}>
        {children}
      </section>
    );
  }
  const doc = briefDoc;

  function handleDragOver(event: DragEvent): void {
    if (!isNoteDrag(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    setOver(true);
  }

  function handleDrop(event: DragEvent): void {
    setOver(false);
    const note = droppedNote(event);
    if (note === null) return;
    event.preventDefault();
    if (note.targetId !== targetId) {
      announce('A note can only go into a group of its own problem or stage.');
      return;
    }
    const isDone = cluster === null ? unplaceNote(doc, note.wallKey) : placeNote(doc, note.wallKey, cluster.id);
    if (isDone) announce(cluster === null ? 'Note taken out of its group' : `Note moved to group ‘${cluster.title}’`);
  }

  return (
    <section
      className={`${className}${isOver ? ' cluster--drop-over' : ''}`}
      data-testid={testId}
      onDragOver={handleDragOver}
      onDragEnter={handleDragOver}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={handleDrop}
    >
      {children}
    </section>
  );
}

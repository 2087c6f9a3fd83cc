import type { LaneNote } from '../../board/laneNotes.js';
import { useWallContext } from '../../board/WallContext.js';
import { AddNote } from './AddNote.js';
import { ClusterNotes } from './ClusterNotes.js';
import { TypingIndicator } from './TypingIndicator.js';

interface LaneNotesProps {
  targetId: string;
  targetLabel: string;
  notes: readonly LaneNote[];
}

const NOBODY_TYPING: never[] = [];

/** The notes part of a problem or stage: "Add a note" first (one tap away on a phone), who is typing, the notes. */
export function LaneNotes({ targetId, targetLabel, notes }: LaneNotesProps) {
  const { canPost, typingByTarget } = useWallContext();
  const count = notes.length;
  return (
    <div className="lane-notes" tabIndex={-1}>
      <p className="lane-notes__count body-s">{count === 1 ? '1 note' : `${count} notes`}</p>
      {canPost && <AddNote targetId={targetId} targetLabel={targetLabel} />}
      <TypingIndicator people={typingByTarget.get(targetId) ?? NOBODY_TYPING} />
      <ClusterNotes targetId={targetId} targetLabel={targetLabel} notes={notes} />
    </div>
  );
}

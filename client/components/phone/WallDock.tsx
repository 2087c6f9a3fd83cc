import type { ConnectionSummary } from '../../board/connectionSummary.js';
import { ConnectionStatus } from '../wall/ConnectionStatus.js';
import { AddNoteAnywhere } from './AddNoteAnywhere.js';
import { UndoDeleteNotice } from './UndoDeleteNotice.js';

interface WallDockProps {
  connection: ConnectionSummary;
  unsentCount: number;
  isNotSaved: boolean;
  preferredTargetId: string | null;
}

/**
 * The bar fixed to the bottom of the screen (issue 14): the connection ("Offline – 2 notes waiting to
 * send" stays in view wherever the page is scrolled), "Undo" after a delete, and "Add a note".
 */
export function WallDock({ connection, unsentCount, isNotSaved, preferredTargetId }: WallDockProps) {
  return (
    <div className="wall-dock" data-testid="wall-dock">
      <UndoDeleteNotice />
      <div className="wall-dock__bar">
        <ConnectionStatus status={connection.status} isStopped={connection.stopReason !== null} unsentCount={unsentCount} isNotSaved={isNotSaved} />
        <AddNoteAnywhere preferredTargetId={preferredTargetId} />
      </div>
    </div>
  );
}

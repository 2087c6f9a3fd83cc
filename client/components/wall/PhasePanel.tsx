import { setPhase, type BoardPhase } from '../../../shared/schema/briefMeta.js';
import { useWallContext } from '../../board/WallContext.js';

/** Whether the board takes new ideas; officers open and close it. */
export function PhasePanel({ phase }: { phase: BoardPhase }) {
  const { canEditBrief, canWithdraw, briefDoc, announce } = useWallContext();
  const isOpen = phase === 'open';

  function toggle(): void {
    if (briefDoc === null) return;
    setPhase(briefDoc, isOpen ? 'closed' : 'open');
    announce(isOpen ? 'The board is now closed to new ideas' : 'The board is now open for ideas');
  }

  return (
    <div className="phase-panel" data-testid="phase" data-phase={phase}>
      <p className="phase-panel__text">
        <strong className={isOpen ? 'tag tag--green' : 'tag tag--grey'}>{isOpen ? 'Open for ideas' : 'Closed to new ideas'}</strong>
        {!isOpen && (
          <span className="phase-panel__explain">
            {' '}
            The council has paused contributions.{canWithdraw && ' You can still delete your notes.'}
          </span>
        )}
      </p>
      {canEditBrief && (
        <button type="button" className="button button--secondary wall-button" onClick={toggle}>
          {isOpen ? 'Close the board to new ideas' : 'Open the board for ideas'}
        </button>
      )}
    </div>
  );
}

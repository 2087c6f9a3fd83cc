import type { BoardPhase } from '../../../shared/schema/briefMeta.js';
import { NO_SCHEDULE, readSchedule } from '../../../shared/schema/schedule.js';
import { PHASE_LABELS, PHASE_TAG_CLASSES, phaseExplanation, voteBudgetOf, type PhaseViewerRole } from '../../board/phaseMessages.js';
import { useDocSnapshot } from '../../board/useDocSnapshot.js';
import { useWallContext } from '../../board/WallContext.js';
import type { SendCommand } from '../../net/socket.js';
import { PhaseControl } from './PhaseControl.js';
import { ScheduleForm } from './ScheduleForm.js';

interface PhasePanelProps {
  phase: BoardPhase;
  role: PhaseViewerRole;
  sendCommand: SendCommand;
}

/**
 * The board's phase as a tag with one line on what the viewer can do now; for officers, the phase
 * control and the schedule. Every change is made by the server (`phase-set`, `schedule-set`).
 */
export function PhasePanel({ phase, role, sendCommand }: PhasePanelProps) {
  const { canEditBrief, canWithdraw, briefDoc, announce } = useWallContext();
  const schedule = useDocSnapshot(briefDoc, readSchedule, NO_SCHEDULE);
  const budget = voteBudgetOf(briefDoc);
  const canDeleteOwn = canWithdraw && role === 'participant' && (phase === 'voting' || phase === 'closed' || phase === 'published');
  return (
    <section className="phase-panel" data-testid="phase" data-phase={phase} aria-labelledby="phase-panel-heading">
      <div className="phase-panel__text">
        <h2 className="visually-hidden" id="phase-panel-heading">
          Board phase
        </h2>
        <p className="phase-panel__line">
          <strong className={PHASE_TAG_CLASSES[phase]} data-testid="phase-tag">
            {PHASE_LABELS[phase]}
          </strong>{' '}
          <span className="phase-panel__explain" data-testid="phase-explanation">
            {phaseExplanation(phase, role, budget)}
            {canDeleteOwn && ' You can still delete your notes.'}
          </span>
        </p>
      </div>
      {canEditBrief && role === 'officer' && (
        <div className="phase-panel__officer">
          <PhaseControl key={phase} phase={phase} sendCommand={sendCommand} announce={announce} />
          <details className="phase-panel__schedule">
            <summary className="phase-panel__summary">Schedule opening and closing</summary>
            <ScheduleForm schedule={schedule} sendCommand={sendCommand} announce={announce} />
          </details>
        </div>
      )}
    </section>
  );
}

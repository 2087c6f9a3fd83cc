import { useEffect, useRef } from 'react';
import { moveStage } from '../../../shared/schema/serviceMaps.js';
import { useWallContext } from '../../board/WallContext.js';

interface StageMoveButtonsProps {
  mapId: string;
  stageId: string;
  stageLabel: string;
  index: number;
  stageCount: number;
}

/**
 * "Move left" and "Move right" for a stage: the keyboard way to reorder lanes. Small arrow buttons (issue 14:
 * full-width buttons stacked under every lane), whose names screen readers still hear in full. Focus stays on
 * the button pressed as its lane moves (or goes to the other one when the lane reaches an end).
 */
export function StageMoveButtons({ mapId, stageId, stageLabel, index, stageCount }: StageMoveButtonsProps) {
  const { briefDoc, announce } = useWallContext();
  const leftRef = useRef<HTMLButtonElement>(null);
  const rightRef = useRef<HTMLButtonElement>(null);
  const pressedRef = useRef<'left' | 'right' | null>(null);

  useEffect(() => {
    const pressed = pressedRef.current;
    if (pressed === null) return;
    pressedRef.current = null;
    const [preferred, other] = pressed === 'left' ? [leftRef, rightRef] : [rightRef, leftRef];
    (preferred.current ?? other.current)?.focus();
  }, [index]);

  if (briefDoc === null || stageCount < 2) return null;
  const doc = briefDoc;

  function move(direction: 'left' | 'right'): void {
    const to = index + (direction === 'left' ? -1 : 1);
    if (to < 0 || to >= stageCount) return;
    pressedRef.current = direction;
    moveStage(doc, mapId, stageId, to);
    announce(`${stageLabel} moved to position ${to + 1} of ${stageCount}`);
  }

  return (
    <div className="stage-move">
      {index > 0 && (
        <button type="button" className="button button--secondary wall-button wall-button--icon" ref={leftRef} title="Move left" onClick={() => move('left')}>
          <span aria-hidden="true">←</span>
          <span className="visually-hidden">Move left: {stageLabel}</span>
        </button>
      )}
      {index < stageCount - 1 && (
        <button type="button" className="button button--secondary wall-button wall-button--icon" ref={rightRef} title="Move right" onClick={() => move('right')}>
          <span aria-hidden="true">→</span>
          <span className="visually-hidden">Move right: {stageLabel}</span>
        </button>
      )}
    </div>
  );
}

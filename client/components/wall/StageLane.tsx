import { useEffect, useRef, useState } from 'react';
import type { StageRecord } from '../../../shared/schema/serviceMaps.js';
import type { LaneNote } from '../../board/laneNotes.js';
import { stageTitle } from '../../board/noteTargets.js';
import { useWallContext } from '../../board/WallContext.js';
import { LaneNotes } from './LaneNotes.js';
import { StageEditor } from './StageEditor.js';
import { SpotlightTools, useSpotlightAttributes } from './SpotlightTools.js';
import { StageMoveButtons } from './StageMoveButtons.js';

interface StageLaneProps {
  mapId: string;
  stage: StageRecord;
  index: number;
  stageCount: number;
  notes: readonly LaneNote[];
  isNew: boolean;
}

/** One stage of a service map as a lane: its name, description and pain points, then its notes. */
export function StageLane({ mapId, stage, index, stageCount, notes, isNew }: StageLaneProps) {
  const { canEditBrief } = useWallContext();
  const [isEditing, setEditing] = useState(isNew);
  const editRef = useRef<HTMLButtonElement>(null);
  const hasEditedRef = useRef(false);
  const title = stageTitle(stage);
  const headingId = `stage-heading-${stage.id}`;
  const spotlightAttributes = useSpotlightAttributes(stage.id);

  useEffect(() => {
    if (!isEditing && hasEditedRef.current) editRef.current?.focus();
    hasEditedRef.current = hasEditedRef.current || isEditing;
  }, [isEditing]);

  return (
    <li className="lane" data-testid={`stage-${stage.id}`} {...spotlightAttributes}>
      <p className="lane__position body-s">
        Stage {index + 1} of {stageCount}
      </p>
      <h3 className="heading-m lane__title" id={headingId}>
        {title}
      </h3>
      <SpotlightTools targetId={stage.id} targetLabel={`stage ${index + 1}: ${title}`} />
      {canEditBrief && isEditing ? (
        <StageEditor mapId={mapId} stageId={stage.id} isNew={isNew} onDone={() => setEditing(false)} />
      ) : (
        <>
          {stage.description.trim() !== '' && <p className="body-s multiline">{stage.description}</p>}
          {stage.painPoints.trim() !== '' && (
            <div className="lane__pain-points">
              <h4 className="heading-s lane__subheading">Pain points</h4>
              <p className="body-s multiline">{stage.painPoints}</p>
            </div>
          )}
          {canEditBrief && (
            // One compact row of small buttons, not three stacked full buttons per lane (issue 14).
            <div className="lane__officer-tools" role="group" aria-label={`Stage actions: ${title}`}>
              <button type="button" className="button button--secondary wall-button wall-button--small" ref={editRef} onClick={() => setEditing(true)}>
                Edit<span className="visually-hidden"> stage: {title}</span>
              </button>
              <StageMoveButtons mapId={mapId} stageId={stage.id} stageLabel={title} index={index} stageCount={stageCount} />
            </div>
          )}
        </>
      )}
      <LaneNotes targetId={stage.id} targetLabel={title} notes={notes} />
    </li>
  );
}

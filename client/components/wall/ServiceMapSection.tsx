import { useEffect, useRef, useState } from 'react';
import { addStage, type ServiceMapRecord } from '../../../shared/schema/serviceMaps.js';
import type { LaneNote } from '../../board/laneNotes.js';
import { serviceMapTitle } from '../../board/noteTargets.js';
import { useWallContext } from '../../board/WallContext.js';
import { ServiceMapEditor } from './ServiceMapEditor.js';
import { StageLane } from './StageLane.js';

interface ServiceMapSectionProps {
  map: ServiceMapRecord;
  notesByTarget: ReadonlyMap<string, LaneNote[]>;
  isNew: boolean;
}

const NO_NOTES: LaneNote[] = [];

/** A service map: its stages side by side as lanes (stacked on a phone), each holding its notes. */
export function ServiceMapSection({ map, notesByTarget, isNew }: ServiceMapSectionProps) {
  const { canEditBrief, briefDoc, announce } = useWallContext();
  const [isEditing, setEditing] = useState(isNew);
  const [newStageId, setNewStageId] = useState<string | null>(null);
  const editRef = useRef<HTMLButtonElement>(null);
  const hasEditedRef = useRef(false);
  const title = serviceMapTitle(map);
  const headingId = `map-heading-${map.id}`;

  useEffect(() => {
    if (!isEditing && hasEditedRef.current) editRef.current?.focus();
    hasEditedRef.current = hasEditedRef.current || isEditing;
  }, [isEditing]);

  function handleAddStage(): void {
    if (briefDoc === null) return;
    const stageId = addStage(briefDoc, map.id);
    setNewStageId(stageId);
    if (stageId !== null) announce('Stage added. Enter its name.');
  }

  return (
    <section className="wall-section service-map" data-testid={`service-map-${map.id}`} aria-labelledby={headingId}>
      <h2 className="heading-l wall-section__heading" id={headingId}>
        <span className="service-map__caption">
          Service map<span className="visually-hidden">:</span>
        </span>{' '}
        {title}
      </h2>
      {canEditBrief && isEditing && <ServiceMapEditor mapId={map.id} isNew={isNew} onDone={() => setEditing(false)} />}
      {canEditBrief && !isEditing && (
        <button type="button" className="button button--secondary wall-button" ref={editRef} onClick={() => setEditing(true)}>
          Edit<span className="visually-hidden"> service map: {title}</span>
        </button>
      )}
      {map.stages.length === 0 ? (
        <p className="body">This service map has no stages yet.</p>
      ) : (
        <div className="service-map__scroller" role="region" aria-label={`Stages of ${title}`} tabIndex={0}>
          <ol className="service-map__lanes">
            {map.stages.map((stage, index) => (
              <StageLane
                key={stage.id}
                mapId={map.id}
                stage={stage}
                index={index}
                stageCount={map.stages.length}
                notes={notesByTarget.get(stage.id) ?? NO_NOTES}
                isNew={stage.id === newStageId}
              />
            ))}
          </ol>
        </div>
      )}
      {canEditBrief && (
        <button type="button" className="button wall-button" onClick={handleAddStage}>
          Add a stage<span className="visually-hidden"> to {title}</span>
        </button>
      )}
    </section>
  );
}

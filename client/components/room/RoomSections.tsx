import type { BriefState } from '../../../shared/schema/brief.js';
import type { LaneNote } from '../../board/laneNotes.js';
import { problemTitle, serviceMapTitle, stageTitle } from '../../board/noteTargets.js';
import { RoomLane } from './RoomLane.js';
import { roomColumns } from './roomNotes.js';

interface RoomSectionsProps {
  brief: BriefState;
  notesByTarget: ReadonlyMap<string, LaneNote[]>;
  isArrival(): boolean;
}

const NO_NOTES: LaneNote[] = [];

/** The problem statements side by side, then each service map with a column per stage. */
export function RoomSections({ brief, notesByTarget, isArrival }: RoomSectionsProps) {
  return (
    <>
      {brief.problems.length > 0 && (
        <section className="room-section" aria-labelledby="room-problems-heading">
          <h2 className="room-section__heading" id="room-problems-heading">
            Problem statements
          </h2>
          <ol className="room-section__columns" data-columns={roomColumns(brief.problems.length)}>
            {brief.problems.map((problem) => (
              <RoomLane
                key={problem.id}
                targetId={problem.id}
                title={problemTitle(problem)}
                notes={notesByTarget.get(problem.id) ?? NO_NOTES}
                isArrival={isArrival}
              />
            ))}
          </ol>
        </section>
      )}
      {brief.serviceMaps.map((map) => (
        <section className="room-section" key={map.id} aria-labelledby={`room-map-${map.id}`}>
          <h2 className="room-section__heading break-words" id={`room-map-${map.id}`}>
            {serviceMapTitle(map)}
          </h2>
          <ol className="room-section__columns" data-columns={roomColumns(map.stages.length)}>
            {map.stages.map((stage, index) => (
              <RoomLane
                key={stage.id}
                targetId={stage.id}
                title={stageTitle(stage)}
                kicker={`Stage ${index + 1}`}
                notes={notesByTarget.get(stage.id) ?? NO_NOTES}
                isArrival={isArrival}
              />
            ))}
          </ol>
        </section>
      ))}
      {brief.problems.length === 0 && brief.serviceMaps.length === 0 && (
        <p className="room__empty">The organiser has not added any problem statements or stages yet.</p>
      )}
    </>
  );
}

import type { LaneNote } from '../../board/laneNotes.js';
import { useSpotlightAttributes } from '../wall/SpotlightTools.js';
import { RoomNote } from './RoomNote.js';

interface RoomLaneProps {
  targetId: string;
  title: string;
  /** "Stage 2", above a stage's title. */
  kicker?: string;
  notes: LaneNote[];
  isArrival(): boolean;
}

/** One problem or stage as a column: its heading, then its notes. Marked for the spotlight to find. */
export function RoomLane({ targetId, title, kicker, notes, isArrival }: RoomLaneProps) {
  const spotlightAttributes = useSpotlightAttributes(targetId);
  const isSpotlit = spotlightAttributes['data-spotlit'] === 'true';
  return (
    <li className="room-lane" data-testid="room-lane" {...spotlightAttributes}>
      <h3 className="room-lane__heading break-words">
        {kicker !== undefined && <span className="room-lane__kicker">{kicker}: </span>}
        {title}
      </h3>
      {isSpotlit && <p className="room-lane__spotlit">In the spotlight</p>}
      {notes.length === 0 ? (
        <p className="room-lane__empty">No ideas yet</p>
      ) : (
        <ul className="room-lane__notes" aria-label={`Ideas for ${title}`}>
          {notes.map((note) => (
            <RoomNote key={note.key} note={note} isNew={isArrival()} />
          ))}
        </ul>
      )}
    </li>
  );
}

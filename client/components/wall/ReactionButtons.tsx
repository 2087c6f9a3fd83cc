import { REACTION_LABELS, REACTIONS, setMyReaction, type Reaction } from '../../../shared/schema/draftReactions.js';
import { TALLY_FIELD_OF_REACTION } from '../../../shared/schema/wallTallies.js';
import type { WallKey } from '../../../shared/schema/wall.js';
import { mayReact } from '../../board/noteRecords.js';
import type { NoteRecordsValue } from '../../board/NoteRecordsContext.js';

/** How a reaction's count reads aloud: "+1: 3 people". */
function spoken(reaction: Reaction, count: number): string {
  return `${REACTION_LABELS[reaction]}: ${count} ${count === 1 ? 'person' : 'people'}`;
}

/**
 * Reactions on one note: a toggle button per reaction (aria-pressed says whether it is mine) with the
 * count. When reacting is not allowed now (board closed, observers) the counts are plain text.
 */
export function ReactionButtons({ noteKey, records }: { noteKey: WallKey; records: NoteRecordsValue }) {
  const { phase, wall, mine, draftDoc, role, announce, outcomes } = records;
  const tally = wall.tallies.get(noteKey) ?? {};
  const myReactions = mine.reactions.get(noteKey);
  const canReact = draftDoc !== null && role !== 'observer' && mayReact(phase, role);
  const problem = outcomes.find((outcome) => outcome.recordKind === 'reaction' && outcome.recordId === noteKey);
  const counts = REACTIONS.map((reaction) => [reaction, tally[TALLY_FIELD_OF_REACTION[reaction]] ?? 0] as const);
  if (!canReact && counts.every(([, count]) => count === 0)) return null;

  function toggle(reaction: Reaction): void {
    if (draftDoc === null) return;
    const isOn = !(myReactions?.has(reaction) ?? false);
    setMyReaction(draftDoc, noteKey, reaction, isOn);
    announce(isOn ? `You reacted ${REACTION_LABELS[reaction]}` : `Reaction ${REACTION_LABELS[reaction]} taken back`);
  }

  return (
    <div className="note-reactions" data-testid="note-reactions">
      {canReact ? (
        <ul className="note-reactions__list" aria-label="Reactions">
          {counts.map(([reaction, count]) => (
            <li key={reaction}>
              <button
                type="button"
                className="note-reactions__button"
                aria-pressed={myReactions?.has(reaction) ?? false}
                onClick={() => toggle(reaction)}
                data-testid={`reaction-${reaction}`}
              >
                <span aria-hidden="true">
                  {REACTION_LABELS[reaction]} <span className="note-reactions__count">{count}</span>
                </span>
                <span className="visually-hidden">{spoken(reaction, count)}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="note-reactions__summary">
          {counts
            .filter(([, count]) => count > 0)
            .map(([reaction, count]) => spoken(reaction, count))
            .join(', ')}
        </p>
      )}
      {problem && <p className="note-records__problem">{problem.message}</p>}
    </div>
  );
}

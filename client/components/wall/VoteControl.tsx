import { setMyVotes } from '../../../shared/schema/draftVotes.js';
import type { WallKey } from '../../../shared/schema/wall.js';
import { mayAddVote } from '../../board/noteRecords.js';
import type { NoteRecordsValue } from '../../board/NoteRecordsContext.js';

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * Dot voting on one note: the note's count (unless hidden until voting closes), my dots on it, and "Add a
 * vote" / "Remove a vote" while voting. The server decides what counts; when it refused a dot the reason
 * is shown under the buttons. Buttons stay enabled (findable by keyboard): a refused click says why.
 */
export function VoteControl({ noteKey, noteLabel, records }: { noteKey: WallKey; noteLabel: string; records: NoteRecordsValue }) {
  const { phase, wall, mine, budget, outcomes, draftDoc, role, announce, settings } = records;
  const total = wall.tallies.get(noteKey)?.votes;
  const myDots = mine.votes.get(noteKey) ?? 0;
  const isVoting = phase === 'voting';
  const canVote = isVoting && draftDoc !== null && role !== 'observer';
  const problem = outcomes.find((outcome) => outcome.recordKind === 'vote' && outcome.recordId === noteKey);
  if (!isVoting && total === undefined && myDots === 0) return null;
  const isHidden = isVoting && settings.hideUntilClosed;

  function handleAdd(): void {
    if (draftDoc === null || role === 'observer') return;
    if (!mayAddVote(budget, phase, role)) {
      announce(`You have used all ${budget.budget} of your votes. Remove a vote from another note to use it here.`);
      return;
    }
    setMyVotes(draftDoc, noteKey, myDots + 1);
    announce(`Vote added. ${plural(myDots + 1, 'vote', 'votes')} from you on this note.`);
  }

  function handleRemove(): void {
    if (draftDoc === null || myDots === 0) return;
    setMyVotes(draftDoc, noteKey, myDots - 1);
    announce(`Vote removed. ${plural(myDots - 1, 'vote', 'votes')} from you on this note.`);
  }

  return (
    <div className="note-votes" data-testid="note-votes">
      <p className="note-votes__count">
        {isHidden ? (
          <span>Votes are hidden until voting closes</span>
        ) : (
          <strong data-testid="vote-count">{plural(total ?? 0, 'vote', 'votes')}</strong>
        )}
        {myDots > 0 && <span data-testid="my-vote-count"> ({plural(myDots, 'is', 'are')} yours)</span>}
      </p>
      {canVote && (
        <div className="note-votes__buttons">
          <button type="button" className="button button--secondary wall-button" onClick={handleAdd} data-testid="add-vote">
            Add a vote<span className="visually-hidden"> to “{noteLabel}”</span>
          </button>
          {myDots > 0 && (
            <button type="button" className="button button--secondary wall-button" onClick={handleRemove} data-testid="remove-vote">
              Remove a vote<span className="visually-hidden"> from “{noteLabel}”</span>
            </button>
          )}
        </div>
      )}
      {problem && (
        <p className="note-records__problem" data-testid="vote-problem">
          {problem.message}
        </p>
      )}
    </div>
  );
}

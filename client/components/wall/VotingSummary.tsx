import { useNoteRecords } from '../../board/NoteRecordsContext.js';

/**
 * While voting: how voting works on this board and how many of my votes are left, once, above the wall
 * (each note has its own "Add a vote"). A polite live region, so a screen reader hears the count change.
 */
export function VotingSummary() {
  const records = useNoteRecords();
  if (records === null || records.phase !== 'voting') return null;
  const { budget, settings, role } = records;
  const shared = settings.scope === 'organisation';
  return (
    <div className="voting-summary inset-text" data-testid="voting-summary">
      <h2 className="voting-summary__heading">Voting is open</h2>
      {role === 'observer' ? (
        <p>Participants are voting for the ideas they think matter most.</p>
      ) : (
        <>
          <p>
            {shared
              ? `Your organisation shares ${settings.budget} votes. Put them on the ideas you think matter most: more than one on an idea if you like.`
              : `You have ${settings.budget} votes. Put them on the ideas you think matter most: more than one on an idea if you like.`}
          </p>
          <p aria-live="polite" aria-atomic="true" data-testid="votes-left">
            <strong>
              {shared
                ? `You have used ${budget.used} of your organisation’s ${settings.budget} votes.`
                : `You have ${budget.left} of ${settings.budget} votes left.`}
            </strong>
          </p>
        </>
      )}
      {settings.hideUntilClosed && <p>Vote counts are hidden until voting closes.</p>}
    </div>
  );
}

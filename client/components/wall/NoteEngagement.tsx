import type { WallKey } from '../../../shared/schema/wall.js';
import { useNoteRecords } from '../../board/NoteRecordsContext.js';
import { NoteComments } from './NoteComments.js';
import { ReactionButtons } from './ReactionButtons.js';
import { VoteControl } from './VoteControl.js';

/**
 * Votes, reactions and comments on one note that is on the wall now (`noteKey` is its wall key). Nothing
 * for a note that is not on the wall (a waiting or unpublished note of mine): only published notes count.
 */
export function NoteEngagement({ noteKey, noteText }: { noteKey: WallKey; noteText: string }) {
  const records = useNoteRecords();
  if (records === null || !records.wall.noteKeys.has(noteKey)) return null;
  return (
    <div className="note-records">
      <VoteControl noteKey={noteKey} noteLabel={shortLabel(noteText)} records={records} />
      <ReactionButtons noteKey={noteKey} records={records} />
      <NoteComments noteKey={noteKey} records={records} />
    </div>
  );
}

/** A note's text short enough to name its buttons for screen readers ("Add a vote to “…”"). */
function shortLabel(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}…` : oneLine;
}

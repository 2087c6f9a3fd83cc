import type { LaneNote } from '../../board/laneNotes.js';
import { NoteList } from './NoteList.js';

/**
 * My notes whose problem or stage is not in the brief (an officer removed it): they are not on the
 * wall, so they are listed here where I can move or delete them.
 */
export function OrphanNotes({ notes }: { notes: readonly LaneNote[] }) {
  if (notes.length === 0) return null;
  return (
    <section className="wall-section" aria-labelledby="orphan-notes-heading" data-testid="orphan-notes">
      <h2 className="heading-m wall-section__heading" id="orphan-notes-heading">
        Your notes without a problem or stage
      </h2>
      <p className="body">The problem or stage these notes were for has been removed. Move them somewhere else or delete them.</p>
      <div className="lane-notes" tabIndex={-1}>
        <NoteList notes={notes} emptyText="" />
      </div>
    </section>
  );
}

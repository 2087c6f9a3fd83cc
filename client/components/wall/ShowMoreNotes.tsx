import { nextStepCount } from '../../board/noteWindow.js';

interface ShowMoreNotesProps {
  shownCount: number;
  totalCount: number;
  /** What the list is, for screen readers: several lists on the page each have this button. */
  listLabel: string;
  onShowMore(): void;
}

function notesText(count: number): string {
  return count === 1 ? '1 note' : `${count} notes`;
}

/** Under a list that does not show all its notes: how many it shows, and a button for more. */
export function ShowMoreNotes({ shownCount, totalCount, listLabel, onShowMore }: ShowMoreNotesProps) {
  const step = nextStepCount(totalCount - shownCount);
  return (
    <div className="show-more-notes" data-testid="show-more-notes">
      <p className="body-s show-more-notes__count">
        Showing {shownCount} of {notesText(totalCount)}.
      </p>
      <button type="button" className="button button--secondary wall-button" onClick={onShowMore}>
        Show {step} more {step === 1 ? 'note' : 'notes'}
        <span className="visually-hidden"> for {listLabel}</span>
      </button>
    </div>
  );
}

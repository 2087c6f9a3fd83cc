import { PageHeading } from '../components/PageHeading.js';
import { usePageTitle } from '../hooks/usePageTitle.js';

/**
 * Shown when a board's officers removed this person: their browser and their details are barred from the
 * board until an officer lets them back in (issue 10, item 3). Also shown at once by the board page when
 * the removal happens while the wall is open (issue 14).
 */
export function RemovedFromBoardPage() {
  const heading = 'You have been removed from this board by the organiser';
  usePageTitle(heading);
  return (
    <div className="page-narrow" data-testid="removed-from-board">
      <PageHeading className="heading-l">{heading}</PageHeading>
      <p className="body">You cannot join this board again from this device or with the same details.</p>
      <p className="body">Contact the council if you think this is a mistake.</p>
    </div>
  );
}

import { Link } from 'react-router-dom';
import { PageHeading } from '../components/PageHeading.js';
import { usePageTitle } from '../hooks/usePageTitle.js';

const HEADINGS: Record<string, string> = {
  'link-revoked': 'This invitation link has been withdrawn',
  'link-expired': 'This invitation link has expired',
  'board-archived': 'This board has closed',
};

/** Shown when an invitation link answers 410: withdrawn, expired, or its board is archived. */
export function LinkUnavailablePage({ code }: { code: string }) {
  const heading = HEADINGS[code] ?? 'This invitation link cannot be used';
  usePageTitle(heading);
  return (
    <div className="page-narrow">
      <PageHeading className="heading-l">{heading}</PageHeading>
      {code === 'board-archived' && (
        <p className="body">The council is no longer taking ideas on this board. It is kept as a record.</p>
      )}
      <p className="body">
        Ask the council officer running the event for a new link, or{' '}
        <Link to="/">enter the event code on the home page</Link>.
      </p>
    </div>
  );
}

import { Link, useLocation } from 'react-router-dom';
import { PageHeading } from '../components/PageHeading.js';
import { usePageTitle } from '../hooks/usePageTitle.js';

/** For a participant or observer whose board session has ended or who is on another device. */
export function SessionEndedPage() {
  const location = useLocation();
  usePageTitle('Your session has ended');
  return (
    <div className="page-narrow">
      <PageHeading className="heading-l">Your session has ended</PageHeading>
      <p className="body">To go back to the board, open the invitation link again.</p>
      <p className="body">
        You can also <Link to="/">enter the event code on the home page</Link>. The code is on the screen at the event.
      </p>
      <p className="body">
        Council officers: <Link to="/sign-in" state={{ from: location.pathname }}>sign in</Link>.
      </p>
    </div>
  );
}

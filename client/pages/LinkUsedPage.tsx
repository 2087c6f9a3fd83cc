import { Link } from 'react-router-dom';
import { PageHeading } from '../components/PageHeading.js';
import { usePageTitle } from '../hooks/usePageTitle.js';

/** Shown when a one-time account link (first set-up, or an officer invitation) has already been used. */
export function LinkUsedPage({ heading }: { heading: string }) {
  usePageTitle(heading);
  return (
    <div className="page-narrow">
      <PageHeading className="heading-l">{heading}</PageHeading>
      <p className="body">Each link like this works once. If you have already set up your account, sign in.</p>
      <p className="body">
        <Link to="/sign-in">Sign in</Link>
      </p>
      <p className="body">If you have not set up an account, ask the council officer who sent you the link for a new one.</p>
    </div>
  );
}

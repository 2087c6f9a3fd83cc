import { Link } from 'react-router-dom';
import { PageHeading } from '../components/PageHeading.js';
import { usePageTitle } from '../hooks/usePageTitle.js';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <div className="page-narrow">
      <PageHeading className="heading-l">Page not found</PageHeading>
      <p className="body">If you typed the web address, check it is correct.</p>
      <p className="body">If you pasted the web address, check you copied the entire address.</p>
      <p className="body">
        If a council officer gave you the link, ask them to check it, or <Link to="/">enter your event code</Link>.
      </p>
    </div>
  );
}

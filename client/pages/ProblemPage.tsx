import { PageHeading } from '../components/PageHeading.js';
import { usePageTitle } from '../hooks/usePageTitle.js';

interface ProblemPageProps {
  /** What went wrong, in plain words; defaults to the GOV.UK service-problem text. */
  message?: string;
}

/** "Sorry, there is a problem with the service": for failures the person cannot fix, with a way to try again. */
export function ProblemPage({ message = 'Try again later.' }: ProblemPageProps) {
  usePageTitle('Sorry, there is a problem with the service');
  return (
    <div className="page-narrow">
      <PageHeading className="heading-l">Sorry, there is a problem with the service</PageHeading>
      <p className="body">{message}</p>
      <p className="body">Anything you have already posted has been kept.</p>
      <button type="button" className="button button--secondary" onClick={() => window.location.reload()}>
        Try again
      </button>
    </div>
  );
}

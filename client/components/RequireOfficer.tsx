import { Outlet } from 'react-router-dom';
import { ProblemPage } from '../pages/ProblemPage.js';
import { useSession } from '../session/SessionContext.js';
import { LoadingMessage } from './LoadingMessage.js';
import { SignInRedirect } from './SignInRedirect.js';

/** Wraps the officer-only routes: anyone else is sent to sign in. */
export function RequireOfficer() {
  const { status, session } = useSession();
  if (status === 'loading') return <LoadingMessage />;
  if (status === 'failed') return <ProblemPage message="We could not check whether you are signed in. Try again." />;
  if (session?.kind !== 'officer') return <SignInRedirect />;
  return <Outlet />;
}

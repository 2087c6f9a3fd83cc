import { useEffect } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useSession } from '../session/SessionContext.js';

/** Sends someone whose officer session has ended to sign in, and back here afterwards. */
export function SignInRedirect() {
  const location = useLocation();
  const { refresh, session } = useSession();
  const isStale = session !== null;

  useEffect(() => {
    // The server said the session is gone while we still show one: update the header and CSRF token to match.
    if (isStale) refresh().catch(() => undefined);
  }, [isStale, refresh]);

  return <Navigate to="/sign-in" replace state={{ from: `${location.pathname}${location.search}` }} />;
}

import { NotFoundPage } from '../pages/NotFoundPage.js';
import { ProblemPage } from '../pages/ProblemPage.js';
import type { ApiError } from '../net/http.js';
import { SignInRedirect } from './SignInRedirect.js';

/** The page to show when an officer page's data could not be loaded. */
export function ApiFailure({ error }: { error: ApiError }) {
  if (error.status === 401) return <SignInRedirect />;
  // 403 as well as 404: a board someone may not see is, for them, a board that does not exist.
  if (error.status === 403 || error.status === 404) return <NotFoundPage />;
  if (error.code === 'network') return <ProblemPage message={error.message} />;
  return <ProblemPage />;
}

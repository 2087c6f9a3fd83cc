import { useEffect } from 'react';
import { isRouteErrorResponse, useRouteError } from 'react-router-dom';
import { NotFoundPage } from './NotFoundPage.js';
import { ProblemPage } from './ProblemPage.js';

/**
 * Shown instead of React Router's default error page (which uses inline styles, refused by our CSP)
 * when rendering a route throws.
 */
export function RouteErrorPage() {
  const error = useRouteError();
  useEffect(() => {
    console.error('A page failed to render', error);
  }, [error]);
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return <ProblemPage />;
}

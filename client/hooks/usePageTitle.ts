import { useEffect } from 'react';

export const SERVICE_NAME = 'Open Ideas Wall';

/** Sets `document.title` to "<page> – Open Ideas Wall", prefixed "Error: " while the page shows form errors. */
export function usePageTitle(pageTitle: string, hasErrors = false): void {
  useEffect(() => {
    document.title = `${hasErrors ? 'Error: ' : ''}${pageTitle} – ${SERVICE_NAME}`;
  }, [pageTitle, hasErrors]);
}

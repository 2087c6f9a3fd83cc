import { useEffect, useId, useRef } from 'react';
import type { MouseEvent } from 'react';
import type { FormError } from '../forms/formErrors.js';

const ERROR_PREFIX = 'Error: ';

/**
 * GOV.UK error summary: shown at the top of a form after a failed submit, and focused so screen
 * readers announce it. Each link moves focus to its input (the label scrolled into view above it).
 */
export function ErrorSummary({ errors }: { errors: readonly FormError[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();

  const hasErrors = errors.length > 0;

  useEffect(() => {
    // A new array on every failed submit, so a second failure focuses the summary again.
    if (hasErrors) ref.current?.focus();
  }, [errors, hasErrors]);

  useEffect(() => {
    // GOV.UK: the page title starts "Error: " while any form on the page shows errors.
    // Pages with one form also pass hasErrors to usePageTitle; this covers pages with several.
    if (!hasErrors) return;
    if (!document.title.startsWith(ERROR_PREFIX)) document.title = `${ERROR_PREFIX}${document.title}`;
    return () => {
      const isAnotherSummaryShown = document.querySelector('.error-summary') !== null;
      if (!isAnotherSummaryShown && document.title.startsWith(ERROR_PREFIX)) {
        document.title = document.title.slice(ERROR_PREFIX.length);
      }
    };
  }, [hasErrors]);

  if (errors.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby={titleId}>
      <h2 className="error-summary__title" id={titleId}>
        There is a problem
      </h2>
      <ul className="list error-summary__list">
        {errors.map((error, index) => (
          <li key={`${error.field ?? ''}-${index}`}>
            {error.field === undefined ? (
              error.message
            ) : (
              <a href={`#${error.field}`} onClick={(event) => focusField(event, error.field ?? '')}>
                {error.message}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function focusField(event: MouseEvent<HTMLAnchorElement>, fieldId: string): void {
  const field = document.getElementById(fieldId);
  if (!field) return;
  // Handle it here rather than as a fragment navigation, which the router would treat as a page change.
  event.preventDefault();
  const label = document.querySelector(`label[for="${CSS.escape(fieldId)}"]`);
  const legend = field.closest('fieldset')?.querySelector('legend');
  (legend ?? label ?? field).scrollIntoView();
  field.focus({ preventScroll: true });
}

import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { useLocation } from 'react-router-dom';

interface PageHeadingProps {
  children: ReactNode;
  /** A short line above the heading, like the board's name on its settings page. */
  caption?: ReactNode;
  className?: string;
  testId?: string;
}

/**
 * The page's one h1. After an in-app navigation it takes focus, so screen-reader and keyboard
 * users start at the new page's heading, as they would after a full page load.
 */
export function PageHeading({ children, caption, className = 'heading-xl', testId }: PageHeadingProps) {
  const ref = useRef<HTMLHeadingElement>(null);
  const location = useLocation();

  useEffect(() => {
    // The first page of a visit has the key "default": leave focus alone so "Skip to main content" comes first.
    if (location.key !== 'default') ref.current?.focus();
  }, [location.key, location.pathname]);

  return (
    <>
      {caption !== undefined && <span className="caption-l">{caption}</span>}
      <h1 className={`${className} page-heading`} tabIndex={-1} ref={ref} data-testid={testId}>
        {children}
      </h1>
    </>
  );
}

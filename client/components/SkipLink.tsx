import type { MouseEvent } from 'react';

/** First thing in the page: lets keyboard users jump past the header. */
export function SkipLink() {
  function handleClick(event: MouseEvent<HTMLAnchorElement>): void {
    const main = document.getElementById('main-content');
    if (!main) return;
    // Focus the main element directly: a fragment navigation would reach the router as a page change.
    event.preventDefault();
    main.focus();
    main.scrollIntoView();
  }
  return (
    <a href="#main-content" className="skip-link" onClick={handleClick}>
      Skip to main content
    </a>
  );
}

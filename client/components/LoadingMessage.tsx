/** Shown while a page's data loads. A live region, so screen readers hear that something is happening. */
export function LoadingMessage({ children = 'Loading…' }: { children?: string }) {
  return (
    <p className="body loading" role="status">
      {children}
    </p>
  );
}

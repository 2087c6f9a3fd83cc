/** Observers see everything and post nothing. */
export function ObserverNotice() {
  return (
    <div className="inset-text wall-notice" data-testid="observer-notice">
      <p className="body">You are observing. You can see everything but cannot post.</p>
    </div>
  );
}

/** Observers read only: they see the wall live and can add nothing to it. */
export function ObserverNotice() {
  return (
    <div className="inset-text wall-notice" data-testid="observer-notice">
      <p className="body">You are observing: you see the wall live, but cannot add notes, votes, reactions or comments.</p>
    </div>
  );
}

/** Stands in for the live wall until it is built. */
export function WallPlaceholder() {
  return (
    <div className="wall-placeholder">
      <p className="body">The live wall will appear here.</p>
    </div>
  );
}

export function SiteFooter() {
  return (
    <footer className="footer">
      <div className="width-container">
        <p className="footer__text">
          Open Ideas Wall helps councils hear from suppliers before they buy. Everyone taking part sees the same
          information.
        </p>
      </div>
    </footer>
  );
}

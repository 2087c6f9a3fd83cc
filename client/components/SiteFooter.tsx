export function SiteFooter() {
  return (
    <footer className="footer">
      <div className="width-container">
        {/* Server-rendered public pages (issue 13): plain links, a full page load, nothing added to the bundle. */}
        <nav aria-label="Public pages">
          <ul className="footer__links">
            <li>
              <a href="/pipeline">
                Engagement pipeline
              </a>
            </li>
            <li>
              <a href="/take-part">
                How to take part
              </a>
            </li>
            <li>
              <a href="/check-record">
                Check a record
              </a>
            </li>
          </ul>
        </nav>
        <p className="footer__text">
          Open Ideas Wall helps councils hear from suppliers before they buy. Everyone taking part sees the same
          information.
        </p>
      </div>
    </footer>
  );
}

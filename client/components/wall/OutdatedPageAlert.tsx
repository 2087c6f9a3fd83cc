import { WallAlert } from './WallAlert.js';

/**
 * The service was updated while this page was open: the page may misread what the server now sends, so
 * it asks to be reloaded. Notes waiting to send are kept on this device and go after the reload.
 */
export function OutdatedPageAlert() {
  return (
    <WallAlert heading="This page is out of date" testId="outdated-page">
      <p className="govuk-body">The service has been updated. Reload the page to keep working. Notes you have written are kept.</p>
      <button type="button" className="govuk-button" data-module="govuk-button" onClick={() => window.location.reload()}>
        Reload the page
      </button>
    </WallAlert>
  );
}

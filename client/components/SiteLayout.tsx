import { Outlet, ScrollRestoration } from 'react-router-dom';
import { ServiceHeader } from './ServiceHeader.js';
import { SiteFooter } from './SiteFooter.js';
import { SkipLink } from './SkipLink.js';

/** The frame of every ordinary page: skip link, header, phase banner, main content, footer. */
export function SiteLayout() {
  return (
    <>
      <SkipLink />
      <ServiceHeader />
      <div className="width-container">
        <main className="main-wrapper" id="main-content" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
      <SiteFooter />
      <ScrollRestoration />
    </>
  );
}

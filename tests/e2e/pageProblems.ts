/**
 * Collects what a person would see in the browser console as a fault: uncaught errors, console errors,
 * and any Content Security Policy violation. Chromium's own "Failed to load resource … 4xx" lines are
 * allowed, because several pages fetch something that is expected to answer 404 or 410.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ConsoleMessage, Page } from 'playwright-core';

const require = createRequire(import.meta.url);

/**
 * `seriousAxeViolations` first tries to add axe-core as an inline <script>, which our CSP refuses (it
 * then falls back to evaluating it). Chromium names the refused script by its hash: that one refusal is
 * the test's own doing, and the only CSP message we excuse.
 */
const AXE_SCRIPT_HASH = `sha256-${createHash('sha256')
  .update(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'))
  .digest('base64')}`;

const EXPECTED_CLIENT_ERROR_RESPONSE = /^Failed to load resource: the server responded with a status of 4\d\d\b/;
const CSP_VIOLATION = /Content Security Policy|^Refused to /i;

export interface PageProblems {
  /** Everything seen so far that is a fault, one line each. */
  list(): string[];
}

export function watchPageProblems(page: Page): PageProblems {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`Uncaught error: ${error.message}`));
  page.on('console', (message: ConsoleMessage) => {
    const text = message.text();
    if (CSP_VIOLATION.test(text)) {
      if (!text.includes(AXE_SCRIPT_HASH)) problems.push(`CSP violation (${message.type()}) at ${page.url()}: ${text}`);
      return;
    }
    if (message.type() !== 'error') return;
    if (EXPECTED_CLIENT_ERROR_RESPONSE.test(text)) return;
    problems.push(`Console error at ${page.url()}: ${text}`);
  });
  return { list: () => [...problems] };
}

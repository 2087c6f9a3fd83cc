/**
 * Real headless Chromium from the system packages, driven by playwright-core, plus axe-core checks and
 * screenshots at the two sizes we look at (desktop 1280×800, phone 360×740).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** The Chromium the browser suites drive: CHROMIUM_PATH, or the Debian package's /usr/bin/chromium. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * One line saying what is missing and how to get it, or null when Chromium is there. Only the browser
 * suites need Chromium (issue 10 item 21): unit and integration suites never import this file.
 */
export function missingChromium(executablePath: string = CHROMIUM_PATH): string | null {
  if (existsSync(executablePath)) return null;
  return `Chromium is missing at ${executablePath}: install it with 'apt-get install -y chromium', or set CHROMIUM_PATH to a Chromium binary (.ci/run installs it when missing).`;
}

// A browser suite without Chromium fails as it loads, with that one line, before it starts an app process.
const missingAtLoad = missingChromium();
if (missingAtLoad) throw new Error(missingAtLoad);
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 360, height: 740 },
} as const;
export const SCREENSHOT_DIR = path.resolve('test-results/screenshots');

export async function launchBrowser(executablePath: string = CHROMIUM_PATH): Promise<Browser> {
  const missing = missingChromium(executablePath);
  if (missing) throw new Error(missing);
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; html: string }>;
}

/** Runs axe-core (WCAG 2.2 A/AA rules) in the page and returns the serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  return (await axeViolations(page)).filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/** Runs axe-core (WCAG 2.2 A/AA rules and best practice) in the page and returns every violation, of any impact. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, so the page's CSP (no inline scripts) neither blocks it nor
  // logs a violation that would hide a real one.
  await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations;
  })) as AxeViolation[];
  return violations;
}

/** Readable one-line-per-problem summary for an assertion message. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)
    .join('\n');
}

/** Screenshots the page at desktop and phone sizes into test-results/screenshots/<name>-<size>.png. */
export async function screenshotBothSizes(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const original = page.viewportSize();
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${size}.png`), fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}

/** True when the page scrolls sideways at its current width (a layout that breaks at 360 px). */
export async function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}

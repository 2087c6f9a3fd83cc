/**
 * Pages loaded on demand (issue 15, phones served light): the sign-in page's code is not in the first
 * download, so on a slow link a person sees a plain loading message (a polite live region) until it
 * arrives, then the page. The page's code is held back here (a route that delays it), so the loading
 * state is seen, screenshotted at both sizes and checked with axe, as on a phone at a venue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startAppProcess, type AppProcess } from '../helpers/appProcess.js';
import { describeViolations, launchBrowser, screenshotBothSizes, seriousAxeViolations, VIEWPORTS } from '../helpers/browser.js';
import { createBoardByApi, setUpOfficerByApi } from './e2eScenario.js';
import { checkPage } from './pageChecks.js';
import { watchPageProblems } from './pageProblems.js';

let browser: Browser;
let app: AppProcess;

beforeAll(async () => {
  [browser, app] = await Promise.all([launchBrowser(), startAppProcess({ env: { SEED_DEMO: 'false' } })]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.remove();
});

describe('[#15.phones] a page loaded on demand', () => {
  it('[#15.phones] shows a plain loading message while its code arrives, then the page; both pass axe at both sizes', async () => {
    const context = await browser.newContext({ viewport: { ...VIEWPORTS.desktop }, locale: 'en-GB' });
    const page = await context.newPage();
    const problems = watchPageProblems(page);
    let releaseCode!: () => void;
    const codeHeld = new Promise<void>((resolve) => (releaseCode = resolve));
    const requested: string[] = [];
    await page.route(/\/assets\/SignInPage-[^/]+\.js$/, async (route) => {
      requested.push(route.request().url());
      await codeHeld;
      await route.continue();
    });

    await page.goto(`${app.url}/sign-in`);
    const loading = page.getByRole('status').filter({ hasText: 'Loading…' });
    await loading.waitFor();
    expect(requested).toHaveLength(1);
    await screenshotBothSizes(page, 'page-on-demand-loading');
    for (const viewport of [VIEWPORTS.desktop, VIEWPORTS.phone]) {
      await page.setViewportSize({ ...viewport });
      const violations = await seriousAxeViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
    }
    await page.setViewportSize({ ...VIEWPORTS.desktop });

    releaseCode();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expect.poll(() => loading.count()).toBe(0);
    await checkPage(page, 'page-on-demand-loaded', problems);
    await context.close();
  }, 60_000);

  it('[#15.phones] a join link shows its form before fetching the wall\'s code, which then arrives while the person types', async () => {
    const officer = await setUpOfficerByApi(app);
    const { participantLink } = await createBoardByApi(officer);
    const context = await browser.newContext({ viewport: { ...VIEWPORTS.phone }, locale: 'en-GB' });
    const page = await context.newPage();
    // Hold the join link's own answer: nothing bulky may be fetched while the form waits for it.
    let releaseInfo!: () => void;
    const infoHeld = new Promise<void>((resolve) => (releaseInfo = resolve));
    await page.route(/\/api\/join\/[^/]+$/, async (route) => {
      if (route.request().method() === 'GET') await infoHeld;
      await route.continue();
    });
    const wallCode: string[] = [];
    page.on('request', (request) => {
      if (/\/assets\/BoardPage-[^/]+\.js$/.test(request.url())) wallCode.push(request.url());
    });
    await page.goto(participantLink.url);
    await page.getByRole('status').filter({ hasText: 'Loading…' }).waitFor();
    await page.waitForLoadState('load');
    expect(wallCode).toEqual([]);
    releaseInfo();
    await page.getByLabel('Full name').waitFor();
    await expect.poll(() => wallCode.length).toBe(1);
    await context.close();
  }, 60_000);
});

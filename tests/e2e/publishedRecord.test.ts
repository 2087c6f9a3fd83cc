/**
 * Issue 13 in real Chromium against the built app: an officer sets the board's pipeline details, closes and
 * publishes the board with the keyboard; then, as a stranger with no session, the public record page, the
 * pipeline, its Atom feed, "How to take part" and "Check a record" — screenshots at 1280×800 and 360×740,
 * axe-core with no violation of ANY impact, the same text with JavaScript off, keyboard use.
 */
import { parseFeed } from '@rowanmanning/feed-parser';
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDraftNote } from '../../shared/schema/draftNotes.js';
import { addProblem } from '../../shared/schema/problems.js';
import { readWallNotes } from '../../shared/schema/wall.js';
import { startAppProcess, type AppProcess } from '../helpers/appProcess.js';
import { axeViolations, describeViolations, hasHorizontalScroll, launchBrowser, SCREENSHOT_DIR, screenshotBothSizes, VIEWPORTS } from '../helpers/browser.js';
import type { BrowserClient } from '../helpers/http.js';
import { connectProvider, waitFor, type LiveProvider } from '../helpers/liveClients.js';
import { focusedElement } from './wallFocus.js';
import { createBoardByApi, joinByApi, openActor, openWall, setUpOfficerByApi, SUPPLIER_A, SYNC_TIMEOUT_MS, watchPageErrors } from './wallSteps.js';

const TEST_TIMEOUT_MS = 180_000;
const SHARED_IDEA = 'Let tenants book the repair visit by text message';
const SECRET_IDEA = 'Our price would be £40k (confidential)';

let browser: Browser;
let app: AppProcess;
let officer: BrowserClient;
let boardId: string;
const contexts: BrowserContext[] = [];
const live: LiveProvider[] = [];

beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  [browser, app] = await Promise.all([launchBrowser(), startAppProcess({ env: { SEED_DEMO: 'false' } })]);
  officer = await setUpOfficerByApi(app);
  const created = await createBoardByApi(officer, 'Repairs: booking a visit');
  boardId = created.board.id;
  const supplier = await joinByApi(app.url, created.participantLink, SUPPLIER_A);
  const personId = (await supplier.get(`/api/boards/${boardId}`)).body.documents.personId as string;
  const brief = await connectProvider(app.url, `${boardId}/brief`, officer);
  const draft = await connectProvider(app.url, `${boardId}/drafts/${personId}`, supplier);
  const wall = await connectProvider(app.url, `${boardId}/wall`, officer);
  live.push(brief, draft, wall);
  const problemId = addProblem(brief.doc, { title: 'Residents wait weeks for a repair visit', body: 'Most visits need a second trip.' });
  addDraftNote(draft.doc, { text: SHARED_IDEA, colour: 'yellow', targetId: problemId });
  addDraftNote(draft.doc, { text: SECRET_IDEA, colour: 'blue', targetId: problemId, visibility: 'confidential' });
  await waitFor(() => readWallNotes(wall.doc).size === 1, { timeoutMs: 15_000, what: 'the shared idea on the wall' });
}, 120_000);

afterAll(async () => {
  for (const provider of live.splice(0)) provider.destroy();
  await Promise.all(contexts.map((context) => context.close()));
  await browser?.close();
  await app?.remove();
});

/** Screenshots at both sizes, axe at both sizes (ANY impact), no sideways scroll at 360 px. */
async function checkPublicPage(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ ...VIEWPORTS.desktop });
  await screenshotBothSizes(page, name);
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    const violations = await axeViolations(page);
    expect.soft(violations, `${name} at ${size}, axe:\n${describeViolations(violations)}`).toEqual([]);
  }
  expect.soft(await hasHorizontalScroll(page), `${name}: the page scrolls sideways at 360 px`).toBe(false);
  await page.setViewportSize({ ...VIEWPORTS.desktop });
}

/** The page's visible text in a browser with JavaScript off. */
async function textWithoutJavaScript(path: string): Promise<string> {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { ...VIEWPORTS.desktop } });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${app.url}${path}`);
  return page.locator('body').innerText();
}

async function stranger(): Promise<Page> {
  const actor = await openActor(browser, null);
  contexts.push(actor.context);
  return actor.page;
}

describe('[#13.published] publishing in the open, in the browser', () => {
  it(
    '[#13.published] the officer lists the board in the pipeline and publishes it by keyboard; the public pages read well, pass axe and read the same without JavaScript',
    async () => {
      // 1. Pipeline details on the board's settings page, typed from the keyboard.
      const { page: officerPage, context } = await openActor(browser, officer);
      contexts.push(context);
      const errors = watchPageErrors(officerPage);
      await officerPage.goto(`${app.url}/boards/${boardId}/settings`);
      await officerPage.getByRole('group', { name: 'Open pipeline' }).waitFor();
      await officerPage.getByLabel('Yes, list it in the public pipeline').focus();
      await officerPage.keyboard.press('Space');
      await officerPage.getByLabel('Service area').fill('Housing repairs');
      await officerPage.getByLabel('Alpha').check();
      await officerPage.getByLabel('First day of the engagement').fill('2027-01-11');
      await officerPage.getByLabel('Last day of the engagement').fill('2027-01-29');
      await officerPage.getByLabel('How to take part').fill('Ask the repairs team for the event code. Online event on 11 January, 10:00 to 12:00.');
      await officerPage.getByRole('group', { name: 'Open pipeline' }).screenshot({ path: `${SCREENSHOT_DIR}/settings-pipeline-fields-desktop.png` });
      await officerPage.getByRole('button', { name: 'Save changes' }).focus();
      await officerPage.keyboard.press('Enter');
      await officerPage.getByText('Your changes have been saved.').waitFor();
      await officerPage.setViewportSize({ ...VIEWPORTS.phone });
      await officerPage.getByRole('group', { name: 'Open pipeline' }).screenshot({ path: `${SCREENSHOT_DIR}/settings-pipeline-fields-phone.png` });
      const settingsViolations = (await axeViolations(officerPage)).filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
      expect.soft(settingsViolations, describeViolations(settingsViolations)).toEqual([]);
      await officerPage.setViewportSize({ ...VIEWPORTS.desktop });

      // 2. Vote, close and publish with the phase control, from the keyboard.
      await openWall(officerPage, app.url, boardId);
      for (const [label, next] of [
        ['Start voting', 'Voting'],
        ['Close the board', 'Closed'],
        ['Publish the record', 'Published'],
      ] as const) {
        const button = officerPage.getByTestId('phase-next');
        await expect.poll(() => button.textContent()).toBe(label);
        await button.focus();
        expect((await focusedElement(officerPage))?.name).toBe(label);
        await officerPage.keyboard.press('Enter');
        await expect.poll(() => officerPage.getByTestId('phase-tag').textContent(), { timeout: SYNC_TIMEOUT_MS }).toBe(next);
      }
      expect(errors.list()).toEqual([]);

      // 3. The public record, as a stranger.
      const page = await stranger();
      await expect.poll(async () => (await page.goto(`${app.url}/record/${boardId}`))?.status(), { timeout: SYNC_TIMEOUT_MS }).toBe(200);
      await page.getByRole('heading', { level: 1, name: 'Repairs: booking a visit' }).waitFor();
      const recordText = await page.locator('body').innerText();
      expect(recordText).toContain(SHARED_IDEA);
      expect(recordText).not.toContain(SECRET_IDEA);
      expect(recordText).not.toContain(SUPPLIER_A.name);
      expect(recordText).not.toContain(SUPPLIER_A.organisation);
      expect(recordText).toContain('Open Government Licence v3.0');
      expect(recordText).toMatch(/[0-9a-f]{64}/);
      expect(recordText).not.toContain('Hidden notes');
      expect(recordText).not.toMatch(/from \d+ organisations?/);
      // The stylesheets applied (our file, and the report's own by hash): not an unstyled page.
      expect(await page.locator('h1').evaluate((heading) => getComputedStyle(heading).fontWeight)).toBe('700');
      expect(await page.locator('.site-header').evaluate((header) => getComputedStyle(header).backgroundColor)).toBe('rgb(11, 12, 12)');
      await checkPublicPage(page, 'public-record');
      expect(await textWithoutJavaScript(`/record/${boardId}`)).toBe(recordText);

      // 4. The pipeline, reached from the header by keyboard; the record from it by keyboard.
      await page.getByRole('link', { name: 'Engagement pipeline' }).focus();
      await Promise.all([page.waitForURL(`${app.url}/pipeline`), page.keyboard.press('Enter')]);
      await page.getByRole('heading', { level: 1, name: 'Early market engagement pipeline' }).waitFor();
      const pipelineText = await page.locator('body').innerText();
      for (const text of ['Repairs: booking a visit', 'Housing repairs', 'Alpha', '11 January 2027 to 29 January 2027', 'Past (1)']) expect(pipelineText).toContain(text);
      await checkPublicPage(page, 'public-pipeline');
      expect(await textWithoutJavaScript('/pipeline')).toBe(pipelineText);
      const recordLink = page.getByRole('link', { name: 'Read the published record of Repairs: booking a visit' });
      await recordLink.focus();
      await Promise.all([page.waitForURL(`${app.url}/record/${boardId}`), page.keyboard.press('Enter')]);

      // 5. The feed, as a feed reader reads it.
      const feed = parseFeed(await (await fetch(`${app.url}/pipeline.atom`)).text());
      expect(feed.items.map((item) => [item.title, item.url])).toEqual([['Repairs: booking a visit', `${app.url}/record/${boardId}`]]);

      // 6. How to take part, and Check a record with the officer's log pasted and checked.
      await page.goto(`${app.url}/take-part`);
      await page.getByRole('heading', { level: 1, name: 'How to take part in an engagement' }).waitFor();
      const takePartText = await page.locator('body').innerText();
      expect(takePartText).toContain('event code');
      await checkPublicPage(page, 'public-take-part');
      expect(await textWithoutJavaScript('/take-part')).toBe(takePartText);

      const log = (await officer.get(`/api/boards/${boardId}/record-log`)).text;
      await page.goto(`${app.url}/check-record`);
      await checkPublicPage(page, 'public-check-record');
      expect(await textWithoutJavaScript('/check-record')).toBe(await page.locator('body').innerText());
      await page.getByLabel('Record log file').setInputFiles({ name: 'record-log.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(log) });
      await page.getByRole('button', { name: 'Check the record' }).focus();
      await Promise.all([page.waitForURL(`${app.url}/check-record`), page.keyboard.press('Enter')]);
      await page.getByRole('heading', { level: 2, name: 'The record log checks out' }).waitFor();
      await checkPublicPage(page, 'public-check-record-ok');
      const broken = log.replace(SHARED_IDEA, 'Something else');
      await page.getByLabel('Or paste the record log').fill(broken);
      await page.getByRole('button', { name: 'Check the record' }).click();
      await page.getByRole('heading', { level: 2, name: 'The record log does not match' }).waitFor();
      expect(await page.getByRole('status').innerText()).toMatch(/entry \d+ \(line \d+\)/);
      await checkPublicPage(page, 'public-check-record-mismatch');

      // 7. The home page links to the public pages (plain links in the footer).
      await page.goto(`${app.url}/`);
      const footer = page.getByRole('navigation', { name: 'Public pages' }).last();
      expect(await footer.getByRole('link').allInnerTexts()).toEqual(['Engagement pipeline', 'How to take part', 'Check a record']);
      await screenshotBothSizes(page, 'home-footer-public-links');
    },
    TEST_TIMEOUT_MS,
  );
});

/**
 * Issue 12, export, in the browser: the "Export" section of an officer's board settings (screenshots at
 * 1280×800 and 360×740, axe, keyboard), a download started from the keyboard, and the HTML report itself
 * opened in Chromium (screenshots, axe, its own CSP: nothing runs).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { BoardView } from '../../shared/protocol/api.js';
import { addDraftNote } from '../../shared/schema/draftNotes.js';
import { addProblem } from '../../shared/schema/problems.js';
import { readWallNotes } from '../../shared/schema/wall.js';
import { startAppProcess, type AppProcess } from '../helpers/appProcess.js';
import { describeViolations, launchBrowser, SCREENSHOT_DIR, seriousAxeViolations, VIEWPORTS } from '../helpers/browser.js';
import type { BrowserClient } from '../helpers/http.js';
import { connectProvider, waitFor, type LiveProvider } from '../helpers/liveClients.js';
import { createBoardByApi, joinByApi, setUpOfficerByApi, SUPPLIER } from './e2eScenario.js';
import { checkPage } from './pageChecks.js';
import { PageSession } from './pageSession.js';

const TEST_TIMEOUT_MS = 60_000;
const ACTION_TIMEOUT_MS = 10_000;
const NOTE_TEXTS = ['Book visits by text message, with a two-hour slot', '<img src=x onerror=alert(1)> is just text here'];

let browser: Browser;
let app: AppProcess;
let officer: BrowserClient;
let board: BoardView;
const live: LiveProvider[] = [];
const session = new PageSession(ACTION_TIMEOUT_MS);

beforeAll(async () => {
  [browser, app] = await Promise.all([launchBrowser(), startAppProcess({ env: { SEED_DEMO: 'false' } })]);
  officer = await setUpOfficerByApi(app);
  const created = await createBoardByApi(officer);
  board = created.board;
  const supplier = await joinByApi(app.url, created.participantLink, SUPPLIER);
  const personId = (await supplier.get(`/api/boards/${board.id}`)).body.documents.personId as string;
  const brief = await connectProvider(app.url, `${board.id}/brief`, officer);
  const draft = await connectProvider(app.url, `${board.id}/drafts/${personId}`, supplier);
  const wall = await connectProvider(app.url, `${board.id}/wall`, officer);
  live.push(brief, draft, wall);
  const problemId = addProblem(brief.doc, { title: 'Residents wait weeks for a repair visit', body: 'Most visits need a second trip.' });
  for (const text of NOTE_TEXTS) addDraftNote(draft.doc, { text, colour: 'yellow', targetId: problemId });
  await waitFor(() => readWallNotes(wall.doc).size === NOTE_TEXTS.length, { timeoutMs: 15_000, what: 'the notes on the wall' });
}, 120_000);

afterAll(async () => {
  for (const provider of live.splice(0)) provider.destroy();
  await browser?.close();
  await app?.remove();
});

afterEach(async () => {
  await session.close();
});

describe('[#12.export] exports for officers in the browser', () => {
  it(
    '[#12.export] board settings has an Export section with the four downloads explained, usable by keyboard',
    async () => {
      const page = await session.open(browser, officer);
      await page.goto(`${app.url}/boards/${board.id}/settings/export`);
      const section = page.locator('section[aria-labelledby="export-heading"]');
      await section.getByRole('heading', { level: 2, name: 'Export' }).waitFor();
      const links = section.getByRole('link');
      expect(await links.count()).toBe(4);
      const hrefs = await links.evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href')));
      expect(hrefs.sort()).toEqual(['csv', 'html', 'json', 'md'].map((format) => `/api/boards/${board.id}/export/${format}`));
      // Each link is described by its plain-English explanation.
      const csvLink = section.getByRole('link', { name: 'Spreadsheet (CSV)' });
      expect(await csvLink.getAttribute('aria-describedby')).toBe('export-hint-csv');
      expect(await section.innerText()).toContain('never include email addresses');

      // Keyboard only: focus the link and press Enter; the browser downloads the file.
      await csvLink.focus();
      const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      expect(download.suggestedFilename()).toMatch(/^helping-carers-find-support-faster-\d{4}-\d\d-\d\d\.csv$/);
      const file = await download.path();
      expect(file).toBeTruthy();

      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      for (const [size, viewport] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(viewport);
        await section.screenshot({ path: path.join(SCREENSHOT_DIR, `settings-export-section-${size}.png`) });
      }
      await checkPage(page, 'settings-export', session.problems);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    '[#12.export] the HTML report reads well at both sizes, passes axe and runs nothing from the board',
    async () => {
      const response = await officer.get(`/api/boards/${board.id}/export/html`);
      expect(response.status).toBe(200);
      const page = await session.open(browser, null);
      let dialogs = 0;
      page.on('dialog', (dialog) => {
        dialogs += 1;
        void dialog.dismiss();
      });
      await page.setContent(response.text, { waitUntil: 'load' });
      await page.getByRole('heading', { level: 1 }).waitFor();
      for (const text of NOTE_TEXTS) expect(await page.getByText(text, { exact: true }).count()).toBe(1);
      expect(await page.locator('img').count()).toBe(0);
      expect(dialogs).toBe(0);
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      for (const [size, viewport] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(viewport);
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, `export-html-report-${size}.png`), fullPage: true });
        const violations = await seriousAxeViolations(page);
        expect(violations, describeViolations(violations)).toEqual([]);
      }
      // The page's stylesheet applied (allowed by its hash), so the report is not unstyled.
      expect(await page.locator('h1').evaluate((heading) => getComputedStyle(heading).fontSize)).toBe('36px');
    },
    TEST_TIMEOUT_MS,
  );
});

/**
 * Workshop phases in real Chromium against the built app (issue 12): the officer moves the board back to
 * draft and schedules its opening with the keyboard; a supplier sees "This board is not open yet" with
 * the opening time, then the wall appears by itself when the officer opens it; when voting starts the
 * supplier is told at once. Screenshots at 1280×800 and 360×740 and axe-core on each screen.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startAppProcess, type AppProcess } from '../helpers/appProcess.js';
import { SCREENSHOT_DIR, describeViolations, launchBrowser, screenshotBothSizes, seriousAxeViolations, VIEWPORTS, hasHorizontalScroll } from '../helpers/browser.js';
import { focusedElement } from './wallFocus.js';
import {
  SUPPLIER_A,
  SYNC_TIMEOUT_MS,
  checkWallView,
  createBoardByApi,
  joinByApi,
  openActor,
  openWall,
  setUpOfficerByApi,
  waitForWallOnline,
  watchPageErrors,
} from './wallSteps.js';

const TEST_TIMEOUT_MS = 120_000;

let browser: Browser;
let app: AppProcess;
let contexts: BrowserContext[] = [];

beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  [browser, app] = await Promise.all([launchBrowser(), startAppProcess({ env: { SEED_DEMO: 'false' } })]);
});

afterAll(async () => {
  await browser?.close();
  await app?.remove();
});

afterEach(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  contexts = [];
});

describe('[#12.phases] phases in the browser', () => {
  it(
    '[#12.phases] not open yet, then the wall once the officer opens it; the phase control works by keyboard',
    async () => {
      const officerClient = await setUpOfficerByApi(app);
      const { board, participantLink } = await createBoardByApi(officerClient, 'Supplier day: repairs');
      const supplierClient = await joinByApi(app.url, participantLink, SUPPLIER_A);

      const officer = await openActor(browser, officerClient);
      const supplier = await openActor(browser, supplierClient);
      contexts.push(officer.context, supplier.context);
      const officerErrors = watchPageErrors(officer.page);
      const supplierErrors = watchPageErrors(supplier.page);
      await openWall(officer.page, app.url, board.id);
      await expect.poll(() => officer.page.getByTestId('phase-tag').textContent()).toBe('Open for ideas');

      // Back to draft, by keyboard: focus the select, type to choose, Tab to the button, Enter.
      const select = officer.page.getByLabel('Move the board to');
      await select.focus();
      await officer.page.keyboard.type('Not');
      expect(await select.inputValue()).toBe('draft');
      await officer.page.keyboard.press('Tab');
      expect((await focusedElement(officer.page))?.name).toBe('Change phase');
      expect((await focusedElement(officer.page))?.hasVisibleIndicator).toBe(true);
      await officer.page.keyboard.press('Enter');
      await expect.poll(() => officer.page.getByTestId('phase-tag').textContent(), { timeout: SYNC_TIMEOUT_MS }).toBe('Not open yet');
      await officer.page.getByTestId('phase-change-notice').waitFor();

      // Schedule the opening for tomorrow at 9:30am (local time), through the keyboard-reachable disclosure.
      await officer.page.getByText('Schedule opening and closing').focus();
      await officer.page.keyboard.press('Enter');
      const tomorrow = new Date(Date.now() + 24 * 3_600_000);
      const pad = (n: number) => String(n).padStart(2, '0');
      const day = `${tomorrow.getFullYear()}-${pad(tomorrow.getMonth() + 1)}-${pad(tomorrow.getDate())}`;
      // A closing time without an opening date first: the error summary points at the field.
      await officer.page.locator('#schedule-closes-time').fill('17:00');
      await officer.page.getByRole('button', { name: 'Save schedule' }).click();
      await officer.page.locator('.error-summary').waitFor();
      expect(await officer.page.locator('.error-summary').textContent()).toContain('Enter both a date and a time for the closing, or neither');
      await checkWallView(officer.page, 'phases-officer-schedule-error');
      await officer.page.locator('#schedule-closes-time').fill('');
      await officer.page.locator('#schedule-opens-date').fill(day);
      await officer.page.locator('#schedule-opens-time').fill('09:30');
      await officer.page.getByRole('button', { name: 'Save schedule' }).click();
      await expect.poll(() => officer.page.getByTestId('schedule-now').textContent(), { timeout: SYNC_TIMEOUT_MS }).toContain('Opens automatically on');
      expect(await officer.page.locator('.error-summary').count()).toBe(0);
      await checkWallView(officer.page, 'phases-officer-draft');

      // The supplier arrives early: a clear page with the opening time, and no wall.
      await supplier.page.goto(`${app.url}/boards/${encodeURIComponent(board.id)}`);
      await supplier.page.getByTestId('not-open-yet').waitFor();
      expect(await supplier.page.getByTestId('not-open-yet-time').textContent()).toMatch(/opens on .*9:30am/);
      expect(await supplier.page.getByTestId('wall').count()).toBe(0);
      await screenshotBothSizes(supplier.page, 'phases-supplier-not-open-yet');
      for (const viewport of Object.values(VIEWPORTS)) {
        await supplier.page.setViewportSize(viewport);
        const violations = await seriousAxeViolations(supplier.page);
        expect.soft(violations, describeViolations(violations)).toEqual([]);
        expect.soft(await hasHorizontalScroll(supplier.page)).toBe(false);
      }
      await supplier.page.setViewportSize(VIEWPORTS.desktop);

      // The officer opens it now with the next-step button (keyboard), and the supplier's page moves on by itself.
      await officer.page.getByTestId('phase-next').focus();
      expect(await officer.page.getByTestId('phase-next').textContent()).toBe('Open the board for ideas');
      await officer.page.keyboard.press('Enter');
      await waitForWallOnline(supplier.page);
      await expect.poll(() => supplier.page.getByTestId('phase-tag').textContent()).toBe('Open for ideas');
      expect(await supplier.page.getByTestId('not-open-yet').count()).toBe(0);

      // Voting: the supplier is told at once, in a banner and a polite live region.
      await officer.page.getByTestId('phase-next').press('Enter');
      await supplier.page.getByTestId('phase-change-notice').waitFor({ timeout: SYNC_TIMEOUT_MS });
      expect(await supplier.page.getByTestId('phase-change-notice').textContent()).toContain('Voting has started: you have 5 votes.');
      await expect.poll(() => supplier.page.getByTestId('phase-announcer').textContent()).toContain('Voting has started');
      expect(await supplier.page.getByTestId('phase-tag').textContent()).toBe('Voting');
      await checkWallView(supplier.page, 'phases-supplier-voting');
      await checkWallView(officer.page, 'phases-officer-voting');

      expect(officerErrors.list()).toEqual([]);
      expect(supplierErrors.list().filter((error) => !/4425|not open yet/i.test(error))).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});

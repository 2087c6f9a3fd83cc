/**
 * The foundation's main journey in a real Chromium against the built app: first-run set-up, a board,
 * its invitation link and event code, a supplier and an observer joining, revoking, signing out.
 * Each test has its own app process (fresh data directory) so no test depends on another.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { startAppProcess, type AppProcess } from '../helpers/appProcess.js';
import { launchBrowser } from '../helpers/browser.js';
import {
  BOARD,
  OBSERVER,
  OFFICER,
  SUPPLIER,
  createBoardByApi,
  joinInBrowser,
  newContextAs,
  setUpOfficerByApi,
  setUpOfficerInBrowser,
  createBoardInBrowser,
  signInInBrowser,
} from './e2eScenario.js';
import { watchPageProblems, type PageProblems } from './pageProblems.js';

const TEST_TIMEOUT_MS = 60_000;
/** Auto-waits give up well inside the test's own timeout, so a failure names the step. */
const ACTION_TIMEOUT_MS = 10_000;

let browser: Browser;
let app: AppProcess;
let contexts: BrowserContext[] = [];
let watchers: PageProblems[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  app = await startAppProcess({ env: { SEED_DEMO: 'false' } });
});

afterEach(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  contexts = [];
  watchers = [];
  await app?.remove();
});

/** A new page in a new context (signed in as `client` when given), with its console watched. */
async function openPage(client: Parameters<typeof newContextAs>[1] = null) {
  const context = await newContextAs(browser, client);
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(ACTION_TIMEOUT_MS);
  const problems = watchPageProblems(page);
  watchers.push(problems);
  return page;
}

function expectNoPageProblems(): void {
  expect(watchers.flatMap((watcher) => watcher.list())).toEqual([]);
}

describe('foundation journey', () => {
  it(
    'an officer sets up, creates a board, and a supplier joins it through the invitation link',
    async () => {
      const setupUrl = app.setupUrl();
      expect(setupUrl, 'the app prints a one-time set-up link on first run').not.toBeNull();

      const officerPage = await openPage();
      await setUpOfficerInBrowser(officerPage, setupUrl ?? '');
      await officerPage.getByRole('heading', { level: 1, name: 'Your boards' }).waitFor();
      expect(await officerPage.getByText('You have no open boards').isVisible()).toBe(true);
      expect(await officerPage.locator('.header__person').innerText()).toContain(OFFICER.name);

      const boardId = await createBoardInBrowser(officerPage, BOARD);
      // Issue 14: a new board opens on its wall; its invitation links are one settings page away.
      await officerPage.locator('[data-testid=board-title]').waitFor();
      await officerPage.goto(`${app.url}/boards/${boardId}/settings/links`);
      await officerPage.getByRole('heading', { level: 1, name: 'Invitation links and QR codes' }).waitFor();
      const inviteUrlField = officerPage.locator('[data-testid=invite-url]');
      await inviteUrlField.waitFor();
      const inviteUrl = await inviteUrlField.inputValue();
      expect(inviteUrl.startsWith(`${app.url}/join/`), inviteUrl).toBe(true);
      const eventCode = (await officerPage.locator('[data-testid=event-code]').first().innerText()).trim();
      expect(eventCode).toMatch(/^[A-Z0-9]{3}-[A-Z0-9]{4}$/);

      const supplierPage = await openPage();
      await supplierPage.goto(inviteUrl);
      await supplierPage.getByRole('heading', { level: 1, name: BOARD.title }).waitFor();
      expect(await supplierPage.locator('#notice').innerText()).toContain(BOARD.notice);
      await joinInBrowser(supplierPage, SUPPLIER);
      expect(new URL(supplierPage.url()).pathname).toBe(`/boards/${boardId}`);
      await supplierPage.locator('[data-testid=board-title]').waitFor();
      expect(await supplierPage.locator('[data-testid=board-title]').innerText()).toBe(BOARD.title);
      expect(await supplierPage.locator('[data-testid=viewer-identity]').innerText()).toBe(
        `You are ${SUPPLIER.name}, ${SUPPLIER.organisation} (participant)`,
      );

      await officerPage.goto(`${app.url}/boards/${boardId}`);
      await officerPage.locator('[data-testid=board-title]').waitFor();
      expect(await officerPage.locator('[data-testid=board-title]').innerText()).toBe(BOARD.title);
      expect(await officerPage.locator('[data-testid=viewer-identity]').innerText()).toBe(
        `You are ${OFFICER.name} (council officer)`,
      );
      expect(await officerPage.getByRole('link', { name: 'Board settings and invitations' }).isVisible()).toBe(true);

      await officerPage.goto(`${app.url}/boards`);
      await officerPage.getByRole('link', { name: BOARD.title }).waitFor();
      expectNoPageProblems();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'the set-up link works once: opening it again says it has been used',
    async () => {
      const setupUrl = app.setupUrl() ?? '';
      await setUpOfficerByApi(app);
      const page = await openPage();
      await page.goto(setupUrl);
      await page.getByRole('heading', { level: 1, name: 'This set-up link has already been used' }).waitFor();
      expect(await page.locator('#name').count()).toBe(0);
      expectNoPageProblems();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'a supplier who types the event code in lower case without the dash reaches the join page',
    async () => {
      const officer = await setUpOfficerByApi(app);
      const { board } = await createBoardByApi(officer);
      const officerPage = await openPage(officer);
      await officerPage.goto(`${app.url}/boards/${board.id}/settings/links`);
      const code = (await officerPage.locator('[data-testid=event-code]').first().innerText()).trim();
      expect(code).toContain('-');

      const supplierPage = await openPage();
      await supplierPage.goto(app.url);
      await supplierPage.getByLabel('Event code').fill(code.replace('-', '').toLowerCase());
      await supplierPage.getByRole('button', { name: 'Continue' }).click();
      await supplierPage.waitForURL(/\/join\/[A-Za-z0-9_-]+$/);
      await supplierPage.getByRole('heading', { level: 1, name: BOARD.title }).waitFor();
      expect(await supplierPage.getByRole('button', { name: 'Join the board' }).isVisible()).toBe(true);
      expectNoPageProblems();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'a wrong event code gets a clear error next to the field, not a crash',
    async () => {
      const page = await openPage();
      await page.goto(app.url);
      await page.getByLabel('Event code').fill('ZZZ-9999');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.locator('.error-summary').waitFor();
      expect(await page.locator('.error-summary').innerText()).toContain('No event uses that code');
      expect(await page.locator('#code-error').innerText()).toContain('No event uses that code');
      expect(new URL(page.url()).pathname).toBe('/');
      expect(await page.title()).toMatch(/^Error: /);
      expectNoPageProblems();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'revoking the link in settings withdraws it: the join page then says so',
    async () => {
      const officer = await setUpOfficerByApi(app);
      const { board } = await createBoardByApi(officer);
      const officerPage = await openPage(officer);
      await officerPage.goto(`${app.url}/boards/${board.id}/settings/links`);
      const inviteUrl = await officerPage.locator('[data-testid=invite-url]').inputValue();
      const code = (await officerPage.locator('[data-testid=event-code]').first().innerText()).trim();

      const supplierPage = await openPage();
      await supplierPage.goto(inviteUrl);
      await supplierPage.getByRole('heading', { level: 1, name: BOARD.title }).waitFor();

      await officerPage.getByRole('button', { name: 'Revoke' }).click();
      await officerPage.getByRole('button', { name: 'Yes, revoke this link' }).click();
      await officerPage.locator('.invite-link--inactive').getByText('Revoked', { exact: true }).waitFor();
      expect(await officerPage.locator('[data-testid=invite-url]').count()).toBe(0);

      await supplierPage.reload();
      await supplierPage.getByRole('heading', { level: 1, name: 'This invitation link has been withdrawn' }).waitFor();
      expect(await supplierPage.getByRole('button', { name: 'Join the board' }).count()).toBe(0);

      // The event code belonged to the link, so it stops working too.
      await supplierPage.goto(app.url);
      await supplierPage.getByLabel('Event code').fill(code);
      await supplierPage.getByRole('button', { name: 'Continue' }).click();
      await supplierPage.locator('.error-summary').waitFor();
      expect(await supplierPage.locator('.error-summary').innerText()).toContain('This invitation link has been withdrawn');
      expect(new URL(supplierPage.url()).pathname).toBe('/');
      expect(await supplierPage.getByRole('button', { name: 'Join the board' }).count()).toBe(0);
      expectNoPageProblems();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'an observer link joins as an observer, and the board frame says so',
    async () => {
      const officer = await setUpOfficerByApi(app);
      const { board } = await createBoardByApi(officer);
      const officerPage = await openPage(officer);
      await officerPage.goto(`${app.url}/boards/${board.id}/settings/links`);
      await officerPage.getByRole('button', { name: 'Create observer link' }).click();
      const observerUrlField = officerPage.getByLabel('Invitation link for observers');
      await observerUrlField.waitFor();
      const observerUrl = await observerUrlField.inputValue();
      expect(observerUrl).not.toBe(await officerPage.getByLabel('Invitation link for participants').inputValue());

      const observerPage = await openPage();
      await observerPage.goto(observerUrl);
      await observerPage.getByText('You are joining as an observer: you will see the wall live, but cannot add notes, votes, reactions or comments.').waitFor();
      expect(await observerPage.locator('legend').filter({ hasText: 'Before you watch' }).count()).toBe(1);
      await joinInBrowser(observerPage, OBSERVER);
      await observerPage.locator('[data-testid=viewer-identity]').waitFor();
      expect(await observerPage.locator('[data-testid=board-title]').innerText()).toBe(BOARD.title);
      expect(await observerPage.locator('[data-testid=viewer-identity]').innerText()).toBe(
        `You are ${OBSERVER.name}, ${OBSERVER.organisation} (observer)`,
      );
      await observerPage.locator('[data-testid=observer-notice]').waitFor();
      expect(await observerPage.locator('[data-testid=observer-notice]').innerText()).toMatch(/cannot add notes, votes, reactions or comments/);
      expect(await observerPage.getByRole('link', { name: 'Board settings and invitations' }).count()).toBe(0);
      expectNoPageProblems();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'signing out ends the officer session: the header no longer names them and officer pages ask to sign in',
    async () => {
      await setUpOfficerByApi(app);
      const page = await openPage();
      await signInInBrowser(page, app.url);
      expect(await page.locator('.header__person').innerText()).toContain(OFFICER.name);

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL((url) => url.pathname === '/');
      await page.getByRole('link', { name: 'Council officers: sign in' }).waitFor();
      expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);

      await page.goto(`${app.url}/boards`);
      await page.waitForURL((url) => url.pathname === '/sign-in');
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      expectNoPageProblems();
    },
    TEST_TIMEOUT_MS,
  );
});

/**
 * Keyboard only: Tab, Shift+Tab, Enter and Space, no clicks. Every element focused on the way must show
 * where focus is (WCAG 2.4.7), the skip link comes first, and a failed form hands focus to its errors.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startAppProcess, type AppProcess } from '../helpers/appProcess.js';
import { launchBrowser } from '../helpers/browser.js';
import type { BrowserClient } from '../helpers/http.js';
import { BOARD, OFFICER, SUPPLIER, createBoardByApi, setUpOfficerByApi } from './e2eScenario.js';
import { focusedElement, tabUntil, withoutVisibleFocus, type FocusedElement } from './keyboardFocus.js';
import { PageSession } from './pageSession.js';

const TEST_TIMEOUT_MS = 60_000;
const ACTION_TIMEOUT_MS = 10_000;

let browser: Browser;
let app: AppProcess;
let officer: BrowserClient;
const session = new PageSession(ACTION_TIMEOUT_MS);

beforeAll(async () => {
  [browser, app] = await Promise.all([launchBrowser(), startAppProcess({ env: { SEED_DEMO: 'false' } })]);
  officer = await setUpOfficerByApi(app);
});

afterAll(async () => {
  await browser?.close();
  await app?.remove();
});

afterEach(async () => {
  await session.close();
});

function openPage(client: BrowserClient | null = null): Promise<Page> {
  return session.open(browser, client);
}

describe('keyboard only', () => {
  it(
    'the first Tab on a page focuses a visible "Skip to main content" link, and Enter moves focus to the main content',
    async () => {
      const page = await openPage(officer);
      for (const path of ['/', '/sign-in', '/boards', '/boards/new']) {
        await page.goto(`${app.url}${path}`);
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.keyboard.press('Tab');
        const first = await focusedElement(page);
        expect(first?.text, `first Tab on ${path}`).toBe('Skip to main content');
        expect(first?.hasVisibleIndicator, `${path}: ${first?.indicator}`).toBe(true);
        const box = await page.getByRole('link', { name: 'Skip to main content' }).boundingBox();
        expect(box, `${path}: the focused skip link is on screen`).not.toBeNull();
        expect(box && box.y >= 0 && box.height > 10 && box.width > 10, `${path}: skip link box ${JSON.stringify(box)}`).toBe(true);

        await page.keyboard.press('Enter');
        expect((await focusedElement(page))?.id, `Enter on the skip link on ${path}`).toBe('main-content');
        expect(new URL(page.url()).pathname).toBe(path);
      }
      expect(session.problems.list()).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'an officer signs in, reaches "Create a board", and creates one with the keyboard alone',
    async () => {
      const page = await openPage();
      await page.goto(`${app.url}/sign-in`);
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      const visited: FocusedElement[] = [];

      const toEmail = await tabUntil(page, (focused) => focused.id === 'email');
      visited.push(...toEmail.visited);
      await page.keyboard.type(OFFICER.email);
      await page.keyboard.press('Tab');
      expect((await focusedElement(page))?.id).toBe('password');
      await page.keyboard.type(OFFICER.password);
      const toSignIn = await tabUntil(page, (focused) => focused.tag === 'button' && focused.text === 'Sign in', { maxTabs: 3 });
      visited.push(...toSignIn.visited);
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname === '/boards');
      await page.getByRole('heading', { level: 1, name: 'Your boards' }).waitFor();

      const toCreate = await tabUntil(page, (focused) => focused.tag === 'a' && focused.text === 'Create a board');
      visited.push(...toCreate.visited);
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname === '/boards/new');
      await page.getByRole('heading', { level: 1, name: 'Create a board' }).waitFor();

      const toTitle = await tabUntil(page, (focused) => focused.id === 'title', { maxTabs: 5 });
      visited.push(...toTitle.visited);
      await page.keyboard.type(BOARD.title);
      await page.keyboard.press('Tab');
      expect((await focusedElement(page))?.id).toBe('summary');
      await page.keyboard.type(BOARD.summary);
      await page.keyboard.press('Tab');
      const notice = await focusedElement(page);
      expect(notice?.id).toBe('notice');
      visited.push(...[notice].filter((item) => item !== null));
      expect(await page.locator('#notice').inputValue(), 'the notice starts with a default text').not.toBe('');

      const toSubmit = await tabUntil(page, (focused) => focused.tag === 'button' && focused.text === 'Create board', { maxTabs: 3 });
      visited.push(...toSubmit.visited);
      await page.keyboard.press('Space');
      // Issue 14: the officer lands on the new board's wall, to write its problems.
      await page.waitForURL((url) => /^\/boards\/[^/]+$/.test(url.pathname) && url.pathname !== '/boards/new');
      await page.getByRole('heading', { level: 1, name: BOARD.title }).waitFor();
      await page.getByRole('button', { name: 'Add a problem statement' }).waitFor();

      expect(withoutVisibleFocus(visited), 'elements focused without a visible focus indicator').toEqual([]);
      expect(session.problems.list()).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'an empty sign-in form shows an error summary that takes focus, and its links move focus to the fields',
    async () => {
      const page = await openPage();
      await page.goto(`${app.url}/sign-in`);
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      await tabUntil(page, (focused) => focused.tag === 'button' && focused.text === 'Sign in');
      await page.keyboard.press('Enter');

      await page.locator('.error-summary').waitFor();
      const summary = await focusedElement(page);
      expect(summary?.text, 'focus is on the error summary').toContain('There is a problem');
      expect(summary?.hasVisibleIndicator, summary?.indicator).toBe(true);
      expect(await page.title()).toMatch(/^Error: Sign in/);

      await page.keyboard.press('Tab');
      const emailLink = await focusedElement(page);
      expect(emailLink?.tag).toBe('a');
      expect(emailLink?.text).toBe('Enter an email address');
      expect(emailLink?.hasVisibleIndicator, emailLink?.indicator).toBe(true);
      await page.keyboard.press('Enter');
      expect((await focusedElement(page))?.id, 'the first error link focuses the email field').toBe('email');

      await page.keyboard.press('Shift+Tab');
      const passwordLink = await focusedElement(page);
      expect(passwordLink?.text).toBe('Enter your password');
      await page.keyboard.press('Enter');
      expect((await focusedElement(page))?.id, 'the second error link focuses the password field').toBe('password');
      expect(new URL(page.url()).pathname, 'following an error link is not a page change').toBe('/sign-in');
      expect(session.problems.list()).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
  it(
    'a supplier joins a board with the keyboard alone, ticking the notice with Space',
    async () => {
      const { board, participantLink } = await createBoardByApi(officer, { ...BOARD, title: 'Keyboard joining board' });
      const page = await openPage();
      await page.goto(participantLink.url);
      await page.getByRole('heading', { level: 1, name: board.title }).waitFor();
      const visited: FocusedElement[] = [];

      const toName = await tabUntil(page, (focused) => focused.id === 'name');
      visited.push(...toName.visited);
      await page.keyboard.type(SUPPLIER.name);
      await page.keyboard.press('Tab');
      expect((await focusedElement(page))?.id).toBe('organisation');
      await page.keyboard.type(SUPPLIER.organisation);
      // Email, then one stop for each optional radio group (organisation size, worked with the council before).
      const toNotice = await tabUntil(page, (focused) => focused.id === 'acceptNotice', { maxTabs: 5 });
      visited.push(...toNotice.visited);
      await page.keyboard.press('Space');
      expect(await page.locator('#acceptNotice').isChecked(), 'Space ticks the notice checkbox').toBe(true);
      const toJoin = await tabUntil(page, (focused) => focused.tag === 'button' && focused.text === 'Join the board', { maxTabs: 2 });
      visited.push(...toJoin.visited);
      await page.keyboard.press('Enter');

      await page.waitForURL((url) => url.pathname === `/boards/${board.id}`);
      await page.locator('[data-testid=viewer-identity]').waitFor();
      expect(await page.locator('[data-testid=viewer-identity]').innerText()).toBe(
        `You are ${SUPPLIER.name}, ${SUPPLIER.organisation} (participant)`,
      );
      expect(withoutVisibleFocus(visited), 'elements focused without a visible focus indicator').toEqual([]);
      expect(session.problems.list()).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
  it(
    'the board page has no keyboard trap: Tab goes through the frame and the wall and comes back round to the skip link',
    async () => {
      const { board } = await createBoardByApi(officer, { ...BOARD, title: 'Keyboard trap board' });
      const page = await openPage(officer);
      await page.goto(`${app.url}/boards/${board.id}`);
      await page.locator('[data-testid=viewer-identity]').waitFor();
      await page.keyboard.press('Tab');
      expect((await focusedElement(page))?.text).toBe('Skip to main content');

      const round = await tabUntil(page, (focused) => focused.text === 'Skip to main content', { maxTabs: 200 });
      const names = round.visited.map((item) => item.description);
      expect(names, 'Tab reaches the board settings link in the frame').toContain('a "Board settings and invitations"');
      const frameStops = round.visited.filter((item) => ['Sign out', 'Board settings and invitations'].includes(item.text));
      expect(withoutVisibleFocus(frameStops)).toEqual([]);
      expect(session.problems.list()).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});

/**
 * Issue 14, the officer console, in Chromium: after "Create board" the officer lands on the wall; settings are
 * pages with one job each and a side navigation, at stable addresses; revoking a link is apart from its QR
 * code and asked first (done here by keyboard alone); the dashboard shows each board's event code, phase,
 * people here now and ideas, with one click to the room screen and the QR screen; the wall's presence is one
 * line at scale ("14 people here · 3 typing in <stage>"), with the list for officers only; the stage actions
 * are one compact row. Every view: screenshots at 1920×1080, 1280×800 and 360×740, axe at each size.
 * The people on the wall are real stock y-websocket clients with awareness (typing where the brief allows).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { BoardView, InviteLinkView } from '../../shared/protocol/api.js';
import { addDraftNote } from '../../shared/schema/draftNotes.js';
import { addProblem } from '../../shared/schema/problems.js';
import { addServiceMap, addStage } from '../../shared/schema/serviceMaps.js';
import { startAppProcess, type AppProcess } from '../helpers/appProcess.js';
import { SCREENSHOT_DIR, describeViolations, launchBrowser, seriousAxeViolations } from '../helpers/browser.js';
import type { BrowserClient } from '../helpers/http.js';
import { connectDevice, Disposables, personIdOf, rooms } from '../helpers/liveBoard.js';
import { waitFor } from '../helpers/liveClients.js';
import { BOARD, createBoardByApi, createBoardInBrowser, joinByApi, setUpOfficerByApi } from './e2eScenario.js';
import { focusedElement, tabUntil, withoutVisibleFocus } from './keyboardFocus.js';
import { checkPage } from './pageChecks.js';
import { PageSession } from './pageSession.js';
import { checkWallView } from './wallSteps.js';

const TEST_TIMEOUT_MS = 120_000;
const ACTION_TIMEOUT_MS = 15_000;
const SYNC_TIMEOUT_MS = 30_000;
const PROJECTOR = { width: 1920, height: 1080 };

const SETTINGS_PAGES = [
  { path: '', link: 'Details', heading: 'Details' },
  { path: '/links', link: 'Invitation links and QR codes', heading: 'Invitation links and QR codes' },
  { path: '/people', link: 'People', heading: 'People who joined' },
  { path: '/officers', link: 'Officers', heading: 'Officers of this board' },
  { path: '/export', link: 'Export', heading: 'Export the record' },
  { path: '/archive', link: 'Archive', heading: 'Archive or restore' },
];

let browser: Browser;
let app: AppProcess;
let officer: BrowserClient;
let board: BoardView;
let participantLink: InviteLinkView;
const session = new PageSession(ACTION_TIMEOUT_MS);
const live = new Disposables();

beforeAll(async () => {
  [browser, app] = await Promise.all([launchBrowser(), startAppProcess({ env: { SEED_DEMO: 'false' } })]);
  officer = await setUpOfficerByApi(app);
  ({ board, participantLink } = await createBoardByApi(officer, { ...BOARD, title: 'Respite care for unpaid carers' }));
}, TEST_TIMEOUT_MS);

afterAll(async () => {
  await live.disposeAll();
  await browser?.close();
  await app?.remove();
});

afterEach(async () => {
  await session.close();
});

/** The usual page checks (1280×800 and 360×740), plus the projector size: a screenshot and axe. */
async function checkAllSizes(page: Page, name: string, isWall = false): Promise<void> {
  if (isWall) await checkWallView(page, name);
  else await checkPage(page, name, session.problems);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.setViewportSize(PROJECTOR);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-projector.png`), fullPage: true });
  const violations = await seriousAxeViolations(page);
  expect.soft(violations, `${name} at 1920×1080, axe:\n${describeViolations(violations)}`).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function heading(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
}

/** The settings page's own code and data have arrived: a section heading, and no loading message left. */
async function settingsPageLoaded(page: Page): Promise<void> {
  const content = page.locator('.settings-layout__page');
  await content.locator('h2').first().waitFor();
  await waitFor(async () => (await content.getByText(/^Loading/).count()) === 0, { timeoutMs: ACTION_TIMEOUT_MS, what: 'the settings page to load' });
}

describe('[#14.console] the officer console', () => {
  it(
    '[#14.console] "Create board" lands on the wall, where the officer writes the problems',
    async () => {
      const page = await session.open(browser, officer);
      await page.goto(`${app.url}/boards`);
      const boardId = await createBoardInBrowser(page);
      expect(new URL(page.url()).pathname).toBe(`/boards/${encodeURIComponent(boardId)}`);
      await page.getByRole('button', { name: 'Add a problem statement' }).waitFor();
      await checkAllSizes(page, 'console-new-board-wall', true);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    '[#14.console] settings are pages with one job each, reached from a side navigation, at stable addresses',
    async () => {
      const page = await session.open(browser, officer);
      const base = `${app.url}/boards/${board.id}/settings`;
      for (const settingsPage of SETTINGS_PAGES) {
        await page.goto(base + settingsPage.path);
        await heading(page, settingsPage.heading);
        await settingsPageLoaded(page);
        const nav = page.getByRole('navigation', { name: 'Board settings' });
        expect(await nav.getByRole('link').allInnerTexts()).toEqual(SETTINGS_PAGES.map((item) => item.link));
        expect(await nav.getByRole('link', { name: settingsPage.link, exact: true }).getAttribute('aria-current')).toBe('page');
        await checkAllSizes(page, `console-settings${settingsPage.path.replace('/', '-') || '-details'}`);
      }
      // Each page does its own job: the links page has no archive button, the archive page no QR code.
      await page.goto(`${base}/links`);
      await page.getByRole('link', { name: 'Show QR code' }).first().waitFor();
      expect(await page.getByRole('button', { name: 'Archive this board' }).count()).toBe(0);
      await page.goto(`${base}/archive`);
      await page.getByRole('button', { name: 'Archive this board' }).waitFor();
      expect(await page.getByRole('link', { name: 'Show QR code' }).count()).toBe(0);
      // An address that is not a settings page is "Page not found".
      await page.goto(`${base}/nonsense`);
      await heading(page, 'Page not found');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    '[#14.console] by keyboard alone: through the side navigation to the links, and a revoke confirmed',
    async () => {
      const extra = await officer.post(`/api/boards/${board.id}/invite-links`, { role: 'participant' });
      expect(extra.status).toBe(201);
      const page = await session.open(browser, officer);
      await page.goto(`${app.url}/boards/${board.id}/settings`);
      await heading(page, 'Details');
      const toNav = await tabUntil(page, (focused) => focused.tag === 'a' && focused.text === 'Invitation links and QR codes', { maxTabs: 20 });
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname.endsWith('/settings/links'));
      await heading(page, 'Invitation links and QR codes');
      // Focus moved to the new page's heading: the next Tabs go through that page, to the first "Revoke".
      expect((await focusedElement(page))?.tag).toBe('h1');
      // The list arrives after the heading: tabbing before it is there would go round the page without it.
      await page.getByRole('button', { name: 'Revoke' }).first().waitFor({ timeout: ACTION_TIMEOUT_MS });
      const toRevoke = await tabUntil(page, (focused) => focused.tag === 'button' && focused.text === 'Revoke', { maxTabs: 40 });
      const revokedCount = await page.getByText('Revoked', { exact: true }).count();
      await page.keyboard.press('Enter');
      // The question takes focus on its "Yes": Enter confirms.
      await waitFor(async () => (await focusedElement(page))?.text === 'Yes, revoke this link', { timeoutMs: ACTION_TIMEOUT_MS, what: 'focus on the confirmation' });
      await page.keyboard.press('Enter');
      await waitFor(async () => (await page.getByText('Revoked', { exact: true }).count()) === revokedCount + 1, { timeoutMs: ACTION_TIMEOUT_MS, what: 'one more link revoked' });
      expect(withoutVisibleFocus([...toNav.visited, ...toRevoke.visited]), 'elements focused without a visible focus indicator').toEqual([]);
      expect(session.problems.list()).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    '[#14.console] the dashboard gives each board’s event code, phase, people here and ideas, and one click to Present and the QR code; the wall summarises presence',
    async () => {
      // A problem and a service map stage; fourteen suppliers on the wall, three typing in the stage, two ideas.
      const brief = live.add(await connectDevice(app.url, rooms.brief(board.id), officer), (device) => device.destroy());
      const problemId = addProblem(brief.doc, { title: 'Carers cannot find respite at short notice' });
      const mapId = addServiceMap(brief.doc, { title: 'Finding respite' });
      const stageId = addStage(brief.doc, mapId, { title: 'Booking a place' });
      if (stageId === null) throw new Error('the stage was not added');
      addStage(brief.doc, mapId, { title: 'Getting there' });
      const links = (await officer.get(`/api/boards/${board.id}/invite-links`)).body.links as InviteLinkView[];
      const activeLink = links.find((link) => link.role === 'participant' && link.status === 'active') ?? participantLink;
      const suppliers = await Promise.all(
        Array.from({ length: 14 }, (_, index) => joinByApi(app.url, activeLink, { name: `Supplier ${index + 1}`, organisation: `Company ${index + 1} Ltd` })),
      );
      for (const [index, client] of suppliers.entries()) {
        const wall = live.add(await connectDevice(app.url, rooms.wall(board.id), client), (device) => device.destroy());
        wall.provider.awareness.setLocalState({ typing: index < 3 ? stageId : null });
      }
      const [firstSupplier] = suppliers;
      if (!firstSupplier) throw new Error('no supplier');
      const draft = live.add(await connectDevice(app.url, rooms.draft(board.id, await personIdOf(firstSupplier, board.id)), firstSupplier), (device) => device.destroy());
      addDraftNote(draft.doc, { text: 'A live list of free respite places', colour: 'yellow', targetId: problemId });
      addDraftNote(draft.doc, { text: 'Book by text message', colour: 'green', targetId: stageId });

      const page = await session.open(browser, officer);
      await page.goto(`${app.url}/boards`);
      await heading(page, 'Your boards');
      const item = page.locator('.board-list__item').filter({ has: page.getByRole('link', { name: board.title, exact: true }) });
      await item.getByTestId('board-glance').waitFor();
      expect(await item.getByTestId('board-event-code').innerText()).toBe(activeLink.code);
      expect(await item.getByText('Open for ideas').count()).toBe(1);
      await waitFor(
        async () => {
          await page.reload();
          await item.getByTestId('board-glance').waitFor();
          return (await item.getByTestId('board-people-now').innerText()) === '14 people' && (await item.getByTestId('board-ideas').innerText()) === '2 ideas';
        },
        { timeoutMs: SYNC_TIMEOUT_MS, intervalMs: 500, what: 'the dashboard to count 14 people and 2 ideas' },
      );
      await checkAllSizes(page, 'console-dashboard');

      // One click to the QR screen, and one to the room screen.
      await item.getByTestId('board-qr-link').click();
      await page.waitForURL((url) => url.pathname === `/boards/${board.id}/invite-links/${activeLink.id}/screen`);
      expect((await page.getByTestId('event-code').innerText()).replace(/\s/g, '')).toContain(activeLink.code);
      await page.goBack();
      await item.getByTestId('present-link').click();
      await page.waitForURL((url) => url.pathname === `/boards/${board.id}/present`);
      await page.getByTestId('room').waitFor();

      // The wall as the officer: one line of presence, the list closed in a room this size, opened by keyboard.
      await page.goto(`${app.url}/boards/${board.id}`);
      const presence = page.getByTestId('presence');
      const summaryLine = presence.locator('.presence__summary');
      let shown = '';
      await waitFor(
        async () => {
          shown = (await summaryLine.innerText()).trim();
          return shown === '15 people here · 3 typing in Booking a place';
        },
        { timeoutMs: SYNC_TIMEOUT_MS, intervalMs: 250, what: 'the officer’s presence summary' },
      ).catch((error: unknown) => {
        throw new Error(`${String(error)}; it said: "${shown}"`);
      });
      const list = presence.locator('.presence__list--all');
      expect(await list.isVisible(), 'a big room starts with the list closed').toBe(false);
      await presence.getByText('Show who is here').focus();
      await page.keyboard.press('Enter');
      await list.waitFor();
      expect(await list.locator('.presence__person').count()).toBe(15);
      // The stage actions are one short row of small buttons, still named in full for screen readers.
      const stageTools = page.getByRole('group', { name: 'Stage actions: Booking a place' });
      await stageTools.getByRole('button', { name: 'Move right: Booking a place' }).waitFor();
      const toolsBox = await stageTools.boundingBox();
      expect(toolsBox?.height ?? 999, 'Edit and the arrows on one row').toBeLessThan(60);
      await checkAllSizes(page, 'console-wall-officer', true);

      // A participant sees the count, not the names (the officer's page is closed first: the 14 suppliers, this one among them).
      await session.close();
      const supplierPage = await session.open(browser, suppliers[5] ?? null);
      await supplierPage.goto(`${app.url}/boards/${board.id}`);
      const theirPresence = supplierPage.getByTestId('presence');
      let theirs = '';
      await waitFor(
        async () => {
          theirs = (await theirPresence.innerText()).trim();
          return theirs === '14 people here';
        },
        { timeoutMs: SYNC_TIMEOUT_MS, intervalMs: 250, what: 'the participant’s count' },
      ).catch((error: unknown) => {
        throw new Error(`${String(error)}; it said: "${theirs}"`);
      });
      expect(await theirPresence.innerText()).not.toContain('Supplier 1');
      await checkAllSizes(supplierPage, 'console-wall-participant', true);
    },
    TEST_TIMEOUT_MS * 2,
  );
});

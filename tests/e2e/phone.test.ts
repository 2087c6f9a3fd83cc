/**
 * Issue 14, the supplier's phone (360×740): "Add a note" in view right after joining, the connection state
 * in view wherever the page is scrolled, one "Options" menu per own note, delete then undo restores the note
 * for everyone, "Go to" and "My notes", keyboard-only use, axe and screenshots; a removed supplier sees the
 * removal page within a second and the device drops its copies of the board.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { startAppProcess, type AppProcess } from '../helpers/appProcess.js';
import { SCREENSHOT_DIR, VIEWPORTS, describeViolations, launchBrowser, seriousAxeViolations } from '../helpers/browser.js';
import type { BrowserClient } from '../helpers/http.js';
import { focusedElement, tabUntil, withoutVisibleFocus } from './keyboardFocus.js';
import {
  ACTION_TIMEOUT_MS,
  SERVICE_MAP,
  SUPPLIER_A,
  SUPPLIER_B,
  SYNC_TIMEOUT_MS,
  addNoteInUi,
  addProblemInUi,
  addServiceMapInUi,
  createBoardByApi,
  joinByApi,
  joinThroughLinkInBrowser,
  notesWithText,
  openActor,
  openWall,
  setUpOfficerByApi,
  waitForWallOnline,
  type Actor,
} from './wallSteps.js';

const TEST_TIMEOUT_MS = 120_000;
const WIDE = { width: 1920, height: 1080 } as const;

let browser: Browser;
let app: AppProcess;
let officerClient: BrowserClient;
let contexts: BrowserContext[] = [];

beforeAll(async () => {
  [browser, app] = await Promise.all([launchBrowser(), startAppProcess({ env: { SEED_DEMO: 'false' } })]);
  officerClient = await setUpOfficerByApi(app);
});

afterAll(async () => {
  await browser?.close();
  await app?.remove();
});

afterEach(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  contexts = [];
});

async function actor(client: BrowserClient | null): Promise<Actor> {
  const opened = await openActor(browser, client);
  contexts.push(opened.context);
  return opened;
}

async function phoneActor(): Promise<Actor> {
  const context = await browser.newContext({ viewport: { ...VIEWPORTS.phone }, isMobile: true, hasTouch: true });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(ACTION_TIMEOUT_MS);
  return { context, page };
}

async function boardWithBrief(title: string) {
  const { board, participantLink } = await createBoardByApi(officerClient, title);
  const officer = await actor(officerClient);
  await openWall(officer.page, app.url, board.id);
  await addProblemInUi(officer.page);
  const { stageIds } = await addServiceMapInUi(officer.page);
  return { board, participantLink, officer, lanes: stageIds.map((id) => `stage-${id}`) as [string, string, string] };
}

/** True when the whole element is inside the viewport. */
async function isInViewport(locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const viewport = locator.page().viewportSize();
  if (box === null || viewport === null) return false;
  return box.y >= 0 && box.x >= 0 && box.y + box.height <= viewport.height && box.x + box.width <= viewport.width;
}

async function screenshot(page: Page, name: string, viewport: { width: number; height: number }): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.setViewportSize(viewport);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${viewport.width}x${viewport.height}.png`) });
}

async function expectAxeClean(page: Page, what: string): Promise<void> {
  const violations = await seriousAxeViolations(page);
  expect.soft(violations, `${what}, axe:\n${describeViolations(violations)}`).toEqual([]);
}

/** The focused element's text with its visually hidden parts joined on one line. */
function plain(text: string | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

function addNoteBar(page: Page): Locator {
  return page.getByRole('button', { name: 'Add a note', exact: true });
}

describe('[#14] the supplier’s phone', () => {
  it(
    '[#14] right after joining at 360×740 "Add a note" is in view; the offline state stays in view wherever the page is scrolled',
    async () => {
      const { board, participantLink, lanes } = await boardWithBrief('Phone board');
      // Enough notes by someone else to make the one-column wall several screens tall.
      const other = await actor(await joinByApi(app.url, participantLink, SUPPLIER_B));
      await openWall(other.page, app.url, board.id);
      for (let index = 0; index < 9; index += 1) await addNoteInUi(other.page, lanes[index % 3]!, `Idea number ${index + 1} from Ada`);

      const supplier = await phoneActor();
      await joinThroughLinkInBrowser(supplier.page, participantLink, SUPPLIER_A);
      const { page } = supplier;
      await notesWithText(page, 'Idea number 9 from Ada').waitFor({ timeout: SYNC_TIMEOUT_MS });
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      expect(await isInViewport(addNoteBar(page)), '"Add a note" in view right after joining').toBe(true);
      // The header keeps to one row: "Sign out" sits level with the service name.
      const [serviceName, signOut] = await Promise.all([page.locator('.header__service-name').boundingBox(), page.getByRole('button', { name: 'Sign out' }).boundingBox()]);
      expect(Math.abs((serviceName?.y ?? 0) + (serviceName?.height ?? 0) / 2 - ((signOut?.y ?? 0) + (signOut?.height ?? 0) / 2))).toBeLessThan(12);
      await screenshot(page, 'phone-joined', VIEWPORTS.phone);

      // Add a note from the bar, choosing its stage in the picker.
      await addNoteBar(page).click();
      await page.getByLabel('Where does your note go?').selectOption({ label: SERVICE_MAP.stages[2]!.title });
      await page.getByLabel('Your idea').fill('Written on my phone');
      await screenshot(page, 'phone-add-note', VIEWPORTS.phone);
      await page.getByRole('button', { name: 'Add note', exact: true }).click();
      await notesWithText(page.getByTestId(lanes[2]), 'Written on my phone').and(page.locator('[data-note-state="published"]')).waitFor({ timeout: SYNC_TIMEOUT_MS });

      // The wifi goes (the browser knows at once); two notes wait.
      await supplier.context.setOffline(true);
      await addNoteBar(page).click();
      await page.getByLabel('Your idea').fill('Waiting note one');
      await page.getByRole('button', { name: 'Add note', exact: true }).click();
      await addNoteBar(page).click();
      await page.getByLabel('Your idea').fill('Waiting note two');
      await page.getByRole('button', { name: 'Add note', exact: true }).click();
      const status = page.getByTestId('connection-status');
      await expect.poll(() => status.innerText(), { timeout: SYNC_TIMEOUT_MS }).toBe('Offline – 2 notes waiting to send');

      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      expect(height, 'the wall is several screens tall').toBeGreaterThan(VIEWPORTS.phone.height * 3);
      for (const where of ['top', 'middle', 'bottom'] as const) {
        await page.evaluate((to) => {
          const max = document.documentElement.scrollHeight - window.innerHeight;
          window.scrollTo(0, to === 'top' ? 0 : to === 'middle' ? max / 2 : max);
        }, where);
        await page.waitForFunction(() => true);
        expect(await isInViewport(status), `the offline state in view at the ${where}`).toBe(true);
        expect(await isInViewport(addNoteBar(page)), `"Add a note" in view at the ${where}`).toBe(true);
      }
      await screenshot(page, 'phone-offline-scrolled', VIEWPORTS.phone);
      await supplier.context.setOffline(false);
      await expect.poll(() => status.innerText(), { timeout: SYNC_TIMEOUT_MS }).toBe('Online');
      await notesWithText(other.page, 'Waiting note two').waitFor({ timeout: SYNC_TIMEOUT_MS });

      // "My notes" shows only mine; "Go to" takes focus to the chosen stage.
      await page.getByRole('button', { name: /^My notes/ }).click();
      await expect.poll(() => page.getByTestId('note').filter({ visible: true }).count()).toBe(3);
      await screenshot(page, 'phone-my-notes', VIEWPORTS.phone);
      await page.getByRole('button', { name: /^My notes/ }).click();
      await page.getByLabel('Go to a problem or stage').selectOption({ label: SERVICE_MAP.stages[1]!.title });
      await page.getByRole('button', { name: 'Go to this place' }).click();
      expect(plain((await focusedElement(page))?.text)).toBe(SERVICE_MAP.stages[1]!.title);

      for (const viewport of [VIEWPORTS.phone, VIEWPORTS.desktop, WIDE]) {
        await page.setViewportSize(viewport);
        await expectAxeClean(page, `the wall at ${viewport.width}×${viewport.height}`);
        await screenshot(page, 'phone-wall', viewport);
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    '[#14] keyboard only: the Options menu, delete, Undo (the note comes back for everyone), and Add a note from the bar',
    async () => {
      const { board, participantLink, lanes } = await boardWithBrief('Undo board');
      const other = await actor(await joinByApi(app.url, participantLink, SUPPLIER_B));
      const supplier = await actor(await joinByApi(app.url, participantLink, SUPPLIER_A));
      await supplier.page.setViewportSize({ ...VIEWPORTS.phone });
      await Promise.all([openWall(supplier.page, app.url, board.id), openWall(other.page, app.url, board.id)]);
      const { page } = supplier;
      const note = await addNoteInUi(page, lanes[1], 'Keep me please', 'Green');
      await notesWithText(other.page, 'Keep me please').waitFor({ timeout: SYNC_TIMEOUT_MS });
      const noteKey = await note.getAttribute('data-note-key');

      // Options → Delete note, keyboard only.
      await note.focus();
      const toOptions = await tabUntil(page, (focused) => plain(focused.text) === 'Options for your note');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-expanded'))).toBe('false');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-expanded'))).toBe('true');
      await screenshot(page, 'phone-note-options', VIEWPORTS.phone);
      // Escape closes the menu and leaves focus on its button.
      await page.keyboard.press('Escape');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-expanded'))).toBe('false');
      await page.keyboard.press('Enter');
      const toDelete = await tabUntil(page, (focused) => plain(focused.text) === 'Delete note', { maxTabs: 5 });
      await page.keyboard.press('Enter');
      await notesWithText(page, 'Keep me please').waitFor({ state: 'detached' });
      await notesWithText(other.page, 'Keep me please').waitFor({ state: 'detached', timeout: SYNC_TIMEOUT_MS });

      // Focus is on "Undo", in view at the bottom of the screen.
      const undoNotice = page.getByTestId('undo-delete');
      expect(await undoNotice.innerText()).toContain('Note deleted.');
      expect(plain((await focusedElement(page))?.text)).toBe('Undo delete note');
      expect(await isInViewport(undoNotice)).toBe(true);
      await screenshot(page, 'phone-undo', VIEWPORTS.phone);
      await expectAxeClean(page, 'the undo notice at 360×740');
      await page.keyboard.press('Enter');

      // The same note (same key) is back, for the author and for everyone else.
      const restored = notesWithText(page, 'Keep me please');
      await restored.and(page.locator('[data-note-state="published"]')).waitFor({ timeout: SYNC_TIMEOUT_MS });
      expect(await restored.getAttribute('data-note-key')).toBe(noteKey);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('note');
      const seen = notesWithText(other.page.getByTestId(lanes[1]), 'Keep me please');
      await seen.waitFor({ timeout: SYNC_TIMEOUT_MS });
      expect(await seen.innerText()).toContain(`${SUPPLIER_A.name}, ${SUPPLIER_A.organisation}`);
      expect(await undoNotice.count()).toBe(0);

      // Add a note from the bar, keyboard only: picker, idea, Add note; focus back on "Add a note".
      const toAdd = await tabUntil(page, (focused) => plain(focused.text) === 'Add a note', { maxTabs: 80 });
      await page.keyboard.press('Enter');
      expect((await focusedElement(page))?.tag).toBe('textarea');
      await page.keyboard.type('Typed without a mouse');
      await page.keyboard.down('Shift');
      await page.keyboard.press('Tab');
      await page.keyboard.up('Shift');
      expect((await focusedElement(page))?.tag).toBe('select');
      await page.keyboard.press('End');
      const picked = await page.getByLabel('Where does your note go?').evaluate((select) => (select as HTMLSelectElement).selectedOptions[0]?.textContent);
      expect(picked).toBe(SERVICE_MAP.stages[2]!.title);
      const toSubmit = await tabUntil(page, (focused) => plain(focused.text) === 'Add note', { maxTabs: 15 });
      await page.keyboard.press('Enter');
      await notesWithText(page.getByTestId(lanes[2]), 'Typed without a mouse').waitFor();
      expect(plain((await focusedElement(page))?.text)).toBe('Add a note');
      await notesWithText(other.page, 'Typed without a mouse').waitFor({ timeout: SYNC_TIMEOUT_MS });

      // The colour radios (ColourRadios, unchanged here) draw their focus on a swatch this helper does not read.
      const visited = [...toOptions.visited, ...toDelete.visited, ...toAdd.visited, ...toSubmit.visited].filter((item) => !/-(yellow|green|blue|pink|orange)$/.test(item.id));
      const unseen = withoutVisibleFocus(visited);
      expect(unseen, 'every element focused on the way shows where the focus is').toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    '[#14] a removed supplier sees "You have been removed from this board by the organiser" within a second, and the device drops its copies',
    async () => {
      const { board, participantLink, lanes } = await boardWithBrief('Removal board');
      const client = await joinByApi(app.url, participantLink, SUPPLIER_A);
      const supplier = await actor(client);
      await supplier.page.setViewportSize({ ...VIEWPORTS.phone });
      await openWall(supplier.page, app.url, board.id);
      await addNoteInUi(supplier.page, lanes[0], 'Before I was removed');
      const cachesOfBoard = () =>
        supplier.page.evaluate(async (boardId) => (await indexedDB.databases()).filter((db) => db.name?.includes(`:${boardId}/`)).length, board.id);
      expect(await cachesOfBoard()).toBeGreaterThan(0);

      const personId = (await client.get(`/api/boards/${board.id}`)).body.documents.personId as string;
      const removed = await officerClient.post(`/api/boards/${board.id}/participants/${personId}/remove`, {});
      expect(removed.status).toBe(200);
      const startedAt = Date.now();
      await supplier.page.getByRole('heading', { level: 1, name: 'You have been removed from this board by the organiser' }).waitFor({ timeout: 5_000 });
      expect(Date.now() - startedAt, 'the removal page within a second').toBeLessThan(1_000);
      expect(await supplier.page.getByTestId('wall').count()).toBe(0);
      await expect.poll(cachesOfBoard, { timeout: 5_000 }).toBe(0);
      expect(await supplier.page.evaluate((boardId) => localStorage.getItem(`oiw:board:${boardId}`), board.id)).toBeNull();
      for (const viewport of [VIEWPORTS.phone, VIEWPORTS.desktop]) {
        await expectAxeClean(supplier.page, `the removal page at ${viewport.width}`);
        await screenshot(supplier.page, 'phone-removed', viewport);
      }
      await waitForWallOnline(supplier.page, 1).catch(() => undefined);
    },
    TEST_TIMEOUT_MS,
  );
});

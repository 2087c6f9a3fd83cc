/**
 * Groups of notes in real Chromium against the built app (issue 12, grouping): an officer makes a group
 * and drags a note into it with the mouse, makes another group and moves a note into it with the
 * keyboard alone ("Move to group", WCAG 2.5.7), renames it by keyboard and dissolves the first; a
 * participant sees each change live. The participant's "Sort notes by" changes the order and is
 * remembered after a reload. Screenshots at 1280×800 and 360×740 (a phone opened at that size folds the
 * groups to headings with counts), axe-core on both.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { startAppProcess, type AppProcess } from '../helpers/appProcess.js';
import { SCREENSHOT_DIR, VIEWPORTS, describeViolations, hasHorizontalScroll, launchBrowser, seriousAxeViolations } from '../helpers/browser.js';
import {
  SUPPLIER_A,
  SYNC_TIMEOUT_MS,
  addNoteInUi,
  addProblemInUi,
  checkWallView,
  createBoardByApi,
  joinByApi,
  notesWithText,
  openActor,
  openWall,
  setUpOfficerByApi,
  watchPageErrors,
} from './wallSteps.js';
import { focusedElement } from './wallFocus.js';

const TEST_TIMEOUT_MS = 150_000;
const IDEAS = ['Text reminders the day before', 'Let tenants send a photo first', 'Book repairs online at any hour'] as const;

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

/** A lane's group sections by their visible title (the toggle's first part). */
function groupNamed(lane: Locator, title: string): Locator {
  return lane.getByTestId('cluster').filter({ has: lane.page().locator('.cluster__title', { hasText: new RegExp(`^${title}$`) }) });
}

/** The note texts of a lane (or group) in the order shown. */
async function noteTexts(scope: Locator): Promise<string[]> {
  return scope.locator('[data-testid="note"] .note__text').allInnerTexts();
}

/** Presses Tab (or Shift+Tab) until the focused element's name starts with `name`; every stop must show focus. */
async function tabTo(page: Page, name: string, backwards = false, maxTabs = 60): Promise<void> {
  const trail: string[] = [];
  for (let presses = 0; presses < maxTabs; presses += 1) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const focused = await focusedElement(page);
    trail.push(focused?.description ?? '(nothing)');
    expect(focused?.hasVisibleIndicator, `focus visible on ${focused?.description}`).toBe(true);
    if (focused?.name.startsWith(name)) return;
  }
  throw new Error(`"${name}" not reached within ${maxTabs} presses: ${trail.join(' → ')}`);
}

/** Drags `source` onto `target` with real mouse moves (both scrolled into view first). */
async function dragWithMouse(page: Page, source: Locator, target: Locator): Promise<void> {
  // Both must be inside the viewport: the mouse cannot leave it. The target is above the source here.
  await target.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  const from = await source.boundingBox();
  const to = await target.boundingBox();
  if (from === null || to === null) throw new Error('drag source or target not visible');
  await page.mouse.move(from.x + 10, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + 30, from.y + from.height / 2, { steps: 5 });
  await page.mouse.move(to.x + 20, to.y + to.height / 2, { steps: 10 });
  await page.mouse.up();
}

describe('groups of notes on the wall', () => {
  it(
    '[#12.grouping] an officer groups notes by drag and by keyboard, renames and dissolves; a participant sees it live and sorts',
    async () => {
      const officerClient = await setUpOfficerByApi(app);
      const { board, participantLink } = await createBoardByApi(officerClient);
      const officer = await openActor(browser, officerClient);
      contexts.push(officer.context);
      const officerErrors = watchPageErrors(officer.page);
      await openWall(officer.page, app.url, board.id);
      const problemId = await addProblemInUi(officer.page);
      const laneId = `problem-${problemId}`;

      const supplierClient = await joinByApi(app.url, participantLink, SUPPLIER_A);
      const supplier = await openActor(browser, supplierClient);
      contexts.push(supplier.context);
      const supplierErrors = watchPageErrors(supplier.page);
      await openWall(supplier.page, app.url, board.id);
      for (const idea of IDEAS) {
        const note = await addNoteInUi(supplier.page, laneId, idea);
        await note.and(supplier.page.locator('[data-note-state="published"]')).waitFor({ timeout: SYNC_TIMEOUT_MS });
      }
      const officerLane = officer.page.getByTestId(laneId);
      const supplierLane = supplier.page.getByTestId(laneId);
      for (const idea of IDEAS) await notesWithText(officerLane, idea).waitFor({ timeout: SYNC_TIMEOUT_MS });
      expect(await noteTexts(supplierLane), 'no groups yet: one list, oldest first').toEqual([...IDEAS]);

      // 1. With the mouse: "New group", name it, then drag a note onto it.
      await officerLane.getByRole('button', { name: /^New group/ }).click();
      await officerLane.getByLabel('Name of the new group').fill('Photos and evidence');
      await officerLane.getByRole('button', { name: 'Make group' }).click();
      const photos = groupNamed(officerLane, 'Photos and evidence');
      await photos.waitFor();
      expect(await officerLane.getByTestId('cluster-ungrouped').locator('.cluster__count').innerText()).toBe('(3 notes)');
      // Picked up by its text (the middle of the card may be its "Move to group" select, which does not drag).
      await dragWithMouse(officer.page, notesWithText(officerLane, IDEAS[1]).locator('.note__text'), photos.locator('.cluster__heading'));
      await notesWithText(photos, IDEAS[1]).waitFor();
      expect(await photos.locator('.cluster__count').innerText()).toBe('(1 note)');
      const supplierPhotos = groupNamed(supplierLane, 'Photos and evidence');
      await notesWithText(supplierPhotos, IDEAS[1]).waitFor({ timeout: SYNC_TIMEOUT_MS });
      expect(await noteTexts(supplierLane.getByTestId('cluster-ungrouped'))).toEqual([IDEAS[0], IDEAS[2]]);
      expect(await supplierLane.getByRole('button', { name: /^New group/ }).count(), 'participants get no group tools').toBe(0);
      expect(await supplierLane.getByLabel('Move to group').count()).toBe(0);

      // 2. With the keyboard alone: New group, type the name, Enter; then "Move to group" on a note.
      await officerLane.getByRole('button', { name: /^New group/ }).focus();
      await officer.page.keyboard.press('Enter');
      expect((await focusedElement(officer.page))?.name).toBe('Name of the new group');
      await officer.page.keyboard.type('Booking');
      await officer.page.keyboard.press('Enter');
      const booking = groupNamed(officerLane, 'Booking');
      await booking.waitFor();
      expect((await focusedElement(officer.page))?.name, 'after making a group, focus is back on New group').toMatch(/^New group/);
      await tabTo(officer.page, 'Move to group', true);
      const movingKey = await officer.page.evaluate(() => document.activeElement?.closest('[data-testid="note"]')?.getAttribute('data-note-key') ?? '');
      const movingText = await officer.page.locator(`[data-note-key="${movingKey}"] .note__text`).innerText();
      expect(movingText).toBe(IDEAS[2]);
      await officer.page.keyboard.type('Book');
      await tabTo(officer.page, 'Move note to the chosen group');
      await officer.page.keyboard.press('Enter');
      await notesWithText(booking, IDEAS[2]).waitFor();
      expect(
        await officer.page.evaluate(() => document.activeElement?.getAttribute('data-note-key') ?? ''),
        'after moving, focus is on the note in its group',
      ).toBe(movingKey);
      await notesWithText(groupNamed(supplierLane, 'Booking'), IDEAS[2]).waitFor({ timeout: SYNC_TIMEOUT_MS });

      // 3. Rename by keyboard: back to the group's Rename, Enter, replace the name, Enter.
      await tabTo(officer.page, 'Rename group: Booking', true);
      await officer.page.keyboard.press('Enter');
      expect((await focusedElement(officer.page))?.name).toBe('New name for the group');
      await officer.page.keyboard.press('Control+A');
      await officer.page.keyboard.type('Booking and reminders');
      await officer.page.keyboard.press('Enter');
      await groupNamed(officerLane, 'Booking and reminders').waitFor();
      expect((await focusedElement(officer.page))?.name).toBe('Rename group: Booking and reminders');
      await groupNamed(supplierLane, 'Booking and reminders').waitFor({ timeout: SYNC_TIMEOUT_MS });

      await checkWallView(officer.page, 'wall-groups-officer');
      await checkWallView(supplier.page, 'wall-groups-participant');

      // 4. Sort: Newest reverses the lane into one list and each note names its group; remembered after reload.
      const sortSelect = supplier.page.getByLabel('Sort notes by');
      expect(await sortSelect.inputValue()).toBe('group');
      await sortSelect.selectOption({ label: 'Newest' });
      await supplierLane.getByTestId('cluster').first().waitFor({ state: 'detached' });
      expect(await noteTexts(supplierLane)).toEqual([IDEAS[2], IDEAS[1], IDEAS[0]]);
      expect(await notesWithText(supplierLane, IDEAS[2]).locator('.note__cluster').innerText()).toBe('Group: Booking and reminders');
      await sortSelect.selectOption({ label: 'Oldest' });
      await supplier.page.waitForFunction(
        (id) => document.querySelector(`[data-testid="${id}"] [data-testid="note"] .note__text`)?.textContent === 'Text reminders the day before',
        laneId,
      );
      expect(await noteTexts(supplierLane)).toEqual([...IDEAS]);
      await supplier.page.reload();
      await supplierLane.getByTestId('note').first().waitFor({ timeout: SYNC_TIMEOUT_MS });
      expect(await supplier.page.getByLabel('Sort notes by').inputValue(), 'the sort is remembered in this browser').toBe('oldest');
      await supplier.page.getByLabel('Sort notes by').selectOption({ label: 'Group' });
      await groupNamed(supplierLane, 'Photos and evidence').waitFor();

      // 5. On a phone the groups start folded: headings with counts, no sideways scrolling.
      const phoneContext = await browser.newContext({ viewport: { ...VIEWPORTS.phone } });
      contexts.push(phoneContext);
      await phoneContext.addCookies(Object.entries(supplierClient.cookies()).map(([name, value]) => ({ name, value, url: supplierClient.baseUrl })));
      const phone = await phoneContext.newPage();
      await openWall(phone, app.url, board.id);
      const phoneLane = phone.getByTestId(laneId);
      const phoneToggle = phoneLane.getByRole('button', { name: 'Photos and evidence (1 note)' });
      await phoneToggle.waitFor({ timeout: SYNC_TIMEOUT_MS });
      expect(await phoneToggle.getAttribute('aria-expanded')).toBe('false');
      expect(await notesWithText(phoneLane, IDEAS[1]).isVisible()).toBe(false);
      await phone.screenshot({ path: path.join(SCREENSHOT_DIR, 'wall-groups-folded-phone.png'), fullPage: true });
      expect(await hasHorizontalScroll(phone)).toBe(false);
      const phoneAxe = await seriousAxeViolations(phone);
      expect(phoneAxe, describeViolations(phoneAxe)).toEqual([]);
      await phoneToggle.click();
      await notesWithText(phoneLane, IDEAS[1]).waitFor();
      expect(await phoneToggle.getAttribute('aria-expanded')).toBe('true');

      // 6. Dissolve (confirmed): the group goes for everyone, its note is not grouped, focus goes to New group.
      await photos.getByRole('button', { name: 'Dissolve group' }).click();
      await photos.getByRole('button', { name: 'Yes, dissolve it' }).click();
      await photos.waitFor({ state: 'detached' });
      await notesWithText(officerLane.getByTestId('cluster-ungrouped'), IDEAS[1]).waitFor();
      expect((await focusedElement(officer.page))?.name, 'after dissolving, focus is on New group').toMatch(/^New group/);
      await groupNamed(supplierLane, 'Photos and evidence').waitFor({ state: 'detached', timeout: SYNC_TIMEOUT_MS });
      await notesWithText(supplierLane.getByTestId('cluster-ungrouped'), IDEAS[1]).waitFor();
      expect(await supplierLane.getByTestId('cluster').count()).toBe(1);

      expect(officerErrors.list()).toEqual([]);
      expect(supplierErrors.list()).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});

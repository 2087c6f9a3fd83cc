/**
 * A whole workshop in real Chromium against the built app (issue 12), one officer and three suppliers,
 * one of them on a 360×740 phone, each in their own browser context:
 *
 *   draft (schedule form, "not open yet") → open (timer, ideas, one hidden with a reason, grouping by
 *   keyboard) → voting (votes by keyboard, counts on every screen) → closed → CSV export.
 *
 * The feature tests (phases, timerSpotlight, moderation, wallGroups, wallVotes, exportSection) look at
 * each feature closely; this one checks they work together, in the order a workshop uses them. Each phase
 * is screenshotted at 1280×800 and 360×740 and checked with axe-core (`checkWallView`):
 * test-results/screenshots/workshop-*.png. Every wait is on something the page shows, never a sleep.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppProcess, type AppProcess } from '../helpers/appProcess.js';
import { SCREENSHOT_DIR, VIEWPORTS, launchBrowser } from '../helpers/browser.js';
import type { BrowserClient } from '../helpers/http.js';
import { newContextAs } from './e2eScenario.js';
import { focusedElement } from './wallFocus.js';
import {
  ACTION_TIMEOUT_MS,
  SUPPLIER_A,
  SUPPLIER_B,
  SYNC_TIMEOUT_MS,
  addNoteInUi,
  addProblemInUi,
  checkWallView,
  createBoardByApi,
  joinByApi,
  notesWithText,
  setUpOfficerByApi,
  waitForWallOnline,
  watchPageErrors,
  type Actor,
  type Person,
} from './wallSteps.js';

/** The whole workshop is one story: generous, for a 2-core CI machine running it beside other suites. */
const TEST_TIMEOUT_MS = 240_000;

/** The third supplier, who takes part from a phone. */
const SUPPLIER_ON_PHONE: Person = { name: 'Kofi Mensah', organisation: 'Kindred Support CIC' };

const IDEA_A = 'Text carers the day a respite place frees up';
const IDEA_B = 'One booking page for every respite provider';
const IDEA_PHONE = 'Carers’ cafés where providers meet carers in person';
const IDEA_HIDDEN = 'Our respite app costs £2 per carer per month: ask for our price list';
const HIDE_DETAIL = 'It quotes a price.';
const GROUP = 'Booking and availability';
const TIMER_LABEL = 'Ideas on respite';

let browser: Browser;
let app: AppProcess;
const actors: Actor[] = [];

beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  [browser, app] = await Promise.all([launchBrowser(), startAppProcess({ env: { SEED_DEMO: 'false' } })]);
}, 60_000);

/** Closes every person's browser context (in the test's `finally`, so a failing step leaves none open). */
async function closeEveryone(): Promise<void> {
  await Promise.all(actors.splice(0).map((actor) => actor.context.close().catch(() => undefined)));
}

afterAll(async () => {
  await closeEveryone();
  await browser?.close();
  await app?.remove();
});

/**
 * A person's own browser (a UK one, en-GB in Europe/London, as `newContextAs` makes it: the schedule is
 * typed and shown in that time zone), signed in with `client`'s cookies, at desktop or phone size. Kept in
 * `actors` at once, so it is closed whatever happens next.
 */
async function openPerson(client: BrowserClient, size: keyof typeof VIEWPORTS = 'desktop'): Promise<Actor> {
  const context = await newContextAs(browser, client);
  const page = await context.newPage();
  const actor = { context, page };
  actors.push(actor);
  page.setDefaultTimeout(ACTION_TIMEOUT_MS);
  await page.setViewportSize({ ...VIEWPORTS[size] });
  return actor;
}

/** `checkWallView` (screenshots and axe at both sizes), then back to the size this person really uses. */
async function checkScreen(actor: Actor, name: string, isPhone = false): Promise<void> {
  await checkWallView(actor.page, `workshop-${name}`);
  if (isPhone) await actor.page.setViewportSize({ ...VIEWPORTS.phone });
}

/** What has focus, with the text of the note it is on (if any). */
async function focusWithNote(page: Page): Promise<{ name: string; description: string; visible: boolean; noteText: string | null }> {
  const focused = await focusedElement(page);
  const noteText = await page.evaluate(
    () => document.activeElement?.closest('[data-testid="note"]')?.querySelector('.note__text')?.textContent ?? null,
  );
  return { name: focused?.name ?? '', description: focused?.description ?? '(nothing)', visible: focused?.hasVisibleIndicator ?? false, noteText };
}

/**
 * Presses Tab (or Shift+Tab) until the focused control's name starts with `name` (on the note whose text is
 * `onNote`, when given). Every stop must show where focus is, as in the other keyboard tests.
 */
async function tabTo(page: Page, name: string, options: { onNote?: string; backwards?: boolean; maxTabs?: number } = {}): Promise<void> {
  const { onNote, backwards = false, maxTabs = 120 } = options;
  const trail: string[] = [];
  for (let presses = 0; presses < maxTabs; presses += 1) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const focused = await focusWithNote(page);
    trail.push(focused.description);
    if (focused.description !== '(nothing)' && !focused.visible) throw new Error(`${focused.description} shows no focus. Focus went: ${trail.join(' → ')}`);
    if (focused.name.startsWith(name) && (onNote === undefined || focused.noteText === onNote)) return;
  }
  throw new Error(`"${name}"${onNote ? ` on “${onNote}”` : ''} not reached within ${maxTabs} presses. Focus went: ${trail.join(' → ')}`);
}

/** Starts keyboard navigation from the top of the page, as someone arriving would. */
async function fromTheTop(page: Page): Promise<void> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  await page.locator('body').focus();
}

function phaseTag(page: Page): Promise<string | null> {
  return page.getByTestId('phase-tag').textContent();
}

function voteCount(page: Page, text: string): Locator {
  return notesWithText(page, text).getByTestId('vote-count');
}

describe('[#12.workshop] a whole workshop in the browser', () => {
  it(
    '[#12.workshop] schedule → open → timer → ideas → hide → group → vote → close → export, with an officer and three suppliers (one on a phone)',
    async () => {
      // People: the officer and three suppliers join through the API (joining is tested in pages.test.ts).
      const officerClient = await setUpOfficerByApi(app);
      const { board, participantLink } = await createBoardByApi(officerClient, 'Supplier day: respite for carers');
      const [clientA, clientB, clientPhone] = (await Promise.all(
        [SUPPLIER_A, SUPPLIER_B, SUPPLIER_ON_PHONE].map((person) => joinByApi(app.url, participantLink, person)),
      )) as [BrowserClient, BrowserClient, BrowserClient];
      try {
        const officer = await openPerson(officerClient);
        const supplierA = await openPerson(clientA);
        const supplierB = await openPerson(clientB);
        const phone = await openPerson(clientPhone, 'phone');
        const suppliers = [supplierA, supplierB, phone];
        const everyone = [officer, ...suppliers];
        const errors = everyone.map((actor) => watchPageErrors(actor.page));
        const wallUrl = `${app.url}/boards/${encodeURIComponent(board.id)}`;

        // ── Draft: the officer prepares the board, takes it back to "not open yet" and schedules the opening.
        await officer.page.goto(wallUrl);
        await waitForWallOnline(officer.page);
        const problemId = await addProblemInUi(officer.page);
        const lane = `problem-${problemId}`;
        await officer.page.getByLabel('Move the board to').selectOption('draft');
        await officer.page.getByRole('button', { name: 'Change phase' }).click();
        await expect.poll(() => phaseTag(officer.page), { timeout: SYNC_TIMEOUT_MS }).toBe('Not open yet');

        await officer.page.getByText('Schedule opening and closing').click();
        const tomorrow = new Date(Date.now() + 24 * 3_600_000);
        const pad = (n: number) => String(n).padStart(2, '0');
        await officer.page.locator('#schedule-opens-date').fill(`${tomorrow.getFullYear()}-${pad(tomorrow.getMonth() + 1)}-${pad(tomorrow.getDate())}`);
        await officer.page.locator('#schedule-opens-time').fill('09:30');
        await officer.page.getByRole('button', { name: 'Save schedule' }).click();
        await expect
          .poll(() => officer.page.getByTestId('schedule-now').textContent(), { timeout: SYNC_TIMEOUT_MS })
          .toMatch(/^Opens automatically on .*9:30am\.$/);
        expect(await officer.page.locator('.error-summary').count()).toBe(0);

        // Suppliers who arrive early get "not open yet" with the time, and no wall.
        for (const supplier of suppliers) {
          await supplier.page.goto(wallUrl);
          await supplier.page.getByTestId('not-open-yet').waitFor({ timeout: SYNC_TIMEOUT_MS });
          expect(await supplier.page.getByTestId('not-open-yet-time').textContent()).toMatch(/opens on .*9:30am/);
          expect(await supplier.page.getByTestId('wall').count()).toBe(0);
        }
        await checkScreen(officer, 'draft-officer');
        await checkScreen(phone, 'draft-phone-supplier', true);

        // ── Open: the officer does not wait for tomorrow; every supplier's page moves on to the wall by itself.
        const openNow = officer.page.getByTestId('phase-next');
        expect(await openNow.textContent()).toBe('Open the board for ideas');
        await openNow.click();
        for (const supplier of suppliers) {
          await waitForWallOnline(supplier.page);
          await expect.poll(() => phaseTag(supplier.page), { timeout: SYNC_TIMEOUT_MS }).toBe('Open for ideas');
        }

        // The officer starts a 10-minute timer; everyone sees it counting down, with what it is for.
        const timer = officer.page.getByTestId('workshop-timer');
        await timer.getByLabel('Minutes').fill('10');
        await timer.getByLabel('What is it for? (optional)').fill(TIMER_LABEL);
        await timer.getByRole('button', { name: 'Start timer' }).click();
        for (const person of everyone) {
          const shown = person.page.locator('[data-testid="workshop-timer"][data-state="running"]');
          await shown.waitFor({ timeout: SYNC_TIMEOUT_MS });
          expect(await shown.getByRole('heading').innerText()).toContain(TIMER_LABEL);
          expect(await shown.getByTestId('timer-remaining').innerText()).toMatch(/^(10:00|[1-9]:[0-5]\d)$/);
        }

        // Ideas, each from its author's own browser; the phone supplier adds two.
        await addNoteInUi(supplierA.page, lane, IDEA_A);
        await addNoteInUi(supplierB.page, lane, IDEA_B, 'Green');
        await addNoteInUi(phone.page, lane, IDEA_PHONE, 'Blue');
        await addNoteInUi(phone.page, lane, IDEA_HIDDEN, 'Pink');
        for (const person of everyone) {
          for (const idea of [IDEA_A, IDEA_B, IDEA_PHONE, IDEA_HIDDEN]) await notesWithText(person.page, idea).waitFor({ timeout: SYNC_TIMEOUT_MS });
        }
        await checkScreen(phone, 'open-phone-supplier', true);

        // One note quotes a price: the officer hides it with a reason.
        const toHide = notesWithText(officer.page, IDEA_HIDDEN);
        await toHide.getByRole('button', { name: `Hide note by ${SUPPLIER_ON_PHONE.name}, ${SUPPLIER_ON_PHONE.organisation}` }).click();
        const hideForm = officer.page.getByTestId('hide-note-form');
        await hideForm.getByRole('radio', { name: 'Commercial in confidence' }).check();
        await hideForm.getByLabel('More detail (optional)').fill(HIDE_DETAIL);
        await hideForm.getByRole('button', { name: 'Hide note' }).click();
        // The others no longer see it; its author still does, with why.
        for (const person of [officer, supplierA, supplierB]) {
          await notesWithText(person.page, IDEA_HIDDEN).waitFor({ state: 'detached', timeout: SYNC_TIMEOUT_MS });
        }
        await notesWithText(phone.page, IDEA_HIDDEN)
          .getByText(`Hidden by an officer: it is commercial in confidence. ${HIDE_DETAIL}`)
          .waitFor({ timeout: SYNC_TIMEOUT_MS });
        await officer.page.getByTestId('hidden-note').filter({ hasText: IDEA_HIDDEN }).waitFor({ timeout: SYNC_TIMEOUT_MS });
        await notesWithText(phone.page, IDEA_HIDDEN).scrollIntoViewIfNeeded();
        await checkScreen(phone, 'open-phone-supplier-hidden', true);
        expect(await supplierA.page.getByText(IDEA_HIDDEN).count(), 'the hidden text is nowhere on another supplier’s page').toBe(0);

        // Grouping, keyboard only: "New group", its name, Enter; then "Move to group" on two notes.
        const officerLane = officer.page.getByTestId(lane);
        await officerLane.getByRole('button', { name: /^New group/ }).focus();
        await officer.page.keyboard.press('Enter');
        expect((await focusedElement(officer.page))?.name).toBe('Name of the new group');
        await officer.page.keyboard.type(GROUP);
        await officer.page.keyboard.press('Enter');
        const group = officerLane.getByTestId('cluster').filter({ has: officer.page.locator('.cluster__title', { hasText: GROUP }) });
        await group.waitFor();
        expect((await focusedElement(officer.page))?.name, 'after making the group, focus is back on New group').toMatch(/^New group/);
        for (const idea of [IDEA_A, IDEA_B]) {
          await tabTo(officer.page, 'Move to group', { onNote: idea, backwards: true });
          await officer.page.keyboard.type('Book');
          await tabTo(officer.page, 'Move note to the chosen group', { maxTabs: 2 });
          await officer.page.keyboard.press('Enter');
          await notesWithText(group, idea).waitFor();
          await expect
            .poll(() => officer.page.evaluate(() => document.activeElement?.querySelector(':scope > .note__text')?.textContent), {
              message: 'after moving, focus is on the note in its group',
            })
            .toBe(idea);
          // The next note is searched for from "New group" again, below every note of the lane.
          await officerLane.getByRole('button', { name: /^New group/ }).focus();
        }
        expect(await group.locator('.cluster__count').innerText()).toBe('(2 notes)');
        for (const supplier of [supplierA, supplierB]) {
          const theirLane = supplier.page.getByTestId(lane);
          const theirGroup = theirLane.getByTestId('cluster').filter({ has: supplier.page.locator('.cluster__title', { hasText: GROUP }) });
          for (const idea of [IDEA_A, IDEA_B]) await notesWithText(theirGroup, idea).waitFor({ timeout: SYNC_TIMEOUT_MS });
        }
        await group.scrollIntoViewIfNeeded();
        await checkScreen(officer, 'open-officer-grouped');

        // ── Voting: the officer moves on by keyboard; suppliers are told at once.
        await officer.page.getByTestId('phase-next').focus();
        expect(await officer.page.getByTestId('phase-next').textContent()).toBe('Start voting');
        await officer.page.keyboard.press('Enter');
        for (const supplier of suppliers) {
          // Polled: the banner may still hold the message from when the board opened.
          await expect
            .poll(() => supplier.page.getByTestId('phase-change-notice').textContent(), { timeout: SYNC_TIMEOUT_MS })
            .toContain('Voting has started: you have 5 votes.');
          await expect.poll(() => phaseTag(supplier.page)).toBe('Voting');
          await expect.poll(() => supplier.page.getByTestId('votes-left').textContent(), { timeout: SYNC_TIMEOUT_MS }).toContain('You have 5 of 5 votes left');
        }

        // Each supplier votes with the keyboard alone, from the top of the page.
        const votes: Array<[Actor, string]> = [
          [supplierA, IDEA_B],
          [supplierB, IDEA_A],
          [phone, IDEA_B],
        ];
        for (const [supplier, idea] of votes) {
          await fromTheTop(supplier.page);
          if (supplier === phone) {
            // On a phone the groups start folded: the group's heading button opens it.
            await tabTo(phone.page, `${GROUP} (2 notes)`);
            if ((await phone.page.evaluate(() => document.activeElement?.getAttribute('aria-expanded'))) === 'false') await phone.page.keyboard.press('Enter');
            await expect.poll(() => phone.page.evaluate(() => document.activeElement?.getAttribute('aria-expanded'))).toBe('true');
          }
          await tabTo(supplier.page, `Add a vote to “${idea}”`, { onNote: idea });
          await supplier.page.keyboard.press('Enter');
          await expect.poll(() => supplier.page.getByTestId('votes-left').textContent(), { timeout: SYNC_TIMEOUT_MS }).toContain('You have 4 of 5 votes left');
        }
        // The counts reach every screen.
        for (const person of everyone) {
          await expect.poll(() => voteCount(person.page, IDEA_B).textContent(), { timeout: SYNC_TIMEOUT_MS }).toBe('2 votes');
          await expect.poll(() => voteCount(person.page, IDEA_A).textContent(), { timeout: SYNC_TIMEOUT_MS }).toBe('1 vote');
          await expect.poll(() => voteCount(person.page, IDEA_PHONE).textContent(), { timeout: SYNC_TIMEOUT_MS }).toBe('0 votes');
        }
        await checkScreen(officer, 'voting-officer');
        await checkScreen(supplierA, 'voting-supplier');
        await checkScreen(phone, 'voting-phone-supplier', true);

        // ── Closed: the officer closes the board; everyone sees it closed, the counts stay, no more voting.
        await expect.poll(() => officer.page.getByTestId('phase-next').textContent(), { timeout: SYNC_TIMEOUT_MS }).toBe('Close the board');
        await officer.page.getByTestId('phase-next').click();
        for (const person of everyone) {
          await expect.poll(() => phaseTag(person.page), { timeout: SYNC_TIMEOUT_MS }).toBe('Closed');
          expect(await voteCount(person.page, IDEA_B).textContent()).toBe('2 votes');
        }
        for (const supplier of suppliers) expect(await supplier.page.getByTestId('add-vote').count()).toBe(0);
        await checkScreen(officer, 'closed-officer');
        await checkScreen(supplierB, 'closed-supplier');
        await checkScreen(phone, 'closed-phone-supplier', true);

        // ── Export: from the board's export settings page, the officer downloads the CSV; a row has the votes, group and author.
        const settings = await officer.context.newPage();
        settings.setDefaultTimeout(ACTION_TIMEOUT_MS);
        errors.push(watchPageErrors(settings));
        await settings.goto(`${app.url}/boards/${encodeURIComponent(board.id)}/settings/export`);
        const csvLink = settings.locator('section[aria-labelledby="export-heading"]').getByRole('link', { name: 'Spreadsheet (CSV)' });
        await csvLink.waitFor();
        await checkWallView(settings, 'workshop-export-settings');
        await csvLink.focus();
        const [download] = await Promise.all([settings.waitForEvent('download', { timeout: SYNC_TIMEOUT_MS }), settings.keyboard.press('Enter')]);
        expect(download.suggestedFilename()).toMatch(/^supplier-day-respite-for-carers-\d{4}-\d\d-\d\d\.csv$/);
        const file = await download.path();
        const rows = parse(readFileSync(file, 'utf8'), { bom: true, columns: true }) as Array<Record<string, string>>;
        const rowOf = (text: string) => rows.find((row) => row['Text'] === text);
        expect(rowOf(IDEA_B)).toMatchObject({
          'Problem or stage': 'Carers cannot find respite care',
          Type: 'Problem',
          Cluster: GROUP,
          Author: SUPPLIER_B.name,
          Organisation: SUPPLIER_B.organisation,
          Votes: '2',
          Hidden: 'No',
        });
        expect(rowOf(IDEA_A)).toMatchObject({ Cluster: GROUP, Author: SUPPLIER_A.name, Votes: '1', Hidden: 'No' });
        expect(rowOf(IDEA_PHONE)).toMatchObject({ Cluster: '', Author: SUPPLIER_ON_PHONE.name, Votes: '0', Hidden: 'No' });
        const hiddenRow = rowOf(IDEA_HIDDEN);
        expect(hiddenRow?.['Hidden']).toBe('Yes');
        expect(hiddenRow?.['Hidden reason']).toMatch(/commercial in confidence/i);
        expect(hiddenRow?.['Hidden reason']).toContain(HIDE_DETAIL);
        expect(rows).toHaveLength(4);

        for (const [index, watcher] of errors.entries()) {
          // Suppliers' pages meet the draft board's refusal (4425) before it opens: expected, and explained on the page.
          expect(watcher.list().filter((error) => !/4425|not open yet/i.test(error)), `page ${index}: console or uncaught errors`).toEqual([]);
        }
      } finally {
        await closeEveryone();
      }
    },
    TEST_TIMEOUT_MS,
  );
});

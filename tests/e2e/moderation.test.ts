/**
 * Moderation on the note (issue 12) in real Chromium against the built app: an officer hides a supplier's
 * note with a reason using the keyboard only; the other supplier's wall loses it; its author sees "Hidden by
 * an officer" and why; the officer sees it under "Hidden notes" and restores it. Removing someone with
 * "Also hide everything they posted" takes their notes off the wall. Screenshots at 1280×800 and 360×740
 * and axe-core on each screen (checkWallView).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { startAppProcess, type AppProcess } from '../helpers/appProcess.js';
import { launchBrowser } from '../helpers/browser.js';
import {
  SUPPLIER_A,
  SUPPLIER_B,
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
  type Actor,
} from './wallSteps.js';

const TEST_TIMEOUT_MS = 120_000;
const IDEA = 'Ring our sales line on 0161 496 0000 for a special price';

let browser: Browser;
let app: AppProcess;
/** The first officer, set up once per app (the set-up link works once). */
let officerClient: Awaited<ReturnType<typeof setUpOfficerByApi>>;
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

async function actor(client: Parameters<typeof openActor>[1] = null): Promise<Actor> {
  const opened = await openActor(browser, client);
  contexts.push(opened.context);
  return opened;
}

describe('[#12.moderation] moderation in the browser', () => {
  it(
    '[#12.moderation] an officer hides a note with a reason by keyboard; others lose it, its author sees why, the officer restores it',
    async () => {
      const { board, participantLink } = await createBoardByApi(officerClient);
      const officer = await actor(officerClient);
      const errors = [watchPageErrors(officer.page)];
      await openWall(officer.page, app.url, board.id);
      const problemId = await addProblemInUi(officer.page);
      const lane = `problem-${problemId}`;

      const [author, other] = await Promise.all([
        joinByApi(app.url, participantLink, SUPPLIER_A).then(actor),
        joinByApi(app.url, participantLink, SUPPLIER_B).then(actor),
      ]);
      errors.push(watchPageErrors(author.page), watchPageErrors(other.page));
      await Promise.all([openWall(author.page, app.url, board.id), openWall(other.page, app.url, board.id)]);
      await addNoteInUi(author.page, lane, IDEA);
      await notesWithText(other.page, IDEA).waitFor({ timeout: SYNC_TIMEOUT_MS });
      const onOfficerWall = notesWithText(officer.page, IDEA);
      await onOfficerWall.waitFor({ timeout: SYNC_TIMEOUT_MS });

      // Participants get no "Hide" at all.
      expect(await notesWithText(other.page, IDEA).getByRole('button', { name: /^Hide/ }).count()).toBe(0);

      // Keyboard only: focus "Hide", Enter opens the form with focus on the first reason.
      const hideButton = onOfficerWall.getByRole('button', { name: `Hide note by ${SUPPLIER_A.name}, ${SUPPLIER_A.organisation}` });
      await hideButton.focus();
      await officer.page.keyboard.press('Enter');
      const form = officer.page.getByTestId('hide-note-form');
      await form.waitFor();
      expect(await officer.page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('off-topic');
      await checkWallView(officer.page, 'moderation-hide-form');

      // Hiding without a reason says what is missing and keeps focus on the reasons.
      await form.getByRole('button', { name: 'Hide note' }).click();
      await form.getByText('Choose why you are hiding it').waitFor();
      expect(await officer.page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('off-topic');

      // Arrow keys choose "Personal data" (the fourth reason), Tab to the detail, Tab to "Hide note", Enter.
      await officer.page.keyboard.press('ArrowDown');
      await officer.page.keyboard.press('ArrowDown');
      await officer.page.keyboard.press('ArrowDown');
      expect(await form.getByRole('radio', { name: 'Personal data' }).isChecked()).toBe(true);
      await officer.page.keyboard.press('Tab');
      await officer.page.keyboard.type('It gives a personal phone number.');
      await officer.page.keyboard.press('Tab');
      await officer.page.keyboard.press('Enter');

      // Gone from every other wall; focus stayed on the page (not lost to the body).
      await notesWithText(officer.page, IDEA).waitFor({ state: 'detached', timeout: SYNC_TIMEOUT_MS });
      await notesWithText(other.page, IDEA).waitFor({ state: 'detached', timeout: SYNC_TIMEOUT_MS });
      expect(await officer.page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');
      await officer.page.getByTestId('action-announcer').getByText(`Note by ${SUPPLIER_A.name}`, { exact: false }).waitFor();

      // The public moderation log on another participant's page gains the hide a few seconds later (it is
      // read again once after a burst of wall changes, not on every one).
      await other.page.getByTestId('moderation-log-entry').first().waitFor({ timeout: SYNC_TIMEOUT_MS });

      // The author still has it, marked hidden and why.
      const mine = notesWithText(author.page, IDEA);
      await mine.getByText('Hidden by an officer: it contains personal data. It gives a personal phone number.').waitFor({ timeout: SYNC_TIMEOUT_MS });

      // The officer's list says what, who, why and by whom.
      const hiddenItem = officer.page.getByTestId('hidden-note').filter({ hasText: IDEA });
      await hiddenItem.waitFor({ timeout: SYNC_TIMEOUT_MS });
      await hiddenItem.getByText('Personal data', { exact: false }).waitFor();
      await hiddenItem.getByText('Hidden by Priya', { exact: false }).waitFor();
      await hiddenItem.scrollIntoViewIfNeeded();
      await checkWallView(officer.page, 'moderation-officer-hidden-list');
      await mine.scrollIntoViewIfNeeded();
      await checkWallView(author.page, 'moderation-author-sees-hidden');
      await checkWallView(other.page, 'moderation-other-participant');

      // Restore puts it back for everyone.
      await hiddenItem.getByRole('button', { name: /^Restore/ }).click();
      await notesWithText(other.page, IDEA).waitFor({ timeout: SYNC_TIMEOUT_MS });
      await notesWithText(officer.page, IDEA).waitFor({ timeout: SYNC_TIMEOUT_MS });
      await mine.getByText('On the wall').waitFor({ timeout: SYNC_TIMEOUT_MS });
      await officer.page.getByTestId('hidden-notes').getByText('Nothing is hidden.').waitFor();

      for (const watcher of errors) expect(watcher.list()).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    '[#12.moderation] removing a participant with “Also hide everything they posted” takes their notes off the wall',
    async () => {
      const { board, participantLink } = await createBoardByApi(officerClient);
      const officer = await actor(officerClient);
      await openWall(officer.page, app.url, board.id);
      const problemId = await addProblemInUi(officer.page);
      const author = await joinByApi(app.url, participantLink, { name: 'Rex Spammer', organisation: 'Spam Ltd' }).then(actor);
      await openWall(author.page, app.url, board.id);
      await addNoteInUi(author.page, `problem-${problemId}`, 'Buy our product now');
      await notesWithText(officer.page, 'Buy our product now').waitFor({ timeout: SYNC_TIMEOUT_MS });

      const settings = await actor(officerClient);
      await settings.page.goto(`${app.url}/boards/${board.id}/settings/people`);
      const person = settings.page.getByTestId('participant').filter({ hasText: 'Rex Spammer' });
      await person.getByRole('button', { name: 'Remove Rex Spammer' }).click();
      await person.getByLabel('Also hide everything they posted').check();
      await person.getByRole('button', { name: 'Yes, remove them' }).click();
      // No reason yet: asked for one, nothing removed.
      await person.getByText('Choose why you are hiding it').waitFor();
      await person.getByRole('radio', { name: 'Commercial in confidence' }).check();
      await person.getByLabel('More detail (optional)').fill('Sales pitch.');
      await checkWallView(settings.page, 'moderation-remove-and-hide');
      await person.getByRole('button', { name: 'Yes, remove them' }).click();
      await settings.page.getByTestId('participants-outcome').getByText('1 person removed. 1 note or comment hidden from the wall.').waitFor();
      await notesWithText(officer.page, 'Buy our product now').waitFor({ state: 'detached', timeout: SYNC_TIMEOUT_MS });
    },
    TEST_TIMEOUT_MS,
  );
});


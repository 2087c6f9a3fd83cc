/**
 * Anonymous mode in real Chromium against the built app (issue 12): the officer switches it on from the
 * wall's officer controls (keyboard only); a supplier then sees the other supplier's idea as "Anonymous",
 * their own as "You", a one-line notice, and no names in presence (participants see a count); the officer still
 * sees who wrote each idea, tagged "Not shown to suppliers". Screenshots at 1280×800 and 360×740 and
 * axe-core for both views; switching off brings the names back.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppProcess, type AppProcess } from '../helpers/appProcess.js';
import { launchBrowser } from '../helpers/browser.js';
import {
  SUPPLIER_A,
  SUPPLIER_B,
  SYNC_TIMEOUT_MS,
  addNoteInUi,
  addProblemInUi,
  authorLine,
  checkWallView,
  createBoardByApi,
  joinThroughLinkInBrowser,
  notesWithText,
  openActor,
  openWall,
  setUpOfficerByApi,
  waitForPresence,
  watchPageErrors,
  type Actor,
} from './wallSteps.js';

const TEST_TIMEOUT_MS = 120_000;

let browser: Browser;
let app: AppProcess;
const actors: Actor[] = [];

beforeAll(async () => {
  [browser, app] = await Promise.all([launchBrowser(), startAppProcess({ env: { SEED_DEMO: 'false' } })]);
}, 60_000);

afterAll(async () => {
  await Promise.all(actors.map((actor) => actor.context.close()));
  await browser?.close();
  await app?.remove();
});

describe('[#12.anonymity] anonymous mode in the browser', () => {
  it(
    '[#12.anonymity] participants see ideas without names, officers still see authors; screenshots and axe for both',
    async () => {
      const officerClient = await setUpOfficerByApi(app);
      const { board, participantLink } = await createBoardByApi(officerClient);
      const [officer, supplierA, supplierB] = await Promise.all([openActor(browser, officerClient), openActor(browser), openActor(browser)]);
      actors.push(officer, supplierA, supplierB);
      const errors = [officer, supplierA, supplierB].map((actor) => watchPageErrors(actor.page));
      await openWall(officer.page, app.url, board.id);
      const problemId = await addProblemInUi(officer.page);
      const lane = `problem-${problemId}`;
      await Promise.all([
        joinThroughLinkInBrowser(supplierA.page, participantLink, SUPPLIER_A),
        joinThroughLinkInBrowser(supplierB.page, participantLink, SUPPLIER_B),
      ]);
      await addNoteInUi(supplierB.page, lane, 'Text carers when a respite place frees up');
      await notesWithText(supplierA.page.getByTestId(lane), 'Text carers when a respite place frees up').getByText(authorLine(SUPPLIER_B)).waitFor({ timeout: SYNC_TIMEOUT_MS });

      // The officer switches it on with the keyboard: focus the box, Space.
      const setting = officer.page.getByTestId('anonymity-setting');
      await expect(setting.innerText()).resolves.toContain('Suppliers will not see who wrote each idea. Officers still will.');
      await officer.page.getByLabel('Anonymous ideas').focus();
      await officer.page.keyboard.press('Space');
      await officer.page.locator('[data-testid="anonymity-setting"][data-anonymous="true"]').waitFor({ timeout: SYNC_TIMEOUT_MS });
      await expect(officer.page.getByLabel('Anonymous ideas').isChecked()).resolves.toBe(true);

      // Supplier A: the notice, the other supplier's idea as "Anonymous", their own as "You", no names.
      await supplierA.page.getByTestId('anonymous-notice').waitFor({ timeout: SYNC_TIMEOUT_MS });
      const othersNote = notesWithText(supplierA.page.getByTestId(lane), 'Text carers when a respite place frees up');
      await othersNote.locator('.note__author', { hasText: /^Anonymous$/ }).waitFor({ timeout: SYNC_TIMEOUT_MS });
      const ownNote = await addNoteInUi(supplierA.page, lane, 'One phone number for every provider');
      await ownNote.locator('.note__author', { hasText: /^You$/ }).waitFor();
      await waitForPresence(supplierA.page, 3);
      const wallText = await supplierA.page.getByTestId('wall').innerText();
      for (const hidden of [SUPPLIER_B.name, SUPPLIER_B.organisation]) expect(wallText).not.toContain(hidden);
      await checkWallView(supplierA.page, 'anonymity-participant');

      // The officer: authors from the participants list, tagged as not shown to suppliers.
      const officerLane = officer.page.getByTestId(lane);
      for (const [text, person] of [
        ['Text carers when a respite place frees up', SUPPLIER_B],
        ['One phone number for every provider', SUPPLIER_A],
      ] as const) {
        const note = notesWithText(officerLane, text);
        await note.getByText(authorLine(person)).waitFor({ timeout: SYNC_TIMEOUT_MS });
        await note.getByTestId('author-hidden-tag').waitFor();
      }
      await checkWallView(officer.page, 'anonymity-officer');

      // Switched off: names come back for the participant. (The box follows the server, so it changes once
      // the server has switched: a click, then its new state.)
      await officer.page.getByLabel('Anonymous ideas').click();
      await officer.page.locator('[data-testid="anonymity-setting"][data-anonymous="false"]').waitFor({ timeout: SYNC_TIMEOUT_MS });
      await othersNote.getByText(authorLine(SUPPLIER_B)).waitFor({ timeout: SYNC_TIMEOUT_MS });
      await supplierA.page.getByTestId('anonymous-notice').waitFor({ state: 'detached' });
      for (const watcher of errors) expect(watcher.list()).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});

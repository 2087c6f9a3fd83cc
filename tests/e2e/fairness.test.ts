/**
 * Fair and open in real Chromium against the built app (issue 13): two suppliers and an officer. The officer
 * seals ideas (keyboard); each supplier sees only their own idea, told it is sealed; the officer reveals and
 * both see both. A supplier asks a question privately; the officer answers from the queue and both suppliers
 * see question and answer, without the asker's name. The officer closes the board and records the council's
 * answer to an idea, which both suppliers see. Screenshots at 1280×800 and 360×740 and axe-core each time.
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
  checkWallView,
  createBoardByApi,
  joinThroughLinkInBrowser,
  notesWithText,
  openActor,
  openWall,
  setUpOfficerByApi,
  watchPageErrors,
  type Actor,
} from './wallSteps.js';

const TEST_TIMEOUT_MS = 180_000;

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

describe('[#13.fairness] sealed ideas, answers to all and the council’s answer in the browser', () => {
  it(
    '[#13.fairness] seal, reveal, a clarification answered to all, close, the council’s answer; screenshots and axe',
    async () => {
      const officerClient = await setUpOfficerByApi(app);
      const { board, participantLink } = await createBoardByApi(officerClient);
      const [officer, supplierA, supplierB] = await Promise.all([openActor(browser, officerClient), openActor(browser), openActor(browser)]);
      actors.push(officer, supplierA, supplierB);
      const errors = [officer, supplierA, supplierB].map((actor) => watchPageErrors(actor.page));
      await openWall(officer.page, app.url, board.id);
      const problemId = await addProblemInUi(officer.page);
      const lane = `problem-${problemId}`;
      // Details a supplier can act on: the officer adds some in the problem editor.
      const card = officer.page.getByTestId(lane);
      await card.getByRole('button', { name: /^Edit/ }).click();
      await card.getByLabel('Outcome sought (optional)').fill('Carers find a respite place in one call');
      await card.getByLabel('Project stage (optional)').selectOption('alpha');
      await card.getByLabel('Indicative value (optional)').selectOption('100k-500k');
      await card.getByLabel('Timing (optional)').fill('Tender in summer 2027');
      await card.getByRole('button', { name: 'Done', exact: true }).click();
      await card.getByTestId('problem-details').getByText('£100,000 to £500,000').waitFor({ timeout: SYNC_TIMEOUT_MS });

      // The officer seals ideas with the keyboard: focus the box, Space.
      await officer.page.getByLabel('Hide ideas until reveal').focus();
      await officer.page.keyboard.press('Space');
      await officer.page.locator('[data-testid="sealed-setting"][data-sealed="true"]').waitFor({ timeout: SYNC_TIMEOUT_MS });

      await Promise.all([
        joinThroughLinkInBrowser(supplierA.page, participantLink, SUPPLIER_A),
        joinThroughLinkInBrowser(supplierB.page, participantLink, SUPPLIER_B),
      ]);
      await supplierA.page.getByTestId('sealed-notice').waitFor({ timeout: SYNC_TIMEOUT_MS });
      await supplierA.page.getByTestId(lane).getByTestId('problem-details').getByText('Tender in summer 2027').waitFor({ timeout: SYNC_TIMEOUT_MS });
      const ideaA = 'Let carers book respite online at night';
      const ideaB = 'One phone number for every provider';
      const ownA = await addNoteInUi(supplierA.page, lane, ideaA);
      await addNoteInUi(supplierB.page, lane, ideaB);
      await ownA.getByText('Sealed: shown to everyone when the organiser reveals ideas.').waitFor({ timeout: SYNC_TIMEOUT_MS });
      await checkWallView(supplierA.page, 'fairness-sealed-supplier');
      expect(await notesWithText(supplierA.page.getByTestId(lane), ideaB).count()).toBe(0);
      expect(await notesWithText(supplierB.page.getByTestId(lane), ideaA).count()).toBe(0);

      // The officer reads sealed ideas, then reveals them all at once (keyboard: focus, Enter).
      await officer.page.getByRole('button', { name: 'Show sealed ideas' }).click();
      await officer.page.getByTestId('sealed-note').filter({ hasText: ideaA }).waitFor({ timeout: SYNC_TIMEOUT_MS });
      await checkWallView(officer.page, 'fairness-sealed-officer');
      await officer.page.getByTestId('reveal-ideas').focus();
      await officer.page.keyboard.press('Enter');
      await officer.page.locator('[data-testid="sealed-setting"][data-sealed="false"]').waitFor({ timeout: SYNC_TIMEOUT_MS });
      await notesWithText(supplierA.page.getByTestId(lane), ideaB).waitFor({ timeout: SYNC_TIMEOUT_MS });
      await notesWithText(supplierB.page.getByTestId(lane), ideaA).waitFor({ timeout: SYNC_TIMEOUT_MS });
      await supplierA.page.getByTestId('sealed-notice').waitFor({ state: 'detached' });

      // Supplier A asks privately, by keyboard; the officer answers from the queue; both suppliers see it.
      const question = 'Does the new service have to work with the current booking system?';
      await supplierA.page.getByLabel('Your question').fill(question);
      await supplierA.page.getByRole('button', { name: 'Send question to the council' }).focus();
      await supplierA.page.keyboard.press('Enter');
      await supplierA.page.getByTestId('my-questions').getByText('Waiting for an answer').waitFor({ timeout: SYNC_TIMEOUT_MS });
      expect(await supplierB.page.getByText(question).count()).toBe(0);
      const queued = officer.page.getByTestId('queued-question').filter({ hasText: question });
      await queued.waitFor({ timeout: SYNC_TIMEOUT_MS });
      await expect(queued.innerText()).resolves.toContain(SUPPLIER_A.name);
      const answer = 'Yes: through its published interface. We will share the details before the tender.';
      await queued.getByLabel('Answer').fill(answer);
      await queued.getByRole('button', { name: 'Publish answer to everyone' }).click();
      for (const supplier of [supplierA, supplierB]) {
        const published = supplier.page.getByTestId('published-answer').filter({ hasText: answer });
        await published.waitFor({ timeout: SYNC_TIMEOUT_MS });
        await expect(published.innerText()).resolves.toContain(question);
      }
      const questionsText = await supplierB.page.getByTestId('questions').innerText();
      for (const name of [SUPPLIER_A.name, SUPPLIER_A.organisation]) expect(questionsText).not.toContain(name);
      await supplierA.page.getByTestId('my-questions').getByText('Answered to everyone').waitFor({ timeout: SYNC_TIMEOUT_MS });
      await checkWallView(supplierB.page, 'fairness-answer-supplier');

      // Close the board (keyboard), then record the council's answer to supplier B's idea.
      const select = officer.page.getByLabel('Move the board to');
      await select.selectOption('closed');
      await officer.page.getByRole('button', { name: 'Change phase' }).click();
      await expect.poll(() => officer.page.getByTestId('phase-tag').textContent(), { timeout: SYNC_TIMEOUT_MS }).toBe('Closed');
      const form = officer.page.getByTestId('outcome-form');
      await form.waitFor({ timeout: SYNC_TIMEOUT_MS });
      const option = await form.getByLabel('Idea or group').locator('option', { hasText: ideaB }).getAttribute('value');
      await form.getByLabel('Idea or group').selectOption(option!);
      await form.getByLabel('Taken forward', { exact: true }).check();
      await form.getByLabel('Reason (optional)').fill('We will ask for a single number in the specification.');
      await form.getByRole('button', { name: 'Record answer' }).click();
      for (const supplier of [supplierA, supplierB]) {
        const answerOnWall = supplier.page.getByTestId('council-answer').filter({ hasText: ideaB });
        await answerOnWall.waitFor({ timeout: SYNC_TIMEOUT_MS });
        await expect(answerOnWall.innerText()).resolves.toContain('Taken forward');
      }
      await checkWallView(officer.page, 'fairness-council-answer-officer');
      await checkWallView(supplierA.page, 'fairness-council-answer-supplier');
      await supplierA.page.getByTestId('moderation-log').waitFor();
      for (const watcher of errors) expect(watcher.list()).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});

/**
 * The live wall's main journey in real Chromium against the built app: an officer writes a problem
 * statement and a three-stage service map on the wall; two suppliers who joined through the real
 * invitation link add notes to the stages; everyone (and an observer) sees everyone else's notes live,
 * with the author's name and organisation as the server stamped them; a supplier edits and deletes
 * their note and it changes and goes on every screen.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { startAppProcess, type AppProcess } from '../helpers/appProcess.js';
import { launchBrowser } from '../helpers/browser.js';
import {
  OBSERVER,
  PROBLEM,
  SERVICE_MAP,
  SUPPLIER_A,
  SUPPLIER_B,
  SYNC_TIMEOUT_MS,
  WALL_OFFICER,
  addNoteInUi,
  addProblemInUi,
  addServiceMapInUi,
  authorLine,
  createBoardByApi,
  joinThroughLinkInBrowser,
  notesWithText,
  openActor,
  openWall,
  presenceCount,
  setUpOfficerByApi,
  waitForPresence,
  watchPageErrors,
  type Actor,
} from './wallSteps.js';

const TEST_TIMEOUT_MS = 90_000;

let browser: Browser;
let app: AppProcess;
let contexts: BrowserContext[] = [];

beforeAll(async () => {
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

async function actor(client: Parameters<typeof openActor>[1] = null): Promise<Actor> {
  const opened = await openActor(browser, client);
  contexts.push(opened.context);
  return opened;
}

describe('the live wall', () => {
  it(
    'an officer and two suppliers see each other’s notes live, with server-stamped authors; edits and deletes reach everyone; an observer sees all and can post nothing',
    async () => {
      const officerClient = await setUpOfficerByApi(app);
      const { board, participantLink, observerLink } = await createBoardByApi(officerClient);

      // The officer writes the brief on the wall itself.
      const officer = await actor(officerClient);
      const officerErrors = watchPageErrors(officer.page);
      await openWall(officer.page, app.url, board.id);
      const problemId = await addProblemInUi(officer.page);
      const { stageIds } = await addServiceMapInUi(officer.page);
      expect(stageIds).toHaveLength(3);
      const [stage1, stage2, stage3] = stageIds.map((id) => `stage-${id}`) as [string, string, string];

      // Two suppliers and an observer come in through the real invitation links.
      const [supplierA, supplierB, observer] = await Promise.all([actor(), actor(), actor()]);
      const errors = [officerErrors, ...[supplierA, supplierB, observer].map((person) => watchPageErrors(person.page))];
      await Promise.all([
        joinThroughLinkInBrowser(supplierA.page, participantLink, SUPPLIER_A),
        joinThroughLinkInBrowser(supplierB.page, participantLink, SUPPLIER_B),
        joinThroughLinkInBrowser(observer.page, observerLink, OBSERVER),
      ]);

      // Everyone sees the officer's problem statement and the three stages, in order.
      for (const person of [supplierA, supplierB, observer]) {
        const problem = person.page.getByTestId(`problem-${problemId}`);
        await problem.getByRole('heading', { name: PROBLEM.title }).waitFor();
        expect(await problem.innerText()).toContain(PROBLEM.userNeeds);
        const stageTitles = await person.page.locator('[data-testid^="stage-"] h3').allInnerTexts();
        expect(stageTitles).toEqual(SERVICE_MAP.stages.map((stage) => stage.title));
      }

      // Presence: everyone here, by name.
      // Officer, two suppliers and the observer.
      await waitForPresence(officer.page, 4);
      expect(await presenceCount(officer.page)).toBe(4);
      const officerPresence = await officer.page.getByTestId('presence').innerText();
      for (const person of [SUPPLIER_A, SUPPLIER_B, OBSERVER]) expect(officerPresence).toContain(person.name);
      // Issue 14: participants see how many are here, not a list of names (a hall may hold 200).
      await waitForPresence(supplierA.page, 3);
      const presenceOfA = await supplierA.page.getByTestId('presence').innerText();
      expect(presenceOfA).not.toContain(WALL_OFFICER.name);
      expect(presenceOfA).not.toContain(SUPPLIER_B.name);

      // Typing shows in the lane on other screens.
      const laneOfA = supplierA.page.getByTestId(stage1);
      await laneOfA.getByRole('button', { name: 'Add a note' }).click();
      await laneOfA.getByLabel('Your idea').fill('A single number for carers');
      await officer.page.getByTestId(stage1).getByText(`${SUPPLIER_A.name} is typing…`).waitFor({ timeout: SYNC_TIMEOUT_MS });
      await laneOfA.getByRole('radio', { name: 'Green' }).check();
      await laneOfA.getByRole('button', { name: 'Add note' }).click();
      const noteA = notesWithText(laneOfA, 'A single number for carers');
      await noteA.waitFor();

      // Notes from each side.
      const noteB = await addNoteInUi(supplierB.page, stage2, 'Online booking for respite places', 'Blue');
      const noteOfficer = await addNoteInUi(officer.page, stage3, 'We could share our provider list', 'Pink');

      // Each author's own note reaches "On the wall".
      for (const [note, person] of [
        [noteA, SUPPLIER_A],
        [noteB, SUPPLIER_B],
      ] as const) {
        await note.and(note.page().locator('[data-note-state="published"]')).waitFor({ timeout: SYNC_TIMEOUT_MS });
        expect(await note.getAttribute('data-mine')).toBe('true');
        expect(await note.innerText()).toContain('On the wall');
        expect(await note.innerText()).toContain(authorLine(person));
      }
      await officer.page.getByTestId(stage1).getByText(`${SUPPLIER_A.name} is typing…`).waitFor({ state: 'detached', timeout: SYNC_TIMEOUT_MS });

      // Everyone sees everyone else's notes, in the right lane, with the right author and colour.
      const expected = [
        { lane: stage1, text: 'A single number for carers', author: authorLine(SUPPLIER_A), colour: 'Green', viewers: [officer, supplierB, observer] },
        { lane: stage2, text: 'Online booking for respite places', author: authorLine(SUPPLIER_B), colour: 'Blue', viewers: [officer, supplierA, observer] },
        { lane: stage3, text: 'We could share our provider list', author: `${WALL_OFFICER.name} Council officer`, colour: 'Pink', viewers: [supplierA, supplierB, observer] },
      ];
      for (const { lane, text, author, colour, viewers } of expected) {
        for (const viewer of viewers) {
          const seen = notesWithText(viewer.page.getByTestId(lane), text);
          await seen.waitFor({ timeout: SYNC_TIMEOUT_MS });
          const card = await seen.innerText();
          expect(card, `${text} as seen by another person`).toContain(author);
          expect(card).toContain(colour);
          expect(await seen.getAttribute('data-mine')).toBe('false');
          expect(await seen.getByRole('button', { name: 'Edit' }).count(), 'nobody can edit another person’s note').toBe(0);
          expect(await seen.getByRole('button', { name: 'Delete note' }).count()).toBe(0);
        }
      }
      expect(await noteOfficer.getAttribute('data-mine')).toBe('true');

      // The observer is told they are observing and is offered nothing to change.
      await observer.page.getByTestId('observer-notice').waitFor();
      for (const name of ['Add a note', 'Edit', 'Delete note', 'Add a problem statement', 'Add a service map', 'Add a stage']) {
        expect(await observer.page.getByRole('button', { name }).count(), `observer has no "${name}" button`).toBe(0);
      }
      // Nor can the suppliers change the brief.
      for (const name of ['Add a problem statement', 'Add a service map', 'Add a stage', 'Edit problem statement', 'Edit stage']) {
        expect(await supplierA.page.getByRole('button', { name }).count(), `a supplier has no "${name}" button`).toBe(0);
      }
      // Screen reader users watching the wall hear about new notes.
      await expect.poll(() => observer.page.getByTestId('new-notes-announcer').innerText(), { timeout: SYNC_TIMEOUT_MS }).toMatch(/\d+ new notes?/);

      // Supplier A edits their note: every screen shows the new text and colour. (While the form is
      // open the note's text is not shown, so the card is found by its key.)
      const cardA = supplierA.page.locator(`[data-note-key="${await noteA.getAttribute('data-note-key')}"]`);
      // Issue 14: a note's own actions are behind its one "Options" button.
      await cardA.getByRole('button', { name: 'Options for your note' }).click();
      await cardA.getByRole('button', { name: 'Edit your note' }).click();
      await cardA.getByLabel('Your idea').fill('A single phone number and web chat for carers');
      await cardA.getByRole('radio', { name: 'Orange' }).check();
      await cardA.getByRole('button', { name: 'Save note' }).click();
      const editedA = notesWithText(laneOfA, 'A single phone number and web chat for carers');
      await editedA.and(supplierA.page.locator('[data-note-state="published"]')).waitFor({ timeout: SYNC_TIMEOUT_MS });
      for (const viewer of [officer, supplierB, observer]) {
        const lane = viewer.page.getByTestId(stage1);
        const edited = notesWithText(lane, 'A single phone number and web chat for carers');
        await edited.waitFor({ timeout: SYNC_TIMEOUT_MS });
        expect(await edited.innerText()).toContain('Orange');
        expect(await edited.innerText()).toContain(authorLine(SUPPLIER_A));
        expect(await lane.getByTestId('note').count(), 'the edit replaced the note, it did not add one').toBe(1);
      }

      // Supplier A deletes it: it goes from every screen.
      await editedA.getByRole('button', { name: 'Options for your note' }).click();
      await editedA.getByRole('button', { name: 'Delete note' }).click();
      await editedA.waitFor({ state: 'detached' });
      for (const viewer of [officer, supplierB, observer]) {
        await viewer.page.getByTestId(stage1).getByTestId('note').first().waitFor({ state: 'detached', timeout: SYNC_TIMEOUT_MS });
        expect(await viewer.page.getByTestId(stage1).innerText()).toContain('No notes yet.');
      }
      // The other notes stay.
      for (const viewer of [officer, supplierA, observer]) {
        expect(await notesWithText(viewer.page.getByTestId(stage2), 'Online booking for respite places').count()).toBe(1);
      }

      expect(errors.flatMap((watcher) => watcher.list())).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});

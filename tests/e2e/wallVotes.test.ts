/**
 * Dot votes, reactions and comments in real Chromium against the built app (issue 12): three participants
 * vote on the same note and every page's count follows live; one of them votes with the keyboard alone;
 * reactions and comments show on the others' pages. Screenshots at 1280×800 and 360×740, axe at both.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { setPhase } from '../../shared/schema/briefMeta.js';
import { addDraftNote } from '../../shared/schema/draftNotes.js';
import { addProblem } from '../../shared/schema/problems.js';
import { startAppProcess, type AppProcess } from '../helpers/appProcess.js';
import { SCREENSHOT_DIR, launchBrowser } from '../helpers/browser.js';
import { connectDevice, personIdOf } from '../helpers/liveBoard.js';
import { waitFor, type LiveProvider } from '../helpers/liveClients.js';
import { focusedElement } from './wallFocus.js';
import { checkWallView, createBoardByApi, joinByApi, openActor, openWall, setUpOfficerByApi, SYNC_TIMEOUT_MS, watchPageErrors, type Actor } from './wallSteps.js';

const TEST_TIMEOUT_MS = 150_000;
const PEOPLE = [
  { name: 'Sam Okafor', organisation: 'Brightline Care Ltd' },
  { name: 'Ada Lovelace', organisation: 'Analytical Engines plc' },
  { name: 'Kofi Mensah', organisation: 'Kindred Support CIC' },
];

let browser: Browser;
let app: AppProcess;
let contexts: BrowserContext[] = [];
const providers: LiveProvider[] = [];

beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  [browser, app] = await Promise.all([launchBrowser(), startAppProcess({ env: { SEED_DEMO: 'false' } })]);
});

afterAll(async () => {
  await browser?.close();
  await app?.remove();
});

afterEach(async () => {
  for (const provider of providers.splice(0)) provider.destroy();
  await Promise.all(contexts.map((context) => context.close()));
  contexts = [];
});

/** Presses Tab until the focused element is named `name`; every stop must show where focus is. */
async function tabTo(page: Page, name: string, maxTabs = 80): Promise<void> {
  const path: string[] = [];
  for (let presses = 0; presses < maxTabs; presses += 1) {
    await page.keyboard.press('Tab');
    const focused = await focusedElement(page);
    path.push(focused?.description ?? '(nothing)');
    if (focused && !focused.hasVisibleIndicator) throw new Error(`${focused.description} has no visible focus (${focused.indicator})`);
    if (focused?.name === name) return;
  }
  throw new Error(`"${name}" not reached within ${maxTabs} Tab presses. Focus went: ${path.join(' → ')}`);
}

function voteCountOn(page: Page, noteKey: string) {
  return page.locator(`[data-note-key="${noteKey}"] [data-testid="vote-count"]`);
}

describe('dot voting on the wall', () => {
  it(
    '[#12.votes] three participants vote on a note, every page follows live, and one votes with the keyboard alone',
    async () => {
      const officer = await setUpOfficerByApi(app);
      const { board, participantLink } = await createBoardByApi(officer);
      const clients = await Promise.all(PEOPLE.map((person) => joinByApi(app.url, participantLink, person)));
      const author = await joinByApi(app.url, participantLink, { name: 'Noor Haddad', organisation: 'Civic Ideas Ltd' });

      // Set up outside the browser (not what is tested): a problem, two ideas on it, then voting opens.
      const brief = await connectDevice(app.url, `${board.id}/brief`, officer);
      providers.push(brief);
      const problemId = addProblem(brief.doc, { title: 'Carers cannot find respite quickly' });
      const authorId = await personIdOf(author, board.id);
      const draft = await connectDevice(app.url, `${board.id}/drafts/${authorId}`, author);
      providers.push(draft);
      const firstText = 'A single phone line for carers’ respite';
      const first = addDraftNote(draft.doc, { text: firstText, colour: 'yellow', targetId: problemId });
      addDraftNote(draft.doc, { text: 'Text message reminders for respite bookings', colour: 'green', targetId: problemId, createdAt: Date.now() + 1 });
      const wall = await connectDevice(app.url, `${board.id}/wall`, author);
      providers.push(wall);
      await waitFor(() => wall.doc.getMap('notes').size === 2, { what: 'both ideas on the wall', timeoutMs: SYNC_TIMEOUT_MS });
      setPhase(brief.doc, 'voting');
      const noteKey = `${authorId}:${first}`;
      const addName = `Add a vote to “${firstText}”`;

      const actors: Actor[] = [];
      for (const client of clients) {
        const actor = await openActor(browser, client);
        contexts.push(actor.context);
        await openWall(actor.page, app.url, board.id);
        actors.push(actor);
      }
      const errors = actors.map((actor) => watchPageErrors(actor.page));
      const pages = actors.map((actor) => actor.page);
      for (const page of pages) await page.getByTestId('voting-summary').waitFor({ timeout: SYNC_TIMEOUT_MS });
      await expect.poll(() => pages[0]!.getByTestId('votes-left').textContent()).toContain('You have 5 of 5 votes left');

      // Two participants click; every page's count follows.
      await pages[0]!.locator(`[data-note-key="${noteKey}"]`).getByRole('button', { name: addName }).click();
      await pages[0]!.locator(`[data-note-key="${noteKey}"]`).getByRole('button', { name: addName }).click();
      await pages[1]!.locator(`[data-note-key="${noteKey}"]`).getByRole('button', { name: addName }).click();
      for (const page of pages) await expect.poll(() => voteCountOn(page, noteKey).textContent(), { timeout: SYNC_TIMEOUT_MS }).toBe('3 votes');
      await expect.poll(() => pages[0]!.getByTestId('votes-left').textContent()).toContain('You have 3 of 5 votes left');

      // The third with the keyboard alone: Tab to the note's "Add a vote", Enter.
      const keyboardPage = pages[2]!;
      await keyboardPage.locator('body').focus();
      await tabTo(keyboardPage, addName);
      const focusedKey = await keyboardPage.evaluate(() => document.activeElement?.closest('[data-note-key]')?.getAttribute('data-note-key'));
      expect(focusedKey).toBe(noteKey);
      await keyboardPage.keyboard.press('Enter');
      for (const page of pages) await expect.poll(() => voteCountOn(page, noteKey).textContent(), { timeout: SYNC_TIMEOUT_MS }).toBe('4 votes');
      // "Remove a vote" appeared after "Add a vote": Tab reaches it, Enter takes the dot back.
      await tabTo(keyboardPage, `Remove a vote from “${firstText}”`, 3);
      await keyboardPage.keyboard.press('Enter');
      for (const page of pages) await expect.poll(() => voteCountOn(page, noteKey).textContent(), { timeout: SYNC_TIMEOUT_MS }).toBe('3 votes');
      await keyboardPage.locator(`[data-note-key="${noteKey}"]`).getByRole('button', { name: addName }).click();

      // A reaction and a comment show on the others' pages.
      const plusOne = pages[0]!.locator(`[data-note-key="${noteKey}"]`).getByTestId('reaction-plus-one');
      await plusOne.click();
      await expect.poll(() => plusOne.getAttribute('aria-pressed')).toBe('true');
      await expect
        .poll(() => pages[1]!.locator(`[data-note-key="${noteKey}"]`).getByTestId('reaction-plus-one').textContent(), { timeout: SYNC_TIMEOUT_MS })
        .toContain('+1: 1 person');
      const comments = pages[1]!.locator(`[data-note-key="${noteKey}"]`).getByTestId('note-comments');
      await comments.locator('summary').click();
      await comments.getByLabel('Add a comment').fill('We ran a line like this in 2023: happy to share what we learnt.');
      await comments.getByRole('button', { name: 'Add comment' }).click();
      const othersComments = pages[0]!.locator(`[data-note-key="${noteKey}"]`).getByTestId('note-comments');
      await expect.poll(() => othersComments.getByTestId('comment-count').textContent(), { timeout: SYNC_TIMEOUT_MS }).toBe('(1)');
      await othersComments.locator('summary').click();
      await expect.poll(() => othersComments.getByTestId('comment').first().textContent()).toContain('Ada Lovelace, Analytical Engines plc');

      await checkWallView(pages[0]!, 'wall-voting');
      await comments.waitFor();
      await checkWallView(pages[1]!, 'wall-voting-comment');
      for (const list of errors) expect(list.list()).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});

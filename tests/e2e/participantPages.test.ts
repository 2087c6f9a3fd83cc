/**
 * Issue 10, items 3, 4, 5 and 9 in the browser: the officers' people list (filter a burst, remove selected,
 * let back in), the page a removed person sees, the join form's identity errors and the email setting, the
 * officer badge on the wall, and the note form's hidden-character error. Screenshots at 1280×800 and 360×740
 * (test-results/screenshots/<name>-desktop.png and -phone.png), axe, layout at 360 px, a clean console.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { BoardView, InviteLinkView } from '../../shared/protocol/api.js';
import { addDraftNote } from '../../shared/schema/draftNotes.js';
import { addProblem } from '../../shared/schema/problems.js';
import { startAppProcess, type AppProcess } from '../helpers/appProcess.js';
import { launchBrowser } from '../helpers/browser.js';
import { newBrowserClient, tokenFromUrl, type BrowserClient } from '../helpers/http.js';
import { connectProvider, type LiveProvider } from '../helpers/liveClients.js';
import { BOARD, SUPPLIER, createBoardByApi, createInviteLinkByApi, joinByApi, setUpOfficerByApi } from './e2eScenario.js';
import { checkPage } from './pageChecks.js';
import { PageSession } from './pageSession.js';
import { checkWallView, waitForWallOnline } from './wallSteps.js';

const TEST_TIMEOUT_MS = 90_000;
const ACTION_TIMEOUT_MS = 10_000;

let browser: Browser;
let app: AppProcess;
let officer: BrowserClient;
let board: BoardView;
let participantLink: InviteLinkView;
const session = new PageSession(ACTION_TIMEOUT_MS);
const providers: LiveProvider[] = [];

beforeAll(async () => {
  [browser, app] = await Promise.all([launchBrowser(), startAppProcess({ env: { SEED_DEMO: 'false' } })]);
  officer = await setUpOfficerByApi(app);
  ({ board, participantLink } = await createBoardByApi(officer));
});

afterAll(async () => {
  for (const provider of providers.splice(0)) provider.destroy();
  await browser?.close();
  await app?.remove();
});

afterEach(async () => {
  await session.close();
});

function openPage(client: BrowserClient | null = null): Promise<Page> {
  return session.open(browser, client);
}

async function personIdOf(client: BrowserClient, boardId = board.id): Promise<string> {
  return (await client.get(`/api/boards/${boardId}`)).body.documents.personId as string;
}

describe('[#10.3] [#10.5] the officers’ people list', () => {
  it(
    '[#10.5] an officer filters a burst of joins, removes them all at once, and lets one back in',
    async () => {
      await joinByApi(app.url, participantLink, { name: 'Bea Honest', organisation: 'Fair Ltd' });
      const burstLink = await createInviteLinkByApi(officer, board.id, { role: 'participant' });
      const bots = await Promise.all(
        Array.from({ length: 5 }, (_, index) => joinByApi(app.url, burstLink, { name: `Seat Filler ${index + 1}`, organisation: 'Script Ltd' })),
      );
      const early = await joinByApi(app.url, participantLink, { name: 'Eve Mallory', organisation: 'Trouble Ltd' });
      const removed = await officer.post(`/api/boards/${board.id}/participants/${await personIdOf(early)}/remove`, {});
      expect(removed.status).toBe(200);

      const page = await openPage(officer);
      await page.goto(`${app.url}/boards/${board.id}/settings/people`);
      await page.getByRole('heading', { level: 2, name: 'People on this board' }).waitFor();
      await page.getByTestId('participant').first().waitFor();
      expect(await page.locator('#removal-explained').innerText()).toContain('cannot stop someone who uses another device');
      await page.getByRole('button', { name: 'Let Eve Mallory back in' }).waitFor();
      await checkPage(page, 'participants', session.problems);

      await page.locator('#participants-joined-within').selectOption('5');
      await page.locator('#participants-joined-by').selectOption({ label: `event code ${burstLink.code}` });
      await page.getByTestId('participants-count').filter({ hasText: 'Showing 5 of 7 people.' }).waitFor();
      await page.getByLabel('Select all 5 shown who are still on the board').check();
      await page.getByRole('button', { name: 'Remove selected (5)' }).click();
      await page.getByRole('button', { name: 'Yes, remove all 5' }).waitFor();
      await checkPage(page, 'participants-remove-selected', session.problems);
      await page.getByRole('button', { name: 'Yes, remove all 5' }).click();
      await page.getByTestId('participants-outcome').filter({ hasText: '5 people removed.' }).waitFor();
      for (const bot of bots) expect((await bot.get(`/api/boards/${board.id}`)).status).toBe(401);
      expect((await (await newBrowserClient(app.url)).get(`/api/boards/${board.id}/participants`)).status).toBe(401);

      await page.locator('#participants-joined-within').selectOption('0');
      await page.locator('#participants-joined-by').selectOption('');
      await page.getByRole('button', { name: 'Let Eve Mallory back in' }).click();
      await page.getByRole('button', { name: 'Yes, let them back in' }).click();
      await page.getByTestId('participants-outcome').filter({ hasText: 'Eve Mallory can join this board again.' }).waitFor();
      expect((await early.get(`/api/join/${tokenFromUrl(participantLink.url)}`)).status).toBe(200);
      expect(session.problems.list()).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    '[#10.3] a removed person opening the link again is told plainly that they were removed',
    async () => {
      const removedPerson = await joinByApi(app.url, participantLink, { name: 'Rex Removed', organisation: 'Gone Ltd' });
      expect((await officer.post(`/api/boards/${board.id}/participants/${await personIdOf(removedPerson)}/remove`, {})).status).toBe(200);
      const page = await openPage(removedPerson);
      await page.goto(participantLink.url);
      await page.getByRole('heading', { level: 1, name: 'You have been removed from this board' }).waitFor();
      expect(await page.getByTestId('removed-from-board').innerText()).toContain('Contact the council if you think this is a mistake.');
      await checkPage(page, 'removed-from-board', session.problems);
    },
    TEST_TIMEOUT_MS,
  );
});

describe('[#10.4] identity at join in the browser', () => {
  it(
    '[#10.4] a look-alike of someone already on the board and an officer-like name are refused on the join form',
    async () => {
      await joinByApi(app.url, participantLink, { name: 'Alice Supplier', organisation: 'Acme Ltd' });
      const page = await openPage();
      await page.goto(participantLink.url);
      await page.getByLabel('Full name').fill('Olive Officer (council officer)');
      await page.getByLabel('Organisation', { exact: true }).fill('Acme Ltd');
      await page.getByLabel('I have read and accept the fair-engagement notice').check();
      await page.getByRole('button', { name: 'Join the board' }).click();
      await page.locator('.error-summary').getByText('Your name must not include ‘officer’', { exact: false }).waitFor();

      await page.getByLabel('Full name').fill('\u0410lice Supplier');
      await page.getByRole('button', { name: 'Join the board' }).click();
      await page.locator('.error-summary').getByText('Someone has already joined as Alice Supplier from Acme Ltd', { exact: false }).waitFor();
      expect(await page.locator('#name-error').innerText()).toContain('Someone has already joined as Alice Supplier from Acme Ltd');
      await checkPage(page, 'join-duplicate', session.problems);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    '[#10.4] a board that asks for emails shows the field as required; officers turn it on in settings',
    async () => {
      const { board: emailBoard, participantLink: emailLink } = await createBoardByApi(officer, { ...BOARD, title: 'Board asking for emails' });
      const settings = await openPage(officer);
      await settings.goto(`${app.url}/boards/${emailBoard.id}/settings/links`);
      await settings.getByLabel('Ask people for their email when they join').check();
      await settings.getByRole('button', { name: 'Save joining setting' }).click();
      await settings.getByText('People must now give their email when they join.').waitFor();
      await checkPage(settings, 'settings-join-email', session.problems);
      await session.close();

      const page = await openPage();
      await page.goto(emailLink.url);
      await page.getByLabel('Email address', { exact: true }).waitFor();
      await page.getByLabel('Full name').fill('Bea Honest');
      await page.getByLabel('Organisation', { exact: true }).fill('Fair Ltd');
      await page.getByLabel('I have read and accept the fair-engagement notice').check();
      await page.getByRole('button', { name: 'Join the board' }).click();
      await page.locator('#email-error').getByText('Enter your email address', { exact: false }).waitFor();
      await checkPage(page, 'join-email-required', session.problems);
      await page.getByLabel('Email address', { exact: true }).fill('bea@fair.example');
      await page.getByRole('button', { name: 'Join the board' }).click();
      await page.waitForURL(/\/boards\/[^/]+$/);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    '[#10.4] [#10.9] the wall shows an officer’s badge from the server’s role, and the note form refuses hidden characters',
    async () => {
      const supplier = await joinByApi(app.url, participantLink, SUPPLIER);
      const brief = await connectProvider(app.url, `${board.id}/brief`, officer);
      const officerDraft = await connectProvider(app.url, `${board.id}/drafts/${await personIdOf(officer)}`, officer);
      providers.push(brief, officerDraft);
      const problemId = addProblem(brief.doc, { title: 'Carers wait too long for respite', body: 'Bookings are by phone only.' });
      addDraftNote(officerDraft.doc, { text: 'We can share our provider list', targetId: problemId });

      const page = await openPage(supplier);
      await page.goto(`${app.url}/boards/${board.id}`);
      await waitForWallOnline(page);
      const officerNote = page.getByTestId('note').filter({ hasText: 'We can share our provider list' });
      await officerNote.waitFor();
      const badge = officerNote.getByTestId('officer-badge');
      expect(await badge.innerText()).toBe('Council officer');
      expect(await badge.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe('rgb(29, 112, 184)');
      expect(await officerNote.locator('.note__author').innerText()).toBe('Priya Shah Council officer');

      const lane = page.getByTestId(`problem-${problemId}`);
      await lane.getByRole('button', { name: 'Add a note' }).click();
      await lane.getByLabel('Your idea').fill('Text with a zero\u200Bwidth space');
      await lane.getByRole('button', { name: 'Add note' }).click();
      await lane.getByText('Your idea contains a hidden character (zero-width space, U+200B)', { exact: false }).waitFor();
      await checkWallView(page, 'wall-officer-badge-hidden-character');
    },
    TEST_TIMEOUT_MS,
  );
});

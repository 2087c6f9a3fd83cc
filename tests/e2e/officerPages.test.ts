/**
 * Issue 10, item 1 in the browser: co-officers with Remove (asked first) and Leave, pending invitations with
 * Withdraw, the "Officer changes" table, "Invitations to you" on the dashboard with Accept and Decline, and
 * the invitation page when it is used, withdrawn or opened by another account. Every screen gets the checks
 * of pages.test.ts (screenshots at 1280×800 and 360×740, axe, 360 px layout, one h1, a clean console).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { BoardView } from '../../shared/protocol/api.js';
import { startAppProcess, type AppProcess } from '../helpers/appProcess.js';
import { launchBrowser } from '../helpers/browser.js';
import { newBrowserClient, tokenFromUrl, type BrowserClient } from '../helpers/http.js';
import { BOARD, OFFICER, createBoardByApi, setUpOfficerByApi } from './e2eScenario.js';
import { checkPage } from './pageChecks.js';
import { PageSession } from './pageSession.js';

const TEST_TIMEOUT_MS = 60_000;
const ACTION_TIMEOUT_MS = 10_000;
const TOM = { name: 'Tom Okafor', email: 'tom.okafor@council.example.gov.uk', password: 'another long passphrase' };
const AMINA = { name: 'Amina Clarke', email: 'amina.clarke@council.example.gov.uk', password: 'amina long passphrase' };
const HIGHWAYS = { ...BOARD, title: 'Highways winter maintenance' };

let browser: Browser;
let app: AppProcess;
let priya: BrowserClient;
let tom: BrowserClient;
let amina: BrowserClient;
let board: BoardView;
const session = new PageSession(ACTION_TIMEOUT_MS);

async function post(client: BrowserClient, path: string, body?: unknown, status = 200): Promise<any> {
  const response = await client.post(path, body);
  if (response.status !== status) throw new Error(`POST ${path} answered ${response.status}: ${response.text}`);
  return response.body;
}

/** A new officer through an invitation link; returns their signed-in browser. */
async function newOfficer(inviter: BrowserClient, boardId: string, person: typeof TOM): Promise<BrowserClient> {
  const { invitation } = await post(inviter, `/api/boards/${boardId}/officers`, { email: person.email }, 201);
  const client = await newBrowserClient(app.url);
  await post(client, `/api/officer-invitations/${tokenFromUrl(invitation.url)}`, { name: person.name, password: person.password }, 201);
  return client;
}

beforeAll(async () => {
  [browser, app] = await Promise.all([launchBrowser(), startAppProcess({ env: { SEED_DEMO: 'false' } })]);
  priya = await setUpOfficerByApi(app);
  ({ board } = await createBoardByApi(priya));
  tom = await newOfficer(priya, board.id, TOM);
  // Amina runs another board; Priya's invitation to her waits on her dashboard.
  const { board: other } = await createBoardByApi(priya, { ...BOARD, title: 'Adult social care: day services' });
  amina = await newOfficer(priya, other.id, AMINA);
  await post(priya, `/api/boards/${board.id}/officers`, { email: 'new.officer@council.example.gov.uk' }, 201);
  const withdrawn = await post(priya, `/api/boards/${board.id}/officers`, { email: 'changed.role@council.example.gov.uk' }, 201);
  await post(priya, `/api/boards/${board.id}/officer-invitations/${withdrawn.invitation.id}/withdraw`);
});

afterAll(async () => {
  await browser?.close();
  await app?.remove();
});

afterEach(async () => {
  await session.close();
});

function openPage(client: BrowserClient | null = null): Promise<Page> {
  return session.open(browser, client);
}

async function heading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

describe('[#10.1] officer screens at desktop and phone sizes', () => {
  it(
    '[#10.1] board settings: co-officers with Remove and Leave, a pending invitation with Withdraw, and the officer changes',
    async () => {
      const page = await openPage(priya);
      await page.goto(`${app.url}/boards/${board.id}/settings/officers`);
      await heading(page, 'Officers');
      const officers = page.getByTestId('officers');
      await officers.getByText(TOM.email).waitFor();
      expect(await officers.innerText()).toContain(`${OFFICER.name} (you)`);
      await page.getByRole('button', { name: `Remove ${TOM.name}` }).waitFor();
      await page.getByRole('button', { name: 'Leave this board' }).waitFor();
      await page.getByRole('button', { name: 'Withdraw the invitation to new.officer@council.example.gov.uk' }).waitFor();
      const changes = page.getByTestId('officer-changes');
      await changes.waitFor();
      expect(await changes.innerText()).toContain(`${OFFICER.name} withdrew the invitation to changed.role@council.example.gov.uk`);
      expect(await changes.innerText()).toContain(`${TOM.name} accepted the invitation sent to ${TOM.email}`);
      await checkPage(page, 'settings-officers', session.problems);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    '[#10.1] removing a co-officer asks first, then removes them and records it',
    async () => {
      const page = await openPage(priya);
      await page.goto(`${app.url}/boards/${board.id}/settings/officers`);
      await page.getByRole('button', { name: `Remove ${TOM.name}` }).click();
      await page.getByRole('button', { name: 'Yes, remove them' }).waitFor();
      expect(await page.getByText(`Remove ${TOM.name} as an officer of this board?`).count()).toBe(1);
      await checkPage(page, 'settings-remove-officer-confirm', session.problems);

      await page.getByRole('button', { name: 'Yes, remove them' }).click();
      await page.getByText(`${TOM.name} is no longer an officer of this board.`).waitFor();
      await page.getByTestId('officer-changes').getByText(`${OFFICER.name} removed ${TOM.name} as an officer`).waitFor();
      expect(await page.getByTestId('officers').innerText()).not.toContain(TOM.email);
      // Priya is now the only officer: she may not leave.
      expect(await page.getByRole('button', { name: 'Leave this board' }).count()).toBe(0);
      await page.getByText('A board always has at least one officer.').waitFor();
      expect((await tom.get(`/api/boards/${board.id}`)).status).toBe(404);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    '[#10.1] an officer removed while on the board page is told at once, and the page stops updating',
    async () => {
      const { board: roads } = await createBoardByApi(priya, { ...BOARD, title: 'Roads and pavements' });
      const { invitation } = await post(priya, `/api/boards/${roads.id}/officers`, { email: AMINA.email }, 201);
      await post(amina, `/api/my-invitations/${invitation.id}/accept`);
      const aminaId = (await amina.get('/api/session')).body.session.account.id as string;
      const page = await openPage(amina);
      await page.goto(`${app.url}/boards/${roads.id}`);
      await page.locator('[data-testid=connection-status][data-status=online]').waitFor();

      await post(priya, `/api/boards/${roads.id}/officers/${aminaId}/remove`);

      const removed = page.getByTestId('removed');
      await removed.waitFor({ timeout: 3_000 });
      expect(await removed.innerText()).toContain('You are no longer an officer of this board');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    '[#10.1] dashboard: an invitation to you, accepted with one press',
    async () => {
      const { board: highways } = await createBoardByApi(priya, HIGHWAYS);
      await post(priya, `/api/boards/${highways.id}/officers`, { email: AMINA.email }, 201);
      const page = await openPage(amina);
      await page.goto(`${app.url}/boards`);
      await heading(page, 'Your boards');
      await page.getByRole('heading', { name: 'Invitations to you' }).waitFor();
      await page.getByTestId('invitations-to-you').getByText(`${OFFICER.name} invited you`).waitFor();
      expect(await page.getByRole('link', { name: HIGHWAYS.title }).count()).toBe(0);
      await checkPage(page, 'dashboard-invitations', session.problems);

      await page.getByRole('button', { name: `Accept the invitation to ${HIGHWAYS.title}` }).click();
      await page.getByText(`You are now an officer of “${HIGHWAYS.title}”.`).waitFor();
      await page.getByRole('link', { name: HIGHWAYS.title }).waitFor();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    '[#10.1] dashboard: declining asks first and leaves you off the board',
    async () => {
      const { board: parks } = await createBoardByApi(priya, { ...BOARD, title: 'Parks and open spaces' });
      await post(priya, `/api/boards/${parks.id}/officers`, { email: AMINA.email }, 201);
      const page = await openPage(amina);
      await page.goto(`${app.url}/boards`);
      await page.getByRole('button', { name: 'Decline' }).click();
      await page.getByRole('button', { name: 'Yes, decline' }).click();
      await page.getByText('You declined the invitation to “Parks and open spaces”.').waitFor();
      expect((await amina.get(`/api/boards/${parks.id}`)).status).toBe(404);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    '[#10.1] invitation page, signed in with the invited address: one button to accept',
    async () => {
      const { board: libraries } = await createBoardByApi(priya, { ...BOARD, title: 'Libraries: the next ten years' });
      const { invitation } = await post(priya, `/api/boards/${libraries.id}/officers`, { email: AMINA.email }, 201);
      const page = await openPage(amina);
      await page.goto(invitation.url);
      await heading(page, 'Accept your invitation');
      await page.getByText(`You are signed in as ${AMINA.name}`).waitFor();
      await checkPage(page, 'officer-invitation-signed-in', session.problems);
      await page.getByRole('button', { name: 'Accept invitation' }).click();
      await page.waitForURL(`${app.url}/boards/${libraries.id}`);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    '[#10.1] invitation page opened by another account says so and offers to sign out',
    async () => {
      const { invitation } = await post(priya, `/api/boards/${board.id}/officers`, { email: 'someone.new@council.example.gov.uk' }, 201);
      const page = await openPage(amina);
      await page.goto(invitation.url);
      await heading(page, 'This invitation is for a different account');
      expect(await page.getByTestId('invitation-problem').innerText()).toContain(AMINA.email);
      await checkPage(page, 'officer-invitation-wrong-account', session.problems);
      await page.getByRole('button', { name: 'Sign out to use this invitation' }).click();
      await heading(page, 'Accept your invitation');
      await page.getByRole('button', { name: 'Create account' }).waitFor();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    '[#10.1] invitation page for a used link and for a withdrawn one',
    async () => {
      const { invitation: used } = await post(priya, `/api/boards/${board.id}/officers`, { email: 'used.link@council.example.gov.uk' }, 201);
      const newcomer = await newBrowserClient(app.url);
      await post(newcomer, `/api/officer-invitations/${tokenFromUrl(used.url)}`, { name: 'Una Used', password: 'a long enough password' }, 201);
      const { invitation: withdrawn } = await post(priya, `/api/boards/${board.id}/officers`, { email: 'gone@council.example.gov.uk' }, 201);
      await post(priya, `/api/boards/${board.id}/officer-invitations/${withdrawn.id}/withdraw`);

      const page = await openPage();
      await page.goto(used.url);
      await heading(page, 'This invitation has already been used');
      await checkPage(page, 'officer-invitation-used', session.problems);
      await page.goto(withdrawn.url);
      await heading(page, 'This invitation has been withdrawn');
      await checkPage(page, 'officer-invitation-withdrawn', session.problems);
    },
    TEST_TIMEOUT_MS,
  );
});

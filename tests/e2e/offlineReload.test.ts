/**
 * Issue 14: a phone that lost the venue wifi reloads the board page with NO network at all (HTTP too):
 * the app shell comes from the service worker, the board's answer and documents from the device's own
 * copies, the waiting notes are still there and counted, and they reach everyone when the wifi is back.
 * Also: a removed supplier is shown the removal page within a second, and the device drops its copies.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startAppProcess, type AppProcess } from '../helpers/appProcess.js';
import { launchBrowser } from '../helpers/browser.js';
import type { BrowserClient } from '../helpers/http.js';
import {
  PROBLEM,
  SUPPLIER_A,
  SUPPLIER_B,
  SYNC_TIMEOUT_MS,
  addNoteInUi,
  addProblemInUi,
  addServiceMapInUi,
  authorLine,
  createBoardByApi,
  joinByApi,
  notesWithText,
  openActor,
  openWall,
  setUpOfficerByApi,
  waitForDraftCache,
  waitForWallOnline,
  watchPageErrors,
  type Actor,
} from './wallSteps.js';
import { openSwitchableActor } from './wallNetwork.js';

const TEST_TIMEOUT_MS = 120_000;

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

async function boardWithBrief(title: string) {
  const { board, participantLink } = await createBoardByApi(officerClient, title);
  const officer = await actor(officerClient);
  await openWall(officer.page, app.url, board.id);
  await addProblemInUi(officer.page);
  const { stageIds } = await addServiceMapInUi(officer.page);
  return { board, participantLink, officer, lanes: stageIds.map((id) => `stage-${id}`) as [string, string, string] };
}

/** The page is controlled by the app shell's service worker (it installed and claimed the page). */
async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null && navigator.serviceWorker?.controller !== undefined, undefined, {
    timeout: SYNC_TIMEOUT_MS,
  });
}

function connectionStatus(page: Page) {
  return page.getByTestId('connection-status');
}

describe('[#14] the board page with no network at all', () => {
  it(
    '[#14] a reload with the whole site offline shows the cached wall and the waiting notes, which reach everyone when the network returns',
    async () => {
      const { board, participantLink, officer, lanes } = await boardWithBrief('Offline reload board');
      const supplierA = await openSwitchableActor(browser, await joinByApi(app.url, participantLink, SUPPLIER_A));
      contexts.push(supplierA.context);
      const errorsA = watchPageErrors(supplierA.page);
      const supplierB = await actor(await joinByApi(app.url, participantLink, SUPPLIER_B));
      await Promise.all([openWall(supplierA.page, app.url, board.id), openWall(supplierB.page, app.url, board.id)]);
      await waitForServiceWorker(supplierA.page);
      await addNoteInUi(supplierB.page, lanes[0], 'Carers’ card with discounts');
      await notesWithText(supplierA.page.getByTestId(lanes[0]), 'Carers’ card with discounts').waitFor({ timeout: SYNC_TIMEOUT_MS });

      // The wifi goes, HTTP and websockets alike; A writes two notes.
      await supplierA.network.goOffline();
      await addNoteInUi(supplierA.page, lanes[1], 'Text message reminders before assessments', 'Green');
      await addNoteInUi(supplierA.page, lanes[2], 'Plain-English support plans', 'Blue');
      await expect.poll(() => connectionStatus(supplierA.page).innerText(), { timeout: SYNC_TIMEOUT_MS }).toBe('Offline – 2 notes waiting to send');
      await waitForDraftCache(supplierA.page, ['Text message reminders before assessments', 'Plain-English support plans']);

      // A reload with nothing reachable: no HTTP, no websockets.
      expect(await supplierA.page.evaluate(() => fetch('/api/session').then(() => 'reached', () => 'unreachable'))).toBe('unreachable');
      await supplierA.page.reload();
      await supplierA.page.getByTestId('wall').waitFor({ timeout: SYNC_TIMEOUT_MS });
      await supplierA.page.getByRole('heading', { name: PROBLEM.title }).waitFor({ timeout: SYNC_TIMEOUT_MS });
      await expect.poll(() => connectionStatus(supplierA.page).innerText(), { timeout: SYNC_TIMEOUT_MS }).toBe('Offline – 2 notes waiting to send');
      for (const [lane, text] of [
        [lanes[1], 'Text message reminders before assessments'],
        [lanes[2], 'Plain-English support plans'],
      ] as const) {
        const note = notesWithText(supplierA.page.getByTestId(lane), text);
        await note.waitFor();
        expect(await note.getAttribute('data-note-state'), `${text} after the offline reload`).toBe('waiting');
      }
      expect(await notesWithText(supplierA.page.getByTestId(lanes[0]), 'Carers’ card with discounts').innerText()).toContain(authorLine(SUPPLIER_B));

      // The network returns: both notes reach the officer and B.
      await supplierA.network.goOnline();
      await waitForWallOnline(supplierA.page);
      for (const [lane, text] of [
        [lanes[1], 'Text message reminders before assessments'],
        [lanes[2], 'Plain-English support plans'],
      ] as const) {
        for (const viewer of [officer, supplierB]) {
          const seen = notesWithText(viewer.page.getByTestId(lane), text);
          await seen.waitFor({ timeout: SYNC_TIMEOUT_MS });
          expect(await seen.innerText()).toContain(authorLine(SUPPLIER_A));
        }
      }
      expect(await notesWithText(officer.page, 'Plain-English support plans').count()).toBe(1);
      expect(errorsA.list(), 'nothing went wrong in the page, offline or not').toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});

/**
 * Flaky venue wifi, in real Chromium against the built app: a supplier loses the connection, keeps
 * adding notes (shown as waiting, counted in the status), reloads the page, and when the connection
 * comes back every note reaches everyone and nobody's work is lost.
 *
 * How "offline" is made: see `NetworkSwitch` in wallNetwork.ts. `context.setOffline(true)` makes HTTP fail
 * and `navigator.onLine` false, but leaves this Chromium's already-open websockets open (the page
 * keeps saying "Online" until y-websocket's 30 s watchdog gives up), so the supplier's websockets are
 * also cut and refused through `routeWebSocket`. The last test here shows the setOffline-only case.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { startAppProcess, type AppProcess } from '../helpers/appProcess.js';
import { launchBrowser } from '../helpers/browser.js';
import type { BrowserClient } from '../helpers/http.js';
import {
  PROBLEM,
  SERVICE_MAP,
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

const TEST_TIMEOUT_MS = 90_000;
/** The wall counts a dropped connection as offline after OFFLINE_GRACE_MS (3 s) of "Connecting…". */
const SHOWS_OFFLINE_WITHIN_MS = 10_000;

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

/** A board with a problem statement and the three-stage map, written by the officer on the wall. */
async function boardWithBrief(title: string) {
  const { board, participantLink } = await createBoardByApi(officerClient, title);
  const officer = await actor(officerClient);
  await openWall(officer.page, app.url, board.id);
  const problemId = await addProblemInUi(officer.page);
  const { stageIds } = await addServiceMapInUi(officer.page);
  return { board, participantLink, officer, problemId, lanes: stageIds.map((id) => `stage-${id}`) as [string, string, string] };
}

function connectionStatus(person: Actor) {
  return person.page.getByTestId('connection-status');
}

describe('the wall on flaky wifi', () => {
  it(
    'a supplier offline adds two notes that wait, keeps them through a reload, and they reach everyone when the connection is back',
    async () => {
      const { board, participantLink, officer, lanes } = await boardWithBrief('Offline board');
      const [lane1, lane2, lane3] = lanes;

      // Supplier A's websockets all go through the switch; supplier B is on a good connection.
      const supplierA = await openSwitchableActor(browser, await joinByApi(app.url, participantLink, SUPPLIER_A));
      contexts.push(supplierA.context);
      const { network } = supplierA;
      const supplierB = await actor(await joinByApi(app.url, participantLink, SUPPLIER_B));
      const errorsA = watchPageErrors(supplierA.page);
      await Promise.all([openWall(supplierA.page, app.url, board.id), openWall(supplierB.page, app.url, board.id)]);

      // A note B wrote before A lost the connection: part of "the last wall A saw".
      await addNoteInUi(supplierB.page, lane1, 'Carers’ card with discounts');
      await notesWithText(supplierA.page.getByTestId(lane1), 'Carers’ card with discounts').waitFor({ timeout: SYNC_TIMEOUT_MS });

      // The wifi goes.
      await network.goOffline();
      await connectionStatus(supplierA).and(supplierA.page.locator('[data-status="offline"]')).waitFor({ timeout: SHOWS_OFFLINE_WITHIN_MS });
      expect(await connectionStatus(supplierA).innerText()).toBe('Offline');

      // A keeps working: two notes, both waiting, counted in the status.
      const first = await addNoteInUi(supplierA.page, lane2, 'Text message reminders before assessments', 'Green');
      const second = await addNoteInUi(supplierA.page, lane3, 'Plain-English support plans', 'Blue');
      for (const note of [first, second]) {
        expect(await note.getAttribute('data-note-state')).toBe('waiting');
        expect(await note.innerText()).toContain('Waiting to send');
      }
      await expect.poll(() => connectionStatus(supplierA).innerText(), { timeout: SYNC_TIMEOUT_MS }).toBe('Offline – 2 notes waiting to send');

      // Meanwhile B posts a note A cannot see yet; neither of A's notes reaches the others.
      await addNoteInUi(supplierB.page, lane2, 'Peer support groups in libraries');
      expect(await notesWithText(officer.page, 'Text message reminders').count()).toBe(0);
      expect(await notesWithText(supplierB.page, 'Plain-English support plans').count()).toBe(0);

      // A reloads. Without a service worker a reload with the network fully off cannot load the page at
      // all (net::ERR_INTERNET_DISCONNECTED), so the reload is done with HTTP up and the websockets still cut:
      // the documents can only come from the browser's y-indexeddb cache.
      await waitForDraftCache(supplierA.page, ['Text message reminders before assessments', 'Plain-English support plans']);
      await network.allowHttpOnly();
      await supplierA.page.reload();
      await supplierA.page.getByTestId('wall').waitFor();
      await expect.poll(() => connectionStatus(supplierA).innerText(), { timeout: SHOWS_OFFLINE_WITHIN_MS }).toBe('Offline – 2 notes waiting to send');
      for (const [lane, text] of [
        [lane2, 'Text message reminders before assessments'],
        [lane3, 'Plain-English support plans'],
      ] as const) {
        const note = notesWithText(supplierA.page.getByTestId(lane), text);
        await note.waitFor();
        expect(await note.getAttribute('data-note-state'), `${text} after the reload`).toBe('waiting');
      }
      // The last wall seen is still there: the brief and B's earlier note.
      await supplierA.page.getByRole('heading', { name: PROBLEM.title }).waitFor();
      expect(await supplierA.page.locator('[data-testid^="stage-"] h3').allInnerTexts()).toEqual(SERVICE_MAP.stages.map((stage) => stage.title));
      expect(await notesWithText(supplierA.page.getByTestId(lane1), 'Carers’ card with discounts').innerText()).toContain(authorLine(SUPPLIER_B));

      // The wifi comes back: both notes reach the officer and B, and show "On the wall" to A.
      await network.goOnline();
      await waitForWallOnline(supplierA.page);
      for (const [lane, text] of [
        [lane2, 'Text message reminders before assessments'],
        [lane3, 'Plain-English support plans'],
      ] as const) {
        const own = notesWithText(supplierA.page.getByTestId(lane), text);
        await own.and(supplierA.page.locator('[data-note-state="published"]')).waitFor({ timeout: SYNC_TIMEOUT_MS });
        expect(await own.innerText()).toContain('On the wall');
        for (const viewer of [officer, supplierB]) {
          const seen = notesWithText(viewer.page.getByTestId(lane), text);
          await seen.waitFor({ timeout: SYNC_TIMEOUT_MS });
          expect(await seen.innerText()).toContain(authorLine(SUPPLIER_A));
        }
      }
      await expect.poll(() => connectionStatus(supplierA).innerText(), { timeout: SYNC_TIMEOUT_MS }).toBe('Online');
      // And A now sees what B posted while A was away.
      await notesWithText(supplierA.page.getByTestId(lane2), 'Peer support groups in libraries').waitFor({ timeout: SYNC_TIMEOUT_MS });
      // Each note arrived once.
      expect(await notesWithText(officer.page, 'Text message reminders before assessments').count()).toBe(1);
      expect(await notesWithText(officer.page, 'Plain-English support plans').count()).toBe(1);

      expect(errorsA.list()).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'when the browser itself goes offline (context.setOffline only), the wall says so within a few seconds',
    async () => {
      // Only the browser's own offline switch: no websocket is cut by the test. The browser knows it is
      // offline (navigator.onLine is false and the window gets an 'offline' event); the wall should too,
      // rather than saying "Online" until y-websocket's 30 s watchdog notices nothing arrives.
      const { board, participantLink, lanes } = await boardWithBrief('Browser offline board');
      const supplier = await actor(await joinByApi(app.url, participantLink, SUPPLIER_A));
      await openWall(supplier.page, app.url, board.id);

      await supplier.context.setOffline(true);
      expect(await supplier.page.evaluate(() => navigator.onLine)).toBe(false);
      const note = await addNoteInUi(supplier.page, lanes[0], 'Written after the wifi dropped');
      const shown = await connectionStatus(supplier)
        .and(supplier.page.locator('[data-status="offline"]'))
        .waitFor({ timeout: SHOWS_OFFLINE_WITHIN_MS })
        .then(() => 'offline')
        .catch(async () => `still "${await connectionStatus(supplier).innerText()}" with the note "${await note.locator('.note__state').innerText()}"`);
      expect(shown, `${SHOWS_OFFLINE_WITHIN_MS / 1000} s after the browser went offline, the connection status`).toBe('offline');
    },
    TEST_TIMEOUT_MS,
  );
});

/**
 * How the live wall looks, and whether everyone can use it: screenshots at 1280×800 and 360×740
 * (test-results/screenshots/wall-*.png, to be looked at), axe-core with no serious or critical
 * violation, and no sideways page scroll at 360 px, for the officer, a supplier, an observer, a note
 * form, the brief editor and the offline state. Then markup in a note and in an organisation name
 * must show as text and never run.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startAppProcess, type AppProcess } from '../helpers/appProcess.js';
import { launchBrowser } from '../helpers/browser.js';
import type { BrowserClient } from '../helpers/http.js';
import {
  OBSERVER,
  PROBLEM,
  SUPPLIER_A,
  SUPPLIER_B,
  SYNC_TIMEOUT_MS,
  addNoteInUi,
  addProblemInUi,
  addServiceMapInUi,
  checkWallView,
  createBoardByApi,
  joinByApi,
  joinThroughLinkInBrowser,
  notesWithText,
  openActor,
  openWall,
  setUpOfficerByApi,
  waitForPresence,
  watchPageErrors,
  type Actor,
} from './wallSteps.js';
import { openSwitchableActor } from './wallNetwork.js';

const TEST_TIMEOUT_MS = 60_000;
const SETUP_TIMEOUT_MS = 90_000;

let browser: Browser;
let app: AppProcess;
let officerClient: BrowserClient;
let boardId: string;
let participantLinkUrl: Parameters<typeof joinByApi>[1];
let officer: Actor;
let supplierA: Actor;
let supplierB: Actor;
let observer: Actor;
let lanes: [string, string, string];
let problemLane: string;
const watchers: Array<ReturnType<typeof watchPageErrors>> = [];

/** A note long enough to wrap over many lines in a lane. */
const LONG_NOTE =
  'A shared calendar of respite places across all providers in the county, updated nightly, so that carers and social workers can see availability without phoning round. It could text carers when a place they want frees up.';

beforeAll(async () => {
  [browser, app] = await Promise.all([launchBrowser(), startAppProcess({ env: { SEED_DEMO: 'false' } })]);
  officerClient = await setUpOfficerByApi(app);
  const { board, participantLink, observerLink } = await createBoardByApi(officerClient);
  boardId = board.id;
  participantLinkUrl = participantLink;

  officer = await openActor(browser, officerClient);
  await openWall(officer.page, app.url, boardId);
  problemLane = `problem-${await addProblemInUi(officer.page)}`;
  const { stageIds } = await addServiceMapInUi(officer.page);
  lanes = stageIds.map((id) => `stage-${id}`) as [string, string, string];

  [supplierA, supplierB, observer] = await Promise.all([
    openActor(browser, await joinByApi(app.url, participantLink, SUPPLIER_A)),
    openActor(browser, await joinByApi(app.url, participantLink, SUPPLIER_B)),
    openActor(browser, await joinByApi(app.url, observerLink, OBSERVER)),
  ]);
  for (const person of [officer, supplierA, supplierB, observer]) watchers.push(watchPageErrors(person.page));
  await Promise.all([supplierA, supplierB, observer].map((person) => openWall(person.page, app.url, boardId)));

  // A wall with some life on it: notes from both suppliers and the officer, in every colour.
  await addNoteInUi(supplierA.page, lanes[0], 'A single phone number for carers', 'Yellow');
  await addNoteInUi(supplierA.page, lanes[1], LONG_NOTE, 'Green');
  await addNoteInUi(supplierB.page, problemLane, 'Book respite online, like a hotel room', 'Blue');
  await addNoteInUi(supplierB.page, lanes[2], 'Plain-English support plans', 'Pink');
  await addNoteInUi(officer.page, lanes[1], 'We already hold a list of providers we could share', 'Orange');
  // A confidential note: only the author (and officers) know of it; it never goes on the wall.
  const confidential = supplierA.page.getByTestId(problemLane);
  await confidential.getByRole('button', { name: 'Add a note' }).click();
  await confidential.getByLabel('Your idea').fill('We are in talks to buy a respite provider');
  await confidential.getByLabel('Confidential to the council').check();
  await confidential.getByRole('button', { name: 'Add note' }).click();

  // Everything settled: every published note on every screen, every author's note on the wall.
  for (const person of [officer, supplierA, supplierB, observer]) {
    await waitForPresence(person.page, 4);
    await person.page.waitForFunction(
      (count) => document.querySelectorAll('[data-testid="note"]:not([data-note-state="waiting"])').length === count,
      person === supplierA ? 6 : 5,
      { timeout: SYNC_TIMEOUT_MS },
    );
  }
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await app?.remove();
});

describe('how the wall looks to each person', () => {
  afterEach(() => {
    const errors = watchers.flatMap((watcher) => watcher.list());
    for (const watcher of watchers) watcher.clear();
    expect(errors, 'uncaught errors or console errors in the pages').toEqual([]);
  });

  it(
    'the officer’s view with problem statements, the service map and notes passes axe and fits a phone',
    async () => {
      await checkWallView(officer.page, 'wall-officer');
      expect(await officer.page.getByRole('button', { name: 'Add a problem statement' }).isVisible()).toBe(true);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'a supplier’s view, with their own notes’ states, passes axe and fits a phone',
    async () => {
      await checkWallView(supplierA.page, 'wall-participant');
      const confidential = notesWithText(supplierA.page, 'We are in talks to buy a respite provider');
      expect(await confidential.getAttribute('data-note-state')).toBe('not-published');
      expect(await confidential.innerText()).toContain('Confidential: only council officers can see this');
      for (const person of [officer, supplierB, observer]) {
        expect(await notesWithText(person.page, 'We are in talks').count(), 'a confidential note is not on the wall').toBe(0);
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'an observer’s view passes axe and fits a phone',
    async () => {
      await checkWallView(observer.page, 'wall-observer');
      expect(await observer.page.getByTestId('observer-notice').isVisible()).toBe(true);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'a supplier writing a note (the form open, someone typing) passes axe and fits a phone',
    async () => {
      const lane = supplierA.page.getByTestId(lanes[2]);
      await lane.getByRole('button', { name: 'Add a note' }).click();
      await lane.getByLabel('Your idea').fill('Video calls for assessments');
      await lane.getByRole('radio', { name: 'Pink' }).check();
      await officer.page.getByTestId(lanes[2]).getByText(`${SUPPLIER_A.name} is typing…`).waitFor({ timeout: SYNC_TIMEOUT_MS });
      try {
        await checkWallView(supplierA.page, 'wall-note-form');
        await checkWallView(officer.page, 'wall-someone-typing');
      } finally {
        await lane.getByRole('button', { name: 'Cancel' }).click();
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'the officer editing a problem statement and a stage passes axe and fits a phone',
    async () => {
      const problem = officer.page.getByTestId(problemLane);
      const stage = officer.page.getByTestId(lanes[0]);
      await problem.getByRole('button', { name: 'Edit problem statement' }).click();
      await stage.getByRole('button', { name: 'Edit stage' }).click();
      try {
        await problem.getByLabel('Problem title').waitFor();
        await checkWallView(officer.page, 'wall-officer-editing');
      } finally {
        await problem.getByRole('button', { name: 'Done', exact: true }).click();
        await stage.getByRole('button', { name: 'Done', exact: true }).click();
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'the offline state (a note waiting to send) passes axe and fits a phone',
    async () => {
      const client = await joinByApi(app.url, participantLinkUrl, { name: 'Chidi Anagonye', organisation: 'Good Place Services' });
      const { context, page, network } = await openSwitchableActor(browser, client);
      try {
        await openWall(page, app.url, boardId);
        // "Online" means the sockets are open, not that the brief has arrived: wait for the lane first.
        await page.getByTestId(lanes[0]).getByRole('button', { name: 'Add a note' }).waitFor({ timeout: SYNC_TIMEOUT_MS });
        await network.goOffline();
        await page.locator('[data-testid="connection-status"][data-status="offline"]').waitFor({ timeout: SYNC_TIMEOUT_MS });
        await addNoteInUi(page, lanes[0], 'Written on the train with no signal', 'Green');
        await expect.poll(() => page.getByTestId('connection-status').innerText(), { timeout: SYNC_TIMEOUT_MS }).toBe('Offline – 1 note waiting to send');
        await checkWallView(page, 'wall-offline');
      } finally {
        await context.close();
      }
    },
    TEST_TIMEOUT_MS,
  );

});

describe('markup in what people write', () => {
  it(
    'a note and an organisation name with HTML are shown as text to the officer and never run',
    async () => {
      const NOTE_TEXT = '<img src=x onerror="window.__xss=1"> and <script>window.__xss=2</script>';
      const ORGANISATION = '<b>Bold</b> & <img src=x onerror="window.__xss=3"> Ltd';
      const NAME = 'Mallory <i>Tables</i>';
      const { board, participantLink } = await createBoardByApi(officerClient, 'Markup board');
      const officerView = await officer.context.newPage();
      const supplier = await openActor(browser);
      try {
        await openWall(officerView, app.url, board.id);
        const lane = `problem-${await addProblemInUi(officerView, { ...PROBLEM, title: 'A <u>problem</u> title' })}`;

        // The supplier joins through the real form and posts through the real wall.
        await joinThroughLinkInBrowser(supplier.page, participantLink, { name: NAME, organisation: ORGANISATION });
        const own = await addNoteInUi(supplier.page, lane, NOTE_TEXT);
        await own.and(supplier.page.locator('[data-note-state="published"]')).waitFor({ timeout: SYNC_TIMEOUT_MS });

        const seen = notesWithText(officerView.getByTestId(lane), NOTE_TEXT);
        await seen.waitFor({ timeout: SYNC_TIMEOUT_MS });
        expect(await seen.locator('.note__text').innerText()).toBe(NOTE_TEXT);
        expect(await seen.locator('.note__author').innerText()).toBe(`${NAME}, ${ORGANISATION}`);
        await waitForPresence(officerView, 2);
        expect(await officerView.getByTestId('presence').innerText()).toContain(ORGANISATION);
        expect(await supplier.page.getByRole('heading', { name: 'A <u>problem</u> title' }).count()).toBe(1);

        for (const page of [officerView, supplier.page]) {
          expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), 'no script from a note ran').toBeUndefined();
          expect(await page.locator('img[src="x"]').count(), 'no <img src=x> element exists').toBe(0);
          expect(await page.locator('[data-testid="wall"] script, [data-testid="wall"] b, [data-testid="wall"] i, [data-testid="wall"] u').count()).toBe(0);
        }
      } finally {
        await officerView.close();
        await supplier.context.close();
      }
    },
    TEST_TIMEOUT_MS,
  );
});

/**
 * Issue 12, timer and spotlight in real Chromium: an officer runs a timer and participants whose clocks
 * are minutes wrong (Date shifted in the page, +7 and −5 minutes) see the same time left, late joiners
 * included; pause, extend and resume reach everyone; screen readers hear one minute left and time up.
 * Then the officer spotlights a stage and a problem: a participant's view follows (scrolls, highlights,
 * takes focus unless they are typing) until they stop following, and "Follow the organiser" brings them
 * back. Screenshots at 1280×800 and 360×740 and axe-core on each of those screens.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startAppProcess, type AppProcess } from '../helpers/appProcess.js';
import { SCREENSHOT_DIR, VIEWPORTS, launchBrowser } from '../helpers/browser.js';
import type { BrowserClient } from '../helpers/http.js';
import {
  SERVICE_MAP,
  SUPPLIER_A,
  SUPPLIER_B,
  SYNC_TIMEOUT_MS,
  addProblemInUi,
  addServiceMapInUi,
  checkWallView,
  createBoardByApi,
  joinByApi,
  openActor,
  openWall,
  setUpOfficerByApi,
  watchPageErrors,
  type Actor,
} from './wallSteps.js';

const TEST_TIMEOUT_MS = 90_000;
const MINUTE = 60_000;
const LABEL = 'Stage 2 ideas';

let browser: Browser;
let app: AppProcess;
let officerClient: BrowserClient;
let boardId: string;
let participantLink: Parameters<typeof joinByApi>[1];
let officer: Actor;
let ahead: Actor;
let behind: Actor;
let problemId: string;
let stageIds: string[];
const watchers: Array<ReturnType<typeof watchPageErrors>> = [];

/**
 * A page whose clock is `shiftMs` off: Date.now() and `new Date()` are shifted, and the test can move
 * the clock on later through `window.__clockShiftMs` (to reach "1 minute left" without waiting).
 */
async function withSkewedClock(actor: Actor, shiftMs: number): Promise<void> {
  await actor.context.addInitScript((shift: number) => {
    const RealDate = Date;
    const realNow = RealDate.now.bind(RealDate);
    const holder = window as unknown as { __clockShiftMs: number };
    holder.__clockShiftMs = shift;
    class SkewedDate extends RealDate {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(realNow() + holder.__clockShiftMs);
        else super(...(args as [number]));
      }
      static now(): number {
        return realNow() + holder.__clockShiftMs;
      }
    }
    (window as unknown as { Date: DateConstructor }).Date = SkewedDate as DateConstructor;
  }, shiftMs);
}

/** The timer's time left on a page, in whole seconds ("4:59" → 299). */
async function secondsShown(page: Page): Promise<number> {
  const text = (await page.getByTestId('timer-remaining').innerText()).trim();
  const parts = text.split(':').map(Number);
  if (parts.length < 2 || parts.some((part) => !Number.isInteger(part))) throw new Error(`Unexpected timer text "${text}"`);
  return parts.reduce((total, part) => total * 60 + part, 0);
}

/** Reads every page's timer at (nearly) the same moment. */
function secondsOnEveryScreen(pages: Page[]): Promise<number[]> {
  return Promise.all(pages.map((page) => secondsShown(page)));
}

function expectAgree(values: number[]): void {
  expect(Math.max(...values) - Math.min(...values), `time left on each screen: ${values.join(', ')}`).toBeLessThanOrEqual(1);
}

async function waitForTimerState(page: Page, state: string): Promise<void> {
  await page.locator(`[data-testid="workshop-timer"][data-state="${state}"]`).waitFor({ timeout: SYNC_TIMEOUT_MS });
}

async function announcerText(page: Page): Promise<string> {
  return (await page.getByTestId('timer-announcer').textContent()) ?? '';
}

beforeAll(async () => {
  [browser, app] = await Promise.all([launchBrowser(), startAppProcess({ env: { SEED_DEMO: 'false' } })]);
  officerClient = await setUpOfficerByApi(app);
  const created = await createBoardByApi(officerClient);
  boardId = created.board.id;
  participantLink = created.participantLink;
  officer = await openActor(browser, officerClient);
  await openWall(officer.page, app.url, boardId);
  problemId = await addProblemInUi(officer.page);
  ({ stageIds } = await addServiceMapInUi(officer.page));

  [ahead, behind] = await Promise.all([
    openActor(browser, await joinByApi(app.url, participantLink, SUPPLIER_A)),
    openActor(browser, await joinByApi(app.url, participantLink, SUPPLIER_B)),
  ]);
  await withSkewedClock(ahead, 7 * MINUTE);
  await withSkewedClock(behind, -5 * MINUTE);
  for (const person of [officer, ahead, behind]) watchers.push(watchPageErrors(person.page));
  await Promise.all([ahead, behind].map((person) => openWall(person.page, app.url, boardId)));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.remove();
});

afterEach(() => {
  const errors = watchers.flatMap((watcher) => watcher.list());
  for (const watcher of watchers) watcher.clear();
  expect(errors, 'uncaught errors or console errors in the pages').toEqual([]);
});

describe('[#12.timer] the workshop timer in the browser', () => {
  it(
    '[#12.timer] clocks 7 minutes ahead and 5 minutes behind show the same time left as the officer, late joiners too',
    async () => {
      // The skew is real: each page's own clock is minutes away from this machine's.
      const skews = await Promise.all([ahead, behind].map((person) => person.page.evaluate(() => Date.now())));
      expect(Math.round((skews[0]! - Date.now()) / MINUTE)).toBe(7);
      expect(Math.round((skews[1]! - Date.now()) / MINUTE)).toBe(-5);

      // Keyboard only: a wrong number is explained at the field, which keeps focus; Enter starts the timer.
      const timer = officer.page.getByTestId('workshop-timer');
      const minutes = timer.getByLabel('Minutes');
      await minutes.focus();
      await officer.page.keyboard.press('Control+A');
      await officer.page.keyboard.type('0');
      await officer.page.keyboard.press('Enter');
      await timer.getByText('Minutes must be between 1 and 480').waitFor();
      expect(await minutes.evaluate((element) => element === document.activeElement)).toBe(true);
      expect(await minutes.getAttribute('aria-invalid')).toBe('true');
      await officer.page.keyboard.press('Control+A');
      await officer.page.keyboard.type('5');
      await officer.page.keyboard.press('Tab');
      await officer.page.keyboard.type(LABEL);
      await officer.page.keyboard.press('Enter');
      // Focus moves to the controls that replace the form.
      await expect.poll(() => officer.page.evaluate(() => document.activeElement?.textContent)).toBe('Pause the timer');
      for (const person of [officer, ahead, behind]) await waitForTimerState(person.page, 'running');
      await expect.poll(() => ahead.page.getByTestId('workshop-timer').getByRole('heading').innerText()).toContain(LABEL);

      const values = await secondsOnEveryScreen([officer.page, ahead.page, behind.page]);
      expectAgree(values);
      for (const value of values) {
        expect(value).toBeGreaterThan(4 * 60);
        expect(value).toBeLessThanOrEqual(5 * 60);
      }

      // A late joiner, whose clock is 3 minutes behind, arrives mid-countdown and sees the same.
      const late = await openActor(browser, await joinByApi(app.url, participantLink, { name: 'Lee Late', organisation: 'Latecomers Ltd' }));
      await withSkewedClock(late, -3 * MINUTE);
      const lateWatcher = watchPageErrors(late.page);
      try {
        await openWall(late.page, app.url, boardId);
        await waitForTimerState(late.page, 'running');
        // Right once its first clock estimate has arrived (its own clock alone would say 3 minutes more).
        await expect.poll(async () => Math.abs((await secondsShown(late.page)) - (await secondsShown(officer.page))), { timeout: 10_000 }).toBeLessThanOrEqual(1);
        expectAgree(await secondsOnEveryScreen([officer.page, ahead.page, behind.page, late.page]));
        expect(lateWatcher.list()).toEqual([]);
      } finally {
        await late.context.close();
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    '[#12.timer] pause freezes everyone at the same time, +1 minute adds to it, resume counts down again',
    async () => {
      const controls = officer.page.getByTestId('workshop-timer');
      // Focus is still on "Pause" from starting: Enter pauses.
      expect(await officer.page.evaluate(() => document.activeElement?.textContent)).toBe('Pause the timer');
      await officer.page.keyboard.press('Enter');
      for (const person of [officer, ahead, behind]) await waitForTimerState(person.page, 'paused');
      // Focus stays on the same button, now "Resume".
      await expect.poll(() => officer.page.evaluate(() => document.activeElement?.textContent)).toBe('Resume the timer');
      const paused = await secondsOnEveryScreen([officer.page, ahead.page, behind.page]);
      expect(new Set(paused).size, `paused at ${paused.join(', ')}`).toBe(1);
      expect(await ahead.page.getByTestId('workshop-timer').getByText('Paused', { exact: true }).isVisible()).toBe(true);
      await checkWallView(officer.page, 'timer-officer-paused');

      await controls.getByRole('button', { name: 'Add 1 minute' }).click();
      await expect.poll(() => secondsShown(behind.page), { timeout: SYNC_TIMEOUT_MS }).toBe(paused[0]! + 60);
      await expect.poll(() => announcerText(ahead.page), { timeout: SYNC_TIMEOUT_MS }).toContain('Time added');

      await controls.getByRole('button', { name: 'Resume the timer' }).click();
      for (const person of [officer, ahead, behind]) await waitForTimerState(person.page, 'running');
      expectAgree(await secondsOnEveryScreen([officer.page, ahead.page, behind.page]));
      await checkWallView(ahead.page, 'timer-participant-running');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    '[#12.timer] screen readers hear "1 minute left" and "Time is up for: …" once each, not every second',
    async () => {
      const page = ahead.page;
      const left = await secondsShown(page);
      const announcements: string[] = [];
      await page.exposeFunction('recordAnnouncement', (text: string) => void announcements.push(text));
      await page.evaluate(() => {
        const region = document.querySelector('[data-testid="timer-announcer"]');
        if (!region) throw new Error('no timer live region');
        new MutationObserver(() => (window as unknown as { recordAnnouncement(text: string): void }).recordAnnouncement(region.textContent ?? '')).observe(
          region,
          { childList: true, subtree: true, characterData: true },
        );
      });
      // Move this page's clock on to 5 s before one minute left, then to 3 s before the end.
      await page.evaluate((by) => ((window as unknown as { __clockShiftMs: number }).__clockShiftMs += by), (left - 65) * 1_000);
      await expect.poll(() => announcerText(page), { timeout: 15_000 }).toBe(`1 minute left for: ${LABEL}.`);
      await page.evaluate(() => ((window as unknown as { __clockShiftMs: number }).__clockShiftMs += 57_000));
      await expect.poll(() => announcerText(page), { timeout: 15_000 }).toBe(`Time is up for: ${LABEL}`);
      await waitForTimerState(page, 'finished');
      expect(announcements.filter((text) => text !== '')).toEqual([`1 minute left for: ${LABEL}.`, `Time is up for: ${LABEL}`]);
      await checkWallView(page, 'timer-participant-time-up');
      // Put this page's clock back where it was (7 minutes ahead) for the next tests.
      await page.evaluate((shift) => ((window as unknown as { __clockShiftMs: number }).__clockShiftMs = shift), 7 * MINUTE);

      // The officer stops the timer: it goes from every screen, and focus goes to the minutes of a new one.
      await officer.page.getByTestId('workshop-timer').getByRole('button', { name: 'Stop and clear the timer' }).focus();
      await officer.page.keyboard.press('Enter');
      await expect.poll(() => officer.page.evaluate(() => document.activeElement?.id ?? '')).toMatch(/minutes$/);
      await waitForTimerState(officer.page, 'none');
      for (const person of [ahead, behind]) await person.page.getByTestId('workshop-timer').waitFor({ state: 'detached', timeout: SYNC_TIMEOUT_MS });
      await expect.poll(() => announcerText(behind.page)).toBe('The timer has been stopped.');
    },
    TEST_TIMEOUT_MS,
  );
});

describe('[#12.spotlight] follow the organiser', () => {
  const stageLane = (page: Page, index: number) => page.getByTestId(`stage-${stageIds[index]}`);

  async function isInViewport(page: Page, testId: string): Promise<boolean> {
    return page.getByTestId(testId).evaluate((element) => {
      const rect = element.getBoundingClientRect();
      return rect.top < window.innerHeight && rect.bottom > 0;
    });
  }

  /** The data-testid of the problem or stage holding the focused element, or null. */
  function focusedTarget(page: Page): Promise<string | null> {
    return page.evaluate(() => document.activeElement?.closest('[data-spotlight-id]')?.getAttribute('data-testid') ?? null);
  }

  /** The focused element is on screen and entirely below the sticky spotlight bar (WCAG 2.4.11, focus not obscured). */
  function focusedIsBelowBar(page: Page): Promise<boolean> {
    return page.evaluate(() => {
      const focused = document.activeElement?.getBoundingClientRect();
      const bar = document.querySelector('[data-testid="spotlight-bar"]')?.getBoundingClientRect();
      if (!focused || !bar) return false;
      return focused.top >= bar.bottom - 1 && focused.bottom <= window.innerHeight;
    });
  }

  it(
    '[#12.spotlight] a stage in the spotlight: the participant’s view scrolls to it, highlights it and moves focus to it',
    async () => {
      await ahead.page.evaluate(() => window.scrollTo(0, 0));
      await stageLane(officer.page, 1).getByRole('button', { name: /^Spotlight this/ }).click();
      const lane = stageLane(ahead.page, 1);
      await ahead.page.locator(`[data-testid="stage-${stageIds[1]}"][data-spotlit="true"]`).waitFor({ timeout: SYNC_TIMEOUT_MS });
      await expect.poll(() => focusedTarget(ahead.page)).toBe(`stage-${stageIds[1]}`);
      await expect.poll(() => isInViewport(ahead.page, `stage-${stageIds[1]}`)).toBe(true);
      await expect.poll(() => focusedIsBelowBar(ahead.page), { timeout: 5_000 }).toBe(true);
      expect(await lane.getByText('In the spotlight').isVisible()).toBe(true);
      const bar = ahead.page.getByTestId('spotlight-bar');
      expect(await bar.innerText()).toContain(`${SERVICE_MAP.title}, stage 2: ${SERVICE_MAP.stages[1].title}`);
      expect(await bar.getAttribute('data-following')).toBe('true');
      // The officer's own view does not jump; the button on the stage now ends the spotlight.
      expect(await stageLane(officer.page, 1).getByRole('button', { name: /^End spotlight/ }).isVisible()).toBe(true);
      await checkWallView(ahead.page, 'spotlight-participant-following');
      await checkWallView(officer.page, 'spotlight-officer');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    '[#12.spotlight] someone typing keeps their focus; after "Stop following" the view stays put; "Follow the organiser" brings it back',
    async () => {
      // Typing a note in stage 1: the spotlight moving to the problem must not take the text field away.
      const typing = stageLane(behind.page, 0);
      await typing.getByRole('button', { name: 'Add a note' }).click();
      await typing.getByLabel('Your idea').fill('Half-written idea');
      await officer.page.getByTestId(`problem-${problemId}`).getByRole('button', { name: /^Spotlight this/ }).click();
      await behind.page.locator(`[data-testid="problem-${problemId}"][data-spotlit="true"]`).waitFor({ timeout: SYNC_TIMEOUT_MS });
      expect(await behind.page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
      expect(await typing.getByLabel('Your idea').inputValue()).toBe('Half-written idea');

      // Stop following: the next spotlight is shown in the bar but the view does not move. (First, this page
      // too has the problem in the spotlight: the choice is made about what it shows.)
      await ahead.page.locator(`[data-testid="problem-${problemId}"][data-spotlit="true"]`).waitFor({ timeout: SYNC_TIMEOUT_MS });
      const bar = ahead.page.getByTestId('spotlight-bar');
      // By keyboard: the page may still be scrolling to the spotlight, and a mouse click aimed at a moving
      // button can land on its neighbour ("Go to it").
      await bar.getByRole('button', { name: 'Stop following' }).focus();
      await ahead.page.keyboard.press('Enter');
      await expect.poll(() => bar.getAttribute('data-following'), { timeout: SYNC_TIMEOUT_MS }).toBe('false');
      expect(await ahead.page.evaluate(() => document.activeElement?.textContent)).toBe('Follow the organiser');
      await stageLane(officer.page, 2).getByRole('button', { name: /^Spotlight this/ }).click();
      await ahead.page.locator(`[data-testid="stage-${stageIds[2]}"][data-spotlit="true"]`).waitFor({ timeout: SYNC_TIMEOUT_MS });
      expect(await bar.innerText()).toContain(`The organiser is showing: ${SERVICE_MAP.title}, stage 3: ${SERVICE_MAP.stages[2].title}`);
      expect(await ahead.page.evaluate(() => document.activeElement?.textContent)).toBe('Follow the organiser');
      await checkWallView(ahead.page, 'spotlight-participant-not-following');

      // On a phone: back to following; the stage's heading takes focus in view, not under the sticky bar.
      await ahead.page.setViewportSize({ ...VIEWPORTS.phone });
      await bar.getByRole('button', { name: 'Follow the organiser' }).click();
      await expect.poll(() => focusedTarget(ahead.page)).toBe(`stage-${stageIds[2]}`);
      expect(await bar.getAttribute('data-following')).toBe('true');
      await expect.poll(() => focusedIsBelowBar(ahead.page), { timeout: 5_000 }).toBe(true);
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await ahead.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'spotlight-followed-viewport-phone.png') });
      await ahead.page.setViewportSize({ ...VIEWPORTS.desktop });

      // The officer ends it: the bar and the highlight go everywhere.
      await officer.page.getByTestId('spotlight-bar').getByRole('button', { name: 'End spotlight' }).click();
      // Focus stays on the stage's own spotlight button, not lost with the bar.
      await expect
        .poll(() => officer.page.evaluate(() => document.activeElement?.textContent ?? ''))
        .toBe(`Spotlight this: stage 3: ${SERVICE_MAP.stages[2].title}`);
      for (const person of [ahead, behind]) {
        await person.page.getByTestId('spotlight-bar').waitFor({ state: 'detached', timeout: SYNC_TIMEOUT_MS });
        expect(await person.page.locator('[data-spotlit="true"]').count()).toBe(0);
      }
    },
    TEST_TIMEOUT_MS,
  );
});

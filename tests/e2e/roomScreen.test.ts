/**
 * Issue 14, the room screen (/boards/:id/present) in real Chromium at 1920×1080: with 60 notes on the
 * board the first note is visible without scrolling and every note's text is at least 28 px; the QR
 * code and event code are on screen; counts stand in for names; a new note arrives by itself with a
 * highlight (no animation under prefers-reduced-motion); the screen follows the spotlight. The laptop
 * in the hall uses an observer session; the officer gets there with "Present" and leaves with Esc.
 * Screenshots at 1920×1080, 1280×800 and 360×740, axe-core on each.
 */
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { addDraftNote } from '../../shared/schema/draftNotes.js';
import { addProblem } from '../../shared/schema/problems.js';
import { addServiceMap, addStage } from '../../shared/schema/serviceMaps.js';
import { startAppProcess, type AppProcess } from '../helpers/appProcess.js';
import { SCREENSHOT_DIR, describeViolations, hasHorizontalScroll, launchBrowser, seriousAxeViolations } from '../helpers/browser.js';
import type { BrowserClient } from '../helpers/http.js';
import { connectBoardSocket, personIdOf } from '../helpers/liveBoard.js';
import { connectProvider, type LiveProvider } from '../helpers/liveClients.js';
import { OBSERVER, SUPPLIER_A, SYNC_TIMEOUT_MS, checkWallView, createBoardByApi, joinByApi, openActor, setUpOfficerByApi, watchPageErrors, type Actor } from './wallSteps.js';

const TEST_TIMEOUT_MS = 120_000;
const HALL = { width: 1920, height: 1080 };
const SIZES = { hall: HALL, laptop: { width: 1280, height: 800 }, phone: { width: 360, height: 740 } } as const;
const NOTE_COUNT = 60;
const SUPPLIER_COUNT = 10;

let browser: Browser;
let app: AppProcess;
let officerClient: BrowserClient;
let supplierClient: BrowserClient;
let observerClient: BrowserClient;
let participantLinkId: string;
let boardId: string;
let eventCode: string;
let targetIds: string[];
let supplierDraft: LiveProvider;
let officerSocket: Socket;
let room: Actor;
const providers: LiveProvider[] = [];
const watchers: Array<ReturnType<typeof watchPageErrors>> = [];

function roomPath(): string {
  return `${app.url}/boards/${encodeURIComponent(boardId)}/present`;
}

async function ideaCount(page: Page): Promise<number> {
  return Number((await page.getByTestId('room-idea-count').innerText()).trim());
}

/** The element's box lies wholly inside the viewport (no scrolling needed to see it). */
async function isInViewport(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).first().evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
  });
}

async function fontSizes(page: Page, selector: string): Promise<number[]> {
  return page.locator(selector).evaluateAll((elements) => elements.map((element) => parseFloat(getComputedStyle(element).fontSize)));
}

/** Screenshots at the three sizes and axe-core on each; no sideways scroll at any. */
async function checkRoomView(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const [size, viewport] of Object.entries(SIZES)) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${size}.png`) });
    const violations = await seriousAxeViolations(page);
    expect.soft(violations, `${name} at ${viewport.width}×${viewport.height}, axe:\n${describeViolations(violations)}`).toEqual([]);
    expect.soft(await hasHorizontalScroll(page), `${name}: the page scrolls sideways at ${viewport.width} px`).toBe(false);
  }
  await page.setViewportSize(HALL);
}

beforeAll(async () => {
  [browser, app] = await Promise.all([launchBrowser(), startAppProcess({ env: { SEED_DEMO: 'false' } })]);
  officerClient = await setUpOfficerByApi(app);
  const created = await createBoardByApi(officerClient, 'Respite care for carers');
  boardId = created.board.id;
  eventCode = created.participantLink.code ?? '';
  participantLinkId = created.participantLink.id;

  const brief = await connectProvider(app.url, `${boardId}/brief`, officerClient);
  providers.push(brief);
  const problems = [
    addProblem(brief.doc, { title: 'Carers cannot find respite at short notice', body: 'Bookings are by phone only.' }),
    addProblem(brief.doc, { title: 'Paper forms lose information', body: 'Forms are posted and retyped.' }),
  ];
  const mapId = addServiceMap(brief.doc, { title: 'Getting respite care' });
  const stages = ['Find out', 'Ask', 'Get a booking'].map((title) => addStage(brief.doc, mapId, { title }) ?? '');
  targetIds = [...problems, ...stages];

  // Ten suppliers with six notes each: the server takes up to ten notes a minute from one person.
  for (let person = 0; person < SUPPLIER_COUNT; person += 1) {
    const client = person === 0 ? await joinByApi(app.url, created.participantLink, SUPPLIER_A) : await joinByApi(app.url, created.participantLink, { name: `Supplier ${person + 1}`, organisation: `Care Provider ${person + 1} Ltd` });
    const draft = await connectProvider(app.url, `${boardId}/drafts/${await personIdOf(client, boardId)}`, client);
    providers.push(draft);
    if (person === 0) [supplierClient, supplierDraft] = [client, draft];
    for (let index = 0; index < NOTE_COUNT / SUPPLIER_COUNT; index += 1) {
      const number = person * (NOTE_COUNT / SUPPLIER_COUNT) + index;
      addDraftNote(draft.doc, { text: `Idea ${number + 1}: an online booking calendar shared by every provider`, targetId: targetIds[number % targetIds.length]! });
    }
  }
  officerSocket = await connectBoardSocket(app.url, officerClient, boardId);

  // The hall's laptop joins with the observer link, and opens the room screen.
  observerClient = await joinByApi(app.url, created.observerLink, OBSERVER);
  room = await openActor(browser, observerClient);
  await room.page.setViewportSize(HALL);
  watchers.push(watchPageErrors(room.page));
  await room.page.goto(roomPath());
  await room.page.getByTestId('room').waitFor();
  await room.page.waitForFunction((count) => document.querySelector('[data-testid="room-idea-count"]')?.textContent?.trim() === String(count), NOTE_COUNT, { timeout: SYNC_TIMEOUT_MS });
}, 180_000);

afterAll(async () => {
  officerSocket?.close();
  for (const provider of providers) provider.destroy();
  await browser?.close();
  await app?.remove();
});

afterEach(() => {
  const errors = watchers.flatMap((watcher) => watcher.list());
  for (const watcher of watchers) watcher.clear();
  expect(errors, 'uncaught errors or console errors in the pages').toEqual([]);
});

describe('[#14.room] the room screen', () => {
  it(
    '[#14.room] at 1920×1080 with 60 notes: first note on screen, text at least 28 px, QR code, event code and counts in view, no site chrome',
    async () => {
      const page = room.page;
      await page.evaluate(() => window.scrollTo(0, 0));
      expect(await page.locator('[data-testid="room-note"]').count()).toBe(NOTE_COUNT);
      expect(await isInViewport(page, '[data-testid="room-note"]')).toBe(true);
      const noteSizes = await fontSizes(page, '.room-note__text');
      expect(Math.min(...noteSizes)).toBeGreaterThanOrEqual(28);
      expect(Math.min(...(await fontSizes(page, '.room-lane__heading')))).toBeGreaterThanOrEqual(28);
      expect(Math.min(...(await fontSizes(page, '.room-section__heading')))).toBeGreaterThanOrEqual(28);
      // A column per problem and per stage: the first lanes sit side by side.
      const lefts = await page.locator('[data-testid="room-lane"]').evaluateAll((lanes) => lanes.slice(0, 2).map((lane) => lane.getBoundingClientRect().left));
      expect(lefts[1]).toBeGreaterThan(lefts[0]!);
      expect(await hasHorizontalScroll(page)).toBe(false);

      await page.getByTestId('room-qr').waitFor();
      expect(await isInViewport(page, '[data-testid="room-qr"]')).toBe(true);
      expect(await page.getByTestId('room-qr').evaluate((image) => (image as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
      expect(await isInViewport(page, '[data-testid="room-event-code"]')).toBe(true);
      expect((await page.getByTestId('room-event-code').innerText()).trim()).toBe(eventCode);

      // Counts, not names: the supplier's name is on their notes' author line only, never in a list.
      expect(await isInViewport(page, '[data-testid="room-counts"]')).toBe(true);
      expect(Number(await page.getByTestId('room-people-count').innerText())).toBeGreaterThanOrEqual(0);
      for (const chrome of ['header', 'footer', '[data-testid="presence"]', '[data-testid="observer-notice"]', '.phase-banner']) {
        expect(await page.locator(chrome).count(), `no ${chrome} on the room screen`).toBe(0);
      }
      // No mouse needed: the keyboard scrolls the page (and Esc leaves, see the officer's test).
      await page.keyboard.press('PageDown');
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
      await page.keyboard.press('Home');
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
      await checkRoomView(page, 'room-60-notes');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    '[#14.room] a new note appears without any input, highlighted, with no animation under reduced motion; the count goes up',
    async () => {
      const page = room.page;
      await page.emulateMedia({ reducedMotion: 'reduce' });
      addDraftNote(supplierDraft.doc, { text: 'A late idea: text reminders the day before', targetId: targetIds[0]! });
      const note = page.getByTestId('room-note').filter({ hasText: 'A late idea' });
      await note.waitFor({ timeout: SYNC_TIMEOUT_MS });
      expect(await note.getAttribute('data-new')).toBe('true');
      expect(await note.evaluate((element) => getComputedStyle(element).animationName)).toBe('none');
      expect(await ideaCount(page)).toBe(NOTE_COUNT + 1);
      // Notes already there when the screen opened are not "new".
      expect(await page.locator('[data-testid="room-note"][data-new="true"]').count()).toBe(1);
      await page.emulateMedia({ reducedMotion: 'no-preference' });
    },
    TEST_TIMEOUT_MS,
  );

  it(
    '[#14.room] it follows the spotlight: the last stage scrolls into view and is marked',
    async () => {
      const page = room.page;
      await page.evaluate(() => window.scrollTo(0, 0));
      const lastStage = targetIds[targetIds.length - 1]!;
      const answer = (await officerSocket.timeout(5_000).emitWithAck('spotlight-set', { targetId: lastStage })) as { ok: boolean };
      expect(answer.ok).toBe(true);
      const lane = page.locator(`[data-spotlight-id="${lastStage}"]`);
      await page.locator(`[data-spotlight-id="${lastStage}"][data-spotlit="true"]`).waitFor({ timeout: SYNC_TIMEOUT_MS });
      await expect.poll(() => lane.evaluate((element) => Math.round(element.getBoundingClientRect().top)), { timeout: 5_000 }).toBeLessThan(HALL.height / 2);
      expect(await lane.evaluate((element) => element.getBoundingClientRect().top)).toBeGreaterThanOrEqual(0);
      await expect.poll(() => lane.getByText('In the spotlight').isVisible()).toBe(true);
      // The spotlit lane spreads its notes in columns: all of it fits the screen, no scrolling.
      await expect.poll(() => lane.evaluate((element) => Math.round(element.getBoundingClientRect().bottom))).toBeLessThanOrEqual(HALL.height);

      // The timer, large, and the phase.
      const timerAnswer = (await officerSocket.timeout(5_000).emitWithAck('timer-set', { action: 'start', durationMs: 5 * 60_000, label: 'Ideas for booking' })) as { ok: boolean };
      expect(timerAnswer.ok).toBe(true);
      await page.getByTestId('timer-remaining').waitFor({ timeout: SYNC_TIMEOUT_MS });
      expect(Math.min(...(await fontSizes(page, '[data-testid="timer-remaining"]')))).toBeGreaterThanOrEqual(60);
      expect(await isInViewport(page, '[data-testid="workshop-timer"]')).toBe(true);
      expect((await page.getByTestId('room-phase').textContent())?.trim()).toBe('Phase: Open for ideas');
      await checkRoomView(page, 'room-spotlight');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    '[#14.room] before the board opens it says when, and already shows how to join; it opens by itself',
    async () => {
      const page = room.page;
      const toDraft = (await officerSocket.timeout(5_000).emitWithAck('phase-set', { phase: 'draft' })) as { ok: boolean };
      expect(toDraft.ok).toBe(true);
      await page.getByTestId('room-waiting').waitFor({ timeout: SYNC_TIMEOUT_MS });
      expect(await page.getByTestId('room-note').count()).toBe(0);
      await page.getByTestId('room-qr').waitFor();
      expect((await page.getByTestId('room-event-code').innerText()).trim()).toBe(eventCode);
      await checkRoomView(page, 'room-not-open-yet');
      const toOpen = (await officerSocket.timeout(5_000).emitWithAck('phase-set', { phase: 'open' })) as { ok: boolean };
      expect(toOpen.ok).toBe(true);
      await page.getByTestId('room').waitFor({ timeout: SYNC_TIMEOUT_MS });
      await page.waitForFunction((count) => document.querySelector('[data-testid="room-idea-count"]')?.textContent?.trim() === String(count), NOTE_COUNT + 1, { timeout: SYNC_TIMEOUT_MS });
    },
    TEST_TIMEOUT_MS,
  );

  it(
    '[#14.room] the officer presents from the dashboard and the wall, and leaves with Esc or Exit; participants cannot read the room invitation, observers can until the link is revoked',
    async () => {
      const officer = await openActor(browser, officerClient);
      watchers.push(watchPageErrors(officer.page));
      await officer.page.goto(`${app.url}/boards`);
      await officer.page.getByRole('heading', { name: 'Open boards' }).waitFor();
      await checkWallView(officer.page, 'room-present-link-on-dashboard');
      await officer.page.getByRole('heading', { name: 'Open boards' }).waitFor();
      await officer.page.locator('.board-list__item').filter({ hasText: 'Respite care for carers' }).getByRole('link', { name: 'Present on the room screen' }).click();
      await officer.page.waitForURL(/\/present$/);
      await officer.page.getByTestId('room').waitFor();
      await officer.page.keyboard.press('Escape');
      await officer.page.waitForURL(/\/boards\/[^/]+$/);
      await officer.page.getByTestId('wall').waitFor();
      await checkWallView(officer.page, 'room-present-link-on-wall');
      await officer.page.getByTestId('present-link').click();
      await officer.page.waitForURL(/\/present$/);
      await officer.page.getByTestId('room-exit').click();
      await officer.page.waitForURL(/\/boards\/[^/]+$/);
      await officer.context.close();

      const refused = await supplierClient.get(`/api/boards/${boardId}/room-invite`);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('forbidden');
      const observerAnswer = await observerClient.get(`/api/boards/${boardId}/room-invite`);
      expect(observerAnswer.status).toBe(200);
      expect(observerAnswer.body.invite.code).toBe(eventCode);
      // Once the participant link is revoked there is nothing to show: no code, and no QR code.
      expect((await officerClient.post(`/api/boards/${boardId}/invite-links/${participantLinkId}/revoke`, {})).status).toBe(200);
      expect((await observerClient.get(`/api/boards/${boardId}/room-invite`)).body).toEqual({ invite: null });
      expect((await observerClient.get(`/api/boards/${boardId}/room-invite/qr.svg`)).status).toBe(404);
    },
    TEST_TIMEOUT_MS,
  );
});

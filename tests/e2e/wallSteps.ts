/**
 * Steps the live-wall browser tests share (wall*.test.ts). People and boards are prepared through the
 * real REST API or the real pages; everything on the wall itself (problem statements, service maps,
 * notes) goes through the wall's UI, as an officer or supplier would do it.
 */
import { expect } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { BoardView, InviteLinkView } from '../../shared/protocol/api.js';
import type { AppProcess } from '../helpers/appProcess.js';
import { VIEWPORTS, describeViolations, hasHorizontalScroll, screenshotBothSizes, seriousAxeViolations } from '../helpers/browser.js';
import { newBrowserClient, tokenFromUrl, type BrowserClient } from '../helpers/http.js';

/** Auto-waits give up well inside a test's own timeout, so a failure names the step. */
export const ACTION_TIMEOUT_MS = 15_000;
/** Waits for something that crosses the network to another browser (publish, reconnect with backoff). */
export const SYNC_TIMEOUT_MS = 30_000;

export const WALL_OFFICER = {
  name: 'Priya Shah',
  email: 'priya.shah@council.example.gov.uk',
  password: 'correct horse battery staple',
} as const;

export const WALL_BOARD = {
  title: 'Helping carers find support faster',
  summary: 'How could suppliers help unpaid carers find respite, advice and the money they are entitled to?',
  notice: 'Everything you post may be published with your name and organisation. Council officers read everything.',
} as const;

export const PROBLEM = {
  title: 'Carers cannot find respite care',
  body: 'Unpaid carers spend hours phoning around to find a respite place.',
  userNeeds: 'As a carer I need to book a short break without phoning ten providers.',
  constraints: 'Must work with the existing adult social care case system.',
} as const;

export const SERVICE_MAP = {
  title: 'Getting a carer’s assessment',
  stages: [
    { title: 'Find out about support', description: 'Carer hears about the assessment.', painPoints: 'Leaflets are out of date.' },
    { title: 'Ask for an assessment', description: 'Carer phones or fills in the online form.', painPoints: 'Long phone queues.' },
    { title: 'Get a support plan', description: 'A social worker agrees a plan.', painPoints: 'Waits of up to twelve weeks.' },
  ],
} as const;

export interface ProblemInput {
  title: string;
  body: string;
  userNeeds: string;
  constraints: string;
}

export interface ServiceMapInput {
  title: string;
  stages: ReadonlyArray<{ title: string; description: string; painPoints: string }>;
}

export interface Person {
  name: string;
  organisation: string;
}

export const SUPPLIER_A: Person = { name: 'Sam Okafor', organisation: 'Brightline Care Ltd' };
export const SUPPLIER_B: Person = { name: 'Ada Lovelace', organisation: 'Analytical Engines plc' };
export const OBSERVER: Person = { name: 'Jo Watts', organisation: 'Internal Audit' };

function expectStatus(what: string, response: { status: number; text: string }, status: number): void {
  if (response.status !== status) throw new Error(`${what} answered ${response.status}, expected ${status}: ${response.text}`);
}

/** Uses the printed one-time set-up link through the API; returns the signed-in officer. */
export async function setUpOfficerByApi(app: AppProcess): Promise<BrowserClient> {
  const setupUrl = app.setupUrl();
  if (!setupUrl) throw new Error(`The app printed no set-up link:\n${app.output()}`);
  const officer = await newBrowserClient(app.url);
  expectStatus('POST /api/setup', await officer.post(`/api/setup/${tokenFromUrl(setupUrl)}`, WALL_OFFICER), 201);
  return officer;
}

/** Creates a board (it starts with one participant link) and an observer link. */
export async function createBoardByApi(
  officer: BrowserClient,
  title: string = WALL_BOARD.title,
): Promise<{ board: BoardView; participantLink: InviteLinkView; observerLink: InviteLinkView }> {
  const created = await officer.post('/api/boards', { ...WALL_BOARD, title });
  expectStatus('POST /api/boards', created, 201);
  const board = created.body.board as BoardView;
  const links = await officer.get(`/api/boards/${board.id}/invite-links`);
  expectStatus('GET invite-links', links, 200);
  const participantLink = (links.body.links as InviteLinkView[]).find((link) => link.role === 'participant');
  if (!participantLink) throw new Error('A new board has no participant link');
  const observer = await officer.post(`/api/boards/${board.id}/invite-links`, { role: 'observer' });
  expectStatus('POST invite-links (observer)', observer, 201);
  return { board, participantLink, observerLink: observer.body.link as InviteLinkView };
}

/** Joins through an invitation link by the API; returns that person's client (for cookies). */
export async function joinByApi(baseUrl: string, link: InviteLinkView, person: Person): Promise<BrowserClient> {
  const client = await newBrowserClient(baseUrl);
  expectStatus('POST /api/join', await client.post(`/api/join/${tokenFromUrl(link.url)}`, { ...person, acceptNotice: true }), 201);
  return client;
}

export interface Actor {
  context: BrowserContext;
  page: Page;
}

/** A new context at desktop size, carrying `client`'s cookies when given, with one page. */
export async function openActor(browser: Browser, client: BrowserClient | null = null): Promise<Actor> {
  const context = await browser.newContext({ viewport: { ...VIEWPORTS.desktop } });
  if (client) {
    await context.addCookies(Object.entries(client.cookies()).map(([name, value]) => ({ name, value, url: client.baseUrl })));
  }
  const page = await context.newPage();
  page.setDefaultTimeout(ACTION_TIMEOUT_MS);
  return { context, page };
}

/** Opens the invitation link, fills the join form as a person would and lands on the wall. */
export async function joinThroughLinkInBrowser(page: Page, link: InviteLinkView, person: Person): Promise<void> {
  await page.goto(link.url);
  await page.getByLabel('Full name').fill(person.name);
  await page.getByLabel('Organisation', { exact: true }).fill(person.organisation);
  await page.getByLabel('I have read and accept the fair-engagement notice').check();
  await page.getByRole('button', { name: 'Join the board' }).click();
  await page.waitForURL(/\/boards\/[^/]+$/);
  await waitForWallOnline(page);
}

export async function openWall(page: Page, baseUrl: string, boardId: string): Promise<void> {
  await page.goto(`${baseUrl}/boards/${encodeURIComponent(boardId)}`);
  await waitForWallOnline(page);
}

/** The wall has loaded and every one of its documents is connected. */
export async function waitForWallOnline(page: Page, timeout = SYNC_TIMEOUT_MS): Promise<void> {
  await page.locator('[data-testid="connection-status"][data-status="online"]').waitFor({ timeout });
}

/** The id at the end of a `data-testid` such as `stage-<id>`. */
async function idFromTestId(locator: Locator, prefix: string): Promise<string> {
  const testId = await locator.getAttribute('data-testid');
  if (testId === null || !testId.startsWith(prefix)) throw new Error(`Expected a data-testid starting ${prefix}, got ${testId}`);
  return testId.slice(prefix.length);
}

/** Officer: "Add a problem statement", fills its four fields, "Done"; returns the problem's id. */
export async function addProblemInUi(page: Page, problem: ProblemInput = PROBLEM): Promise<string> {
  const problems = page.locator('[data-testid^="problem-"]');
  const before = await problems.count();
  await page.getByRole('button', { name: 'Add a problem statement' }).click();
  await problems.nth(before).waitFor();
  const card = problems.nth(before);
  await card.getByLabel('Problem title').fill(problem.title);
  await card.getByLabel('Describe the problem').fill(problem.body);
  await card.getByLabel('User needs').fill(problem.userNeeds);
  await card.getByLabel('Constraints').fill(problem.constraints);
  await card.getByRole('button', { name: 'Done', exact: true }).click();
  await card.getByRole('heading', { name: problem.title }).waitFor();
  return idFromTestId(card, 'problem-');
}

/** Officer: "Add a service map", names it, adds its stages one by one; returns the map's and stages' ids. */
export async function addServiceMapInUi(page: Page, map: ServiceMapInput = SERVICE_MAP): Promise<{ mapId: string; stageIds: string[] }> {
  const maps = page.locator('[data-testid^="service-map-"]');
  const before = await maps.count();
  await page.getByRole('button', { name: 'Add a service map' }).click();
  const section = maps.nth(before);
  await section.getByLabel('Service map name').fill(map.title);
  await section.getByRole('button', { name: 'Done', exact: true }).click();
  await section.getByRole('heading', { level: 2, name: map.title }).waitFor();
  const mapId = await idFromTestId(section, 'service-map-');
  const stageIds: string[] = [];
  for (const stage of map.stages) {
    const lanes = section.locator('[data-testid^="stage-"]');
    const count = await lanes.count();
    await section.getByRole('button', { name: `Add a stage to ${map.title}` }).click();
    const lane = lanes.nth(count);
    await lane.getByLabel('Stage name').fill(stage.title);
    await lane.getByLabel('Description').fill(stage.description);
    await lane.getByLabel('Pain points').fill(stage.painPoints);
    await lane.getByRole('button', { name: 'Done', exact: true }).click();
    await lane.getByRole('heading', { level: 3, name: stage.title }).waitFor();
    stageIds.push(await idFromTestId(lane, 'stage-'));
  }
  return { mapId, stageIds };
}

/** Every note card on the page whose text contains `text`. */
export function notesWithText(scope: Page | Locator, text: string): Locator {
  // The inner locator of `has` is matched inside each note, so it starts from the page, not from `scope`.
  const page = 'goto' in scope ? scope : scope.page();
  return scope.getByTestId('note').filter({ has: page.locator('.note__text', { hasText: text }) });
}

/** Participant: "Add a note to <lane>", writes the idea, picks a colour, "Add note"; returns the note card. */
export async function addNoteInUi(page: Page, laneTestId: string, text: string, colour = 'Yellow'): Promise<Locator> {
  const lane = page.getByTestId(laneTestId);
  await lane.getByRole('button', { name: 'Add a note' }).click();
  await lane.getByLabel('Your idea').fill(text);
  await lane.getByRole('radio', { name: colour }).check();
  await lane.getByRole('button', { name: 'Add note' }).click();
  const note = notesWithText(lane, text);
  await note.waitFor();
  return note;
}

/** The author line under a note: "Name, Organisation". */
export function authorLine(person: Person): string {
  return `${person.name}, ${person.organisation}`;
}

/** How many people the presence bar says are here ("3 people here" → 3). */
export async function presenceCount(page: Page): Promise<number> {
  const text = await page.locator('[data-testid="presence"] .presence__count').innerText();
  const match = /^(\d+) (people|person) here$/.exec(text.trim());
  if (!match) throw new Error(`Unexpected presence count: "${text}"`);
  return Number(match[1]);
}

/** Waits until the presence bar counts at least `count` people. */
export async function waitForPresence(page: Page, count: number, timeout = SYNC_TIMEOUT_MS): Promise<void> {
  await page.waitForFunction(
    (atLeast) => {
      const text = document.querySelector('[data-testid="presence"] .presence__count')?.textContent ?? '';
      const match = /^(\d+) (people|person) here$/.exec(text.trim());
      return match !== null && Number(match[1]) >= atLeast;
    },
    count,
    { timeout },
  );
}

/**
 * Waits until this browser's IndexedDB cache of the person's draft (y-indexeddb, `oiw:<epoch>:<board>/drafts/<person>`)
 * holds every one of `texts`: what a reload will find. Yjs writes strings as UTF-8, so the updates can be searched as text.
 */
export async function waitForDraftCache(page: Page, texts: readonly string[]): Promise<void> {
  await page.waitForFunction(
    async (wanted) => {
      const names = (await indexedDB.databases()).map((database) => database.name ?? '').filter((name) => name.includes('/drafts/'));
      const found: string[] = [];
      for (const name of names) {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open(name);
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        if (db.objectStoreNames.contains('updates')) {
          const updates = await new Promise<unknown[]>((resolve, reject) => {
            const request = db.transaction('updates', 'readonly').objectStore('updates').getAll();
            request.onsuccess = () => resolve(request.result as unknown[]);
            request.onerror = () => reject(request.error);
          });
          for (const update of updates) if (update instanceof Uint8Array) found.push(new TextDecoder().decode(update));
        }
        db.close();
      }
      const cached = found.join('\n');
      return wanted.every((text) => cached.includes(text));
    },
    texts,
    { timeout: ACTION_TIMEOUT_MS, polling: 100 },
  );
}

/**
 * Uncaught errors in the page and console errors, except the network failures these tests cause on
 * purpose (offline, refused websockets).
 */
export function watchPageErrors(page: Page): { list(): string[]; clear(): void } {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`Uncaught error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (/Failed to load resource|WebSocket connection to|net::ERR_INTERNET_DISCONNECTED/.test(text)) return;
    errors.push(`Console error: ${text}`);
  });
  return { list: () => [...errors], clear: () => void errors.splice(0) };
}

/** Visible elements of the wall that stick out past the right edge of the viewport. */
async function wallElementsPastRightEdge(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    for (const element of Array.from(document.querySelectorAll('[data-testid="wall"] *'))) {
      const rect = element.getBoundingClientRect();
      if (rect.width <= 1 || rect.height <= 1 || rect.right <= width + 1) continue;
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden' || style.display === 'none' || style.clipPath !== 'none') continue;
      const testId = element.getAttribute('data-testid');
      const classes = typeof element.className === 'string' && element.className ? `.${element.className.trim().split(/\s+/).join('.')}` : '';
      found.push(`${element.tagName.toLowerCase()}${testId ? `[data-testid=${testId}]` : ''}${classes} (right edge ${Math.round(rect.right)} px > ${width} px)`);
    }
    return found.slice(0, 10);
  });
}

/**
 * What every wall screenshot gets: the PNGs at 1280×800 and 360×740 (test-results/screenshots/<name>-*.png),
 * axe-core at both sizes with no serious or critical violation, and no sideways page scroll or wall
 * content cut off at 360 px. Soft assertions, so one run lists every problem of the view.
 */
export async function checkWallView(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ ...VIEWPORTS.desktop });
  await screenshotBothSizes(page, name);
  const desktop = await seriousAxeViolations(page);
  expect.soft(desktop, `${name} at 1280×800, axe:\n${describeViolations(desktop)}`).toEqual([]);
  await page.setViewportSize({ ...VIEWPORTS.phone });
  const phone = await seriousAxeViolations(page);
  expect.soft(phone, `${name} at 360×740, axe:\n${describeViolations(phone)}`).toEqual([]);
  expect.soft(await hasHorizontalScroll(page), `${name}: the page scrolls sideways at 360 px`).toBe(false);
  expect.soft(await wallElementsPastRightEdge(page), `${name}: wall content cut off at the right edge at 360 px`).toEqual([]);
  await page.setViewportSize({ ...VIEWPORTS.desktop });
}

/**
 * Steps the live-wall browser tests share (wall*.test.ts). People and boards are prepared through the
 * real REST API or the real pages; everything on the wall itself (problem statements, service maps,
 * notes) goes through the wall's UI, as an officer or supplier would do it.
 */
import type { Browser, BrowserContext, Locator, Page, WebSocketRoute } from 'playwright-core';
import type { BoardView, InviteLinkView } from '../../shared/protocol/api.js';
import type { AppProcess } from '../helpers/appProcess.js';
import { VIEWPORTS } from '../helpers/browser.js';
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

/** Signs the officer in again in a fresh API client (a second app in the same file reuses the account). */
export async function signInByApi(app: AppProcess): Promise<BrowserClient> {
  const officer = await newBrowserClient(app.url);
  expectStatus('POST /api/sign-in', await officer.post('/api/sign-in', { email: WALL_OFFICER.email, password: WALL_OFFICER.password }), 200);
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
export async function addProblemInUi(page: Page, problem: typeof PROBLEM = PROBLEM): Promise<string> {
  const problems = page.locator('[data-testid^="problem-"]');
  const before = await problems.count();
  await page.getByRole('button', { name: 'Add a problem statement' }).click();
  await problems.nth(before).waitFor();
  const card = problems.nth(before);
  await card.getByLabel('Problem title').fill(problem.title);
  await card.getByLabel('Describe the problem').fill(problem.body);
  await card.getByLabel('User needs').fill(problem.userNeeds);
  await card.getByLabel('Constraints').fill(problem.constraints);
  await card.getByRole('button', { name: 'Done' }).click();
  await card.getByRole('heading', { name: problem.title }).waitFor();
  return idFromTestId(card, 'problem-');
}

/** Officer: "Add a service map", names it, adds its stages one by one; returns the map's and stages' ids. */
export async function addServiceMapInUi(page: Page, map: typeof SERVICE_MAP = SERVICE_MAP): Promise<{ mapId: string; stageIds: string[] }> {
  const maps = page.locator('[data-testid^="service-map-"]');
  const before = await maps.count();
  await page.getByRole('button', { name: 'Add a service map' }).click();
  const section = maps.nth(before);
  await section.getByLabel('Service map name').fill(map.title);
  await section.getByRole('button', { name: 'Done' }).click();
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
    await lane.getByRole('button', { name: 'Done' }).click();
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

/** A close code with no meaning in the app's table: the provider treats it as a network drop and retries. */
const OFFLINE_CLOSE_CODE = 4000;

/**
 * Cuts one browser context off the network the way a venue's wifi does, and brings it back.
 *
 * `context.setOffline(true)` alone makes HTTP fail but (in this Chromium) does not reliably end
 * websockets that are already open, so the page would still look online. Every websocket of the
 * context (the y-websocket rooms at /yjs/… and socket.io) therefore goes through `routeWebSocket`,
 * which forwards it to the server while online and closes it (and refuses new ones) while offline.
 */
export class NetworkSwitch {
  private isOffline = false;
  /** Each open page-side websocket with its server-side half. */
  private readonly open = new Map<WebSocketRoute, WebSocketRoute>();

  private constructor(private readonly context: BrowserContext) {}

  /** Call before the context opens its first page, so every websocket is routed. */
  static async install(context: BrowserContext): Promise<NetworkSwitch> {
    const network = new NetworkSwitch(context);
    await context.routeWebSocket(/\/(yjs|socket\.io)\//, (route) => network.handle(route));
    return network;
  }

  private handle(route: WebSocketRoute): void {
    if (this.isOffline) {
      void route.close({ code: OFFLINE_CLOSE_CODE, reason: 'offline' }).catch(() => undefined);
      return;
    }
    const server = route.connectToServer();
    this.open.set(route, server);
    // With an onClose handler Playwright no longer forwards the page's close to the server: do it here.
    route.onClose(() => {
      this.open.delete(route);
      void server.close().catch(() => undefined);
    });
  }

  /**
   * Websockets only: new ones are refused and open ones closed, while plain HTTP (page loads, the
   * REST API) still works. The page sees exactly what a dead wifi does to a live connection.
   */
  async blockWebsockets(): Promise<void> {
    this.isOffline = true;
    const open = [...this.open];
    this.open.clear();
    // Both halves: closing the page's side alone would leave the server thinking the person is still here.
    await Promise.all(
      open.flatMap(([page, server]) => [
        page.close({ code: OFFLINE_CLOSE_CODE, reason: 'offline' }).catch(() => undefined),
        server.close().catch(() => undefined),
      ]),
    );
  }

  /** Fully offline: HTTP fails too (`navigator.onLine` is false) and websockets are cut. */
  async goOffline(): Promise<void> {
    await this.context.setOffline(true);
    await this.blockWebsockets();
  }

  async goOnline(): Promise<void> {
    this.isOffline = false;
    await this.context.setOffline(false);
  }
}

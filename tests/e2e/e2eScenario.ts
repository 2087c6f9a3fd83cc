/**
 * Steps the browser tests share. The `…InBrowser` steps drive the real pages as a person would; the
 * `…ByApi` steps prepare data through the real REST API (faster, for tests that are about another page)
 * and hand the session cookies to a browser context.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { BoardView, InviteLinkView } from '../../shared/protocol/api.js';
import type { AppProcess } from '../helpers/appProcess.js';
import { VIEWPORTS } from '../helpers/browser.js';
import { newBrowserClient, tokenFromUrl, type BrowserClient } from '../helpers/http.js';

export const OFFICER = {
  name: 'Priya Shah',
  email: 'priya.shah@council.example.gov.uk',
  password: 'correct horse battery staple',
} as const;

export const BOARD = {
  title: 'Helping carers find support faster',
  summary: 'We want to hear how suppliers could help unpaid carers find respite, advice and money they are entitled to.',
  notice:
    'Everything you post may be published in the open with your name and organisation. Council officers read everything on this board.',
} as const;

export const SUPPLIER = { name: 'Sam Okafor', organisation: 'Brightline Care Ltd' } as const;
export const OBSERVER = { name: 'Jo Watts', organisation: 'Internal Audit' } as const;

/**
 * A fresh browser context at desktop size, as a UK browser (so date inputs read dd/mm/yyyy), carrying
 * the cookies of `client` (signed in) when given.
 */
export async function newContextAs(browser: Browser, client: BrowserClient | null = null): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { ...VIEWPORTS.desktop }, locale: 'en-GB', timezoneId: 'Europe/London' });
  if (client) {
    const cookies = Object.entries(client.cookies()).map(([name, value]) => ({ name, value, url: client.baseUrl }));
    await context.addCookies(cookies);
  }
  return context;
}

function expectStatus(what: string, response: { status: number; text: string }, status: number): void {
  if (response.status !== status) throw new Error(`${what} answered ${response.status}, expected ${status}: ${response.text}`);
}

/** Uses the printed one-time set-up link through the API; returns the signed-in officer. */
export async function setUpOfficerByApi(app: AppProcess): Promise<BrowserClient> {
  const setupUrl = app.setupUrl();
  if (!setupUrl) throw new Error(`The app printed no set-up link:\n${app.output()}`);
  const officer = await newBrowserClient(app.url);
  expectStatus('POST /api/setup', await officer.post(`/api/setup/${tokenFromUrl(setupUrl)}`, OFFICER), 201);
  return officer;
}

/** Creates a board; it starts with one participant link. */
export async function createBoardByApi(
  officer: BrowserClient,
  input: { title: string; summary: string; notice: string } = BOARD,
): Promise<{ board: BoardView; participantLink: InviteLinkView }> {
  const created = await officer.post('/api/boards', input);
  expectStatus('POST /api/boards', created, 201);
  const board = created.body.board as BoardView;
  const links = await officer.get(`/api/boards/${board.id}/invite-links`);
  expectStatus('GET invite-links', links, 200);
  const participantLink = (links.body.links as InviteLinkView[]).find((link) => link.role === 'participant');
  if (!participantLink) throw new Error('A new board has no participant link');
  return { board, participantLink };
}

export async function createInviteLinkByApi(
  officer: BrowserClient,
  boardId: string,
  body: { role: 'participant' | 'observer'; expiresAt?: string | null },
): Promise<InviteLinkView> {
  const response = await officer.post(`/api/boards/${boardId}/invite-links`, body);
  expectStatus('POST invite-links', response, 201);
  return response.body.link as InviteLinkView;
}

/** Joins through an invitation link; returns that person's browser, with their board session. */
export async function joinByApi(baseUrl: string, link: InviteLinkView, person: { name: string; organisation: string }): Promise<BrowserClient> {
  const client = await newBrowserClient(baseUrl);
  const response = await client.post(`/api/join/${tokenFromUrl(link.url)}`, { ...person, acceptNotice: true });
  expectStatus('POST /api/join', response, 201);
  return client;
}

/** The path part of an absolute link the app printed or showed (its host is the app's PUBLIC_URL). */
export function pathOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

/** Fills and sends the first-officer set-up form; waits for the dashboard. */
export async function setUpOfficerInBrowser(page: Page, setupUrl: string): Promise<void> {
  await page.goto(setupUrl);
  await page.getByLabel('Full name').fill(OFFICER.name);
  await page.getByLabel('Work email address').fill(OFFICER.email);
  await page.getByLabel('Create a password').fill(OFFICER.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL((url) => url.pathname === '/boards');
}

export async function signInInBrowser(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.locator('#email').fill(OFFICER.email);
  await page.locator('#password').fill(OFFICER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === '/boards');
}

/** From the dashboard: "Create a board", fill the form, submit; returns the new board's id (from the wall's URL, where the officer lands). */
export async function createBoardInBrowser(page: Page, input: { title: string; summary: string; notice: string } = BOARD): Promise<string> {
  await page.getByRole('link', { name: 'Create a board' }).click();
  await page.waitForURL((url) => url.pathname === '/boards/new');
  await page.locator('#title').fill(input.title);
  await page.locator('#summary').fill(input.summary);
  await page.locator('#notice').fill(input.notice);
  await page.getByRole('button', { name: 'Create board' }).click();
  await page.waitForURL((url) => /^\/boards\/[^/]+$/.test(url.pathname) && url.pathname !== '/boards/new');
  const boardId = /^\/boards\/([^/]+)$/.exec(new URL(page.url()).pathname)?.[1];
  if (!boardId) throw new Error(`No board id in ${page.url()}`);
  return decodeURIComponent(boardId);
}

/** Fills the join form (name, organisation, the notice) and joins; waits for the board page. */
export async function joinInBrowser(page: Page, person: { name: string; organisation: string }): Promise<void> {
  await page.getByLabel('Full name').fill(person.name);
  await page.getByLabel('Organisation').fill(person.organisation);
  await page.getByLabel('I have read and accept the fair-engagement notice').check();
  await page.getByRole('button', { name: 'Join the board' }).click();
  await page.waitForURL(/\/boards\/[^/]+$/);
}

/**
 * Steps most integration tests share: set up the first officer, sign in, create a board, join it.
 * Each step goes through the real REST API and fails loudly when the server answers unexpectedly.
 */
import { expect } from 'vitest';
import type { BoardView, InviteLinkView } from '../../shared/protocol/api.js';
import { newBrowserClient, tokenFromUrl, type ApiResponse, type BrowserClient } from '../helpers/http.js';
import type { TestServer } from '../helpers/startServer.js';

export const FIRST_OFFICER = {
  name: 'Priya Shah',
  email: 'priya.shah@council.example.gov.uk',
  password: 'correct horse battery staple',
} as const;

export const BOARD_INPUT = {
  title: 'Future of library services',
  summary: 'Early market engagement for a new library management service.',
  notice: 'Everything you post here is shared with all suppliers taking part.',
} as const;

/** Fails with the server's answer in the message, so a broken step says what went wrong. */
export function expectStatus(response: ApiResponse, status: number): void {
  expect(response.status, `${response.status} ${response.text}`).toBe(status);
}

/** Asserts a JSON error body `{ error: { code, message } }` with this status and code. */
export function expectError(response: ApiResponse, status: number, code: string): void {
  expectStatus(response, status);
  expect(response.headers.get('content-type') ?? '').toContain('application/json');
  expect(response.body?.error?.code).toBe(code);
  expect(typeof response.body?.error?.message).toBe('string');
  expect(response.body.error.message.length).toBeGreaterThan(0);
}

/** The names of the fields a 400 complains about. */
export function fieldsOf(response: ApiResponse): string[] {
  const fields: { field: string }[] = response.body?.error?.details?.fields ?? [];
  return fields.map((entry) => entry.field);
}

/** Uses the server's set-up link and returns the first officer's browser, signed in. */
export async function setUpFirstOfficer(server: Pick<TestServer, 'url' | 'setupUrl'>): Promise<BrowserClient> {
  if (!server.setupUrl) throw new Error('The server has no set-up link: an officer already exists');
  const officer = await newBrowserClient(server.url);
  const response = await officer.post(`/api/setup/${tokenFromUrl(server.setupUrl)}`, FIRST_OFFICER);
  expectStatus(response, 201);
  return officer;
}

export async function signIn(baseUrl: string, email: string, password: string): Promise<BrowserClient> {
  const client = await newBrowserClient(baseUrl);
  const response = await client.post('/api/sign-in', { email, password });
  expectStatus(response, 200);
  return client;
}

/** Creates a board and returns it with the participant link every new board starts with. */
export async function createBoard(
  officer: BrowserClient,
  input: { title: string; summary: string; notice: string } = BOARD_INPUT,
): Promise<{ board: BoardView; participantLink: InviteLinkView }> {
  const created = await officer.post('/api/boards', input);
  expectStatus(created, 201);
  const board = created.body.board as BoardView;
  const links = await officer.get(`/api/boards/${board.id}/invite-links`);
  expectStatus(links, 200);
  const participantLink = (links.body.links as InviteLinkView[]).find((link) => link.role === 'participant');
  if (!participantLink) throw new Error('A new board has no participant link');
  return { board, participantLink };
}

export async function createInviteLink(
  officer: BrowserClient,
  boardId: string,
  body: { role: 'participant' | 'observer'; expiresAt?: string | null },
): Promise<InviteLinkView> {
  const response = await officer.post(`/api/boards/${boardId}/invite-links`, body);
  expectStatus(response, 201);
  return response.body.link as InviteLinkView;
}

/** A new browser that joins through an invite link with a name and organisation. */
export async function joinBoard(
  baseUrl: string,
  link: InviteLinkView,
  person: { name: string; organisation: string } = { name: 'Sam Jones', organisation: 'Acme Library Systems Ltd' },
  options: { forwardedFor?: string } = {},
): Promise<BrowserClient> {
  const client = await newBrowserClient(baseUrl);
  const path = `/api/join/${tokenFromUrl(link.url)}`;
  const body = { ...person, acceptNotice: true };
  // `forwardedFor`: the address a trusted proxy says this person came from (a server with TRUST_PROXY=1),
  // so a room of people is not one address to the per-address join limit.
  const response = options.forwardedFor
    ? await client.raw(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': client.csrfToken, 'x-forwarded-for': options.forwardedFor },
        body: JSON.stringify(body),
      })
    : await client.post(path, body);
  expectStatus(response, 201);
  return client;
}

/**
 * A second officer with an account, made through a co-owner invitation on a board of `inviter`.
 * Returns their signed-in browser.
 */
export async function inviteNewOfficer(
  baseUrl: string,
  inviter: BrowserClient,
  boardId: string,
  person: { name: string; email: string; password: string },
): Promise<BrowserClient> {
  const invited = await inviter.post(`/api/boards/${boardId}/officers`, { email: person.email });
  expectStatus(invited, 201);
  const client = await newBrowserClient(baseUrl);
  const accepted = await client.post(`/api/officer-invitations/${tokenFromUrl(invited.body.invitation.url)}`, {
    name: person.name,
    password: person.password,
  });
  expectStatus(accepted, 201);
  return client;
}

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/log.js';
import { startServer } from '../../server/server.js';
import { SqliteStore } from '../../server/store/sqlite.js';
import { MAX_JSON_BODY_BYTES } from '../../shared/limits.js';
import type { BoardView, InviteLinkView } from '../../shared/protocol/api.js';
import { newBrowserClient, tokenFromUrl, type ApiResponse, type BrowserClient } from '../helpers/http.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';
import { BOARD_INPUT, createBoard, expectError, expectStatus, fieldsOf, setUpFirstOfficer } from './scenario.js';

let server: TestServer;
let officer: BrowserClient;

beforeEach(async () => {
  server = await startTestServer();
  officer = await setUpFirstOfficer(server);
});

afterEach(async () => {
  await server.remove();
});

/** POSTs a body exactly as given (not re-encoded), with this browser's cookies and CSRF token. */
function postRaw(client: BrowserClient, path: string, body: string, headers: Record<string, string> = {}): Promise<ApiResponse> {
  return client.raw(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': client.csrfToken, ...headers },
    body,
  });
}

/** The officer's boards: bad input must not have created or changed any. */
async function boardTitles(): Promise<string[]> {
  const response = await officer.get('/api/boards');
  expectStatus(response, 200);
  return (response.body.boards as BoardView[]).map((board) => board.title);
}

async function expectServerStillUp(): Promise<void> {
  const health = await fetch(`${server.url}/healthz`);
  expect(health.status).toBe(200);
  expectStatus(await officer.get('/api/boards'), 200);
}

describe('request bodies the server cannot use', () => {
  it('answers malformed JSON with a 400 and a message', async () => {
    for (const body of ['{"title": "Libraries",', '{title: "Libraries"}', 'not json at all', '"just a string"', '[1, 2, 3]']) {
      const response = await postRaw(officer, '/api/boards', body);
      expectError(response, 400, 'invalid-input');
    }
    const truncated = await postRaw(officer, '/api/boards', '{"title": "Libraries",');
    expect(truncated.body.error.message).toMatch(/JSON/);
    expect(await boardTitles()).toEqual([]);
    await expectServerStillUp();
  });

  it('names an unknown field instead of ignoring it', async () => {
    const response = await officer.post('/api/boards', { ...BOARD_INPUT, colour: 'red' });

    expectError(response, 400, 'invalid-input');
    expect(fieldsOf(response)).toContain('colour');
    expect(response.body.error.message).toContain('colour');
    expect(await boardTitles()).toEqual([]);
  });

  it('refuses a __proto__ key and pollutes nothing', async () => {
    const body = `{"title":"Polluted","summary":"","notice":"A notice","__proto__":{"isAdmin":true,"status":"archived"}}`;

    const response = await postRaw(officer, '/api/boards', body);

    expectError(response, 400, 'invalid-input');
    // The server runs in this process: its Object.prototype is ours.
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(await boardTitles()).toEqual([]);
    const nested = await postRaw(officer, '/api/sign-in', '{"email":"a@b.example","password":"x","__proto__":{"isAdmin":true}}');
    expectError(nested, 400, 'invalid-input');
    const viaConstructor = await postRaw(officer, '/api/boards', `{"title":"T","summary":"","notice":"N","constructor":{"prototype":{"isAdmin":true}}}`);
    expectError(viaConstructor, 400, 'invalid-input');
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it(`refuses a body over ${MAX_JSON_BODY_BYTES / 1024} KiB with a JSON error`, async () => {
    const huge = JSON.stringify({ ...BOARD_INPUT, summary: 'x'.repeat(MAX_JSON_BODY_BYTES + 1024) });

    const response = await postRaw(officer, '/api/boards', huge);

    expectError(response, 400, 'invalid-input');
    expect(response.body.error.message).toMatch(/too large/i);
    expect(await boardTitles()).toEqual([]);
    await expectServerStillUp();
  });

  it('survives deeply nested JSON', async () => {
    const depth = 20_000;
    const nested = `{"title":${'['.repeat(depth)}${']'.repeat(depth)},"summary":"","notice":"N"}`;
    expect(nested.length).toBeLessThan(MAX_JSON_BODY_BYTES);

    const response = await postRaw(officer, '/api/boards', nested);

    expectError(response, 400, 'invalid-input');
    expect(await boardTitles()).toEqual([]);
    await expectServerStillUp();
  });

  it('refuses a body that is not declared as JSON', async () => {
    const response = await officer.raw('/api/boards', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-csrf-token': officer.csrfToken },
      body: JSON.stringify(BOARD_INPUT),
    });

    expectError(response, 400, 'invalid-input');
    expect(await boardTitles()).toEqual([]);
  });

  it('refuses fields of the wrong type and says which', async () => {
    const { participantLink } = await createBoard(officer);
    const visitor = await newBrowserClient(server.url);

    const response = await visitor.post(`/api/join/${tokenFromUrl(participantLink.url)}`, {
      name: 42,
      organisation: 'Acme Ltd',
      acceptNotice: true,
    });

    expectError(response, 400, 'invalid-input');
    expect(fieldsOf(response)).toEqual(['name']);
    expect((await visitor.get('/api/session')).body.session).toBeNull();
    for (const body of [
      { ...BOARD_INPUT, title: ['a', 'list'] },
      { ...BOARD_INPUT, title: null },
      { ...BOARD_INPUT, summary: { nested: true } },
    ]) {
      expectError(await officer.post('/api/boards', body), 400, 'invalid-input');
    }
    expect(await boardTitles()).toEqual([BOARD_INPUT.title]);
  });

  it('refuses a title with hidden control characters', async () => {
    for (const title of ['Bell\u0007 ringer', 'Two\nlines', 'Reversed \u202etxt.exe', 'Null\u0000byte']) {
      const response = await officer.post('/api/boards', { ...BOARD_INPUT, title });
      expectError(response, 400, 'invalid-input');
      expect(fieldsOf(response), JSON.stringify(title)).toEqual(['title']);
    }
    expect(await boardTitles()).toEqual([]);
  });

  it('refuses an over-long title and an empty rename', async () => {
    const { board } = await createBoard(officer);

    expectError(await officer.post('/api/boards', { ...BOARD_INPUT, title: 'x'.repeat(121) }), 400, 'invalid-input');
    expectError(await officer.patch(`/api/boards/${board.id}`, {}), 400, 'invalid-input');
    expectError(await officer.patch(`/api/boards/${board.id}`, { title: '   ' }), 400, 'invalid-input');
    expect(await boardTitles()).toEqual([BOARD_INPUT.title]);
  });
});

describe('cross-site request forgery', () => {
  it('refuses a POST without the CSRF header', async () => {
    const response = await officer.raw('/api/boards', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(BOARD_INPUT),
    });

    expectError(response, 403, 'csrf');
    expect(await boardTitles()).toEqual([]);
  });

  it('refuses a POST whose CSRF header does not match the cookie', async () => {
    const otherBrowser = await newBrowserClient(server.url);

    const response = await postRaw(officer, '/api/boards', JSON.stringify(BOARD_INPUT), { 'x-csrf-token': otherBrowser.csrfToken });

    expectError(response, 403, 'csrf');
    expect(await boardTitles()).toEqual([]);
  });

  it('refuses a PATCH and a sign-out without the CSRF header', async () => {
    const { board } = await createBoard(officer);

    const patch = await officer.raw(`/api/boards/${board.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Forged' }),
    });
    const signOut = await officer.raw('/api/sign-out', { method: 'POST' });

    expectError(patch, 403, 'csrf');
    expectError(signOut, 403, 'csrf');
    expect(await boardTitles()).toEqual([BOARD_INPUT.title]);
  });

  it('refuses a POST from another website even with a valid token', async () => {
    const response = await postRaw(officer, '/api/boards', JSON.stringify(BOARD_INPUT), { origin: 'https://evil.example' });

    expectError(response, 403, 'csrf');
    // A sandboxed frame or a file sends `Origin: null`: that is not our site either.
    expectError(await postRaw(officer, '/api/boards', JSON.stringify(BOARD_INPUT), { origin: 'null' }), 403, 'csrf');
    expect(await boardTitles()).toEqual([]);
    // The same request from the app's own origin is accepted.
    expectStatus(await postRaw(officer, '/api/boards', JSON.stringify(BOARD_INPUT), { origin: server.url }), 201);
  });
});

describe('ids in the path', () => {
  it('answers 400 to ids that are not ids, and stays up', async () => {
    const { board, participantLink } = await createBoard(officer);
    for (const badId of ['..%2F..%2Fetc', encodeURIComponent("' OR 1=1 --"), 'abc', '%00', 'a'.repeat(41)]) {
      const response = await officer.get(`/api/boards/${badId}`);
      expectError(response, 400, 'invalid-input');
    }
    const badLink = await officer.get(`/api/boards/${board.id}/invite-links/${encodeURIComponent("1' OR '1'='1")}/qr.svg`);
    expectError(badLink, 400, 'invalid-input');
    expectError(await officer.post(`/api/boards/${encodeURIComponent('../x')}/archive`), 400, 'invalid-input');

    await expectServerStillUp();
    const links = await officer.get(`/api/boards/${board.id}/invite-links`);
    expect((links.body.links as InviteLinkView[]).map((link) => link.id)).toEqual([participantLink.id]);
  });

  it('answers 404 with a JSON error for an API route that does not exist', async () => {
    const response = await officer.get('/api/no-such-route');

    expectError(response, 404, 'not-found');
  });
});

describe('security headers', () => {
  function expectSecurityHeaders(response: Response): void {
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toContain('unsafe-inline');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-powered-by')).toBeNull();
  }

  it('are sent with the page at / and on client routes', async () => {
    const page = await startServerWithClientPage();
    try {
      for (const path of ['/', '/boards/some-board']) {
        const response = await fetch(page.url + path);
        expect(response.status, path).toBe(200);
        expect(await response.text()).toContain('Open Ideas Wall test page');
        expectSecurityHeaders(response);
      }
    } finally {
      await page.close();
    }
  });

  it('are sent on /api/session', async () => {
    const response = await fetch(`${server.url}/api/session`);
    await response.text();

    expectSecurityHeaders(response);
  });

  it('API answers are never cached', async () => {
    const response = await officer.get('/api/boards');

    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('the CSRF cookie is HttpOnly and SameSite=Strict', async () => {
    const response = await fetch(`${server.url}/api/session`);
    await response.text();

    const csrfCookie = response.headers.getSetCookie().find((line) => line.startsWith('oiw_csrf='));
    expect(csrfCookie).toMatch(/;\s*HttpOnly/i);
    expect(csrfCookie).toMatch(/;\s*SameSite=Strict/i);
  });
});

describe('health checks', () => {
  it('/healthz and /readyz answer 200 while the store is reachable', async () => {
    const health = await fetch(`${server.url}/healthz`);
    const ready = await fetch(`${server.url}/readyz`);

    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });
});

/**
 * `startTestServer` serves the API only. The page headers need the server's client route, so this starts
 * one with a stand-in index.html (the real client may not be built when the integration tests run).
 */
async function startServerWithClientPage(): Promise<{ url: string; close(): Promise<void> }> {
  const folder = mkdtempSync(path.join(tmpdir(), 'oiw-page-'));
  const clientDir = path.join(folder, 'client');
  const dataDir = path.join(folder, 'data');
  mkdirSync(clientDir, { recursive: true });
  writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>Open Ideas Wall test page</title>');
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test' });
  const store = SqliteStore.inDataDir(dataDir);
  const running = await startServer({ config, store, log: createLogger(config.logLevel), clientDir });
  return {
    url: running.url,
    async close() {
      await running.close();
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

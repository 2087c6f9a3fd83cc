/**
 * Issue 10 item 10 (THREATS.md I, "Secrets in logs"): no token, secret or password value ever reaches a
 * log line. A full scenario runs against the built app as its own process at LOG_LEVEL=trace: set-up
 * (refused and accepted), sign-in (wrong and right), officer invitations, joins by link and by event code,
 * withdrawn, expired and made-up links, websockets with session cookies. Then the process's whole output
 * is searched for every secret the scenario created or was given.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startAppProcess } from '../helpers/appProcess.js';
import { ensureBuiltServer } from '../helpers/builtServer.js';
import { newBrowserClient, tokenFromUrl, waitFor, type ApiResponse, type BrowserClient } from '../helpers/http.js';
import { Disposables, connectDevice, rooms } from '../helpers/liveBoard.js';

const open = new Disposables();

afterEach(async () => {
  await open.disposeAll();
});

beforeAll(() => {
  ensureBuiltServer();
});

/** A made-up link token of the real shape (43 url-safe characters). */
const madeUpToken = () => randomBytes(32).toString('base64url');

/** The secret inside a signed cookie value (`s:<token>.<signature>`, URL-encoded), and the value itself. */
function cookieSecrets(value: string | undefined): string[] {
  if (!value) return [];
  const decoded = decodeURIComponent(value);
  const inner = decoded.startsWith('s:') ? decoded.slice(2, decoded.lastIndexOf('.')) : decoded;
  return [value, decoded, inner].filter((secret) => secret.length >= 16);
}

function expectStatusOf(response: ApiResponse, status: number, what: string): void {
  expect(response.status, `${what}: ${response.text}`).toBe(status);
}

describe('[#10.10] secrets in logs', () => {
  it('[#10.10] a full scenario at LOG_LEVEL=trace writes no token, password, cookie or secret to the output', async () => {
    const sessionSecret = `test-session-secret-${randomBytes(24).toString('base64url')}`;
    const app = open.add(await startAppProcess({ env: { LOG_LEVEL: 'trace', SESSION_SECRET: sessionSecret } }), (running) => running.remove());
    const secrets = new Map<string, string>(); // value → what it is
    const remember = (what: string, ...values: Array<string | undefined>) => {
      for (const value of values) if (value) secrets.set(value, what);
    };
    const rememberCookies = (browser: BrowserClient, who: string) => {
      for (const [name, value] of Object.entries(browser.cookies())) for (const secret of cookieSecrets(value)) remember(`${who}'s ${name} cookie`, secret);
      remember(`${who}'s CSRF token`, browser.csrfToken);
    };
    remember('SESSION_SECRET', sessionSecret);

    // Set-up: made-up links (the real shape, shorter, and the real token with its last character changed),
    // a refused body on the real link, then the real set-up.
    const setupUrl = app.setupUrl();
    expect(setupUrl).not.toBeNull();
    const setupToken = tokenFromUrl(setupUrl!); // reason: checked just above
    const officer = await newBrowserClient(app.url);
    const nearMiss = `${setupToken.slice(0, 42)}${setupToken.endsWith('A') ? 'B' : 'A'}`;
    for (const token of [madeUpToken(), madeUpToken().slice(0, 30), nearMiss]) {
      remember('a made-up set-up token', token);
      expectStatusOf(await officer.get(`/api/setup/${token}`), 404, 'made-up set-up link');
      expectStatusOf(await officer.post(`/api/setup/${token}`, { name: 'Olive Officer', email: 'olive@council.example.gov.uk', password: 'a password for nothing' }), 404, 'made-up set-up post');
    }
    const officerPassword = `officer password ${randomBytes(12).toString('base64url')}`;
    remember('the first officer’s password', officerPassword);
    expectStatusOf(await officer.post(`/api/setup/${setupToken}`, { name: 'Olive Officer', email: 'not an email', password: officerPassword }), 400, 'refused set-up body');
    expectStatusOf(await officer.post(`/api/setup/${setupToken}`, { name: 'Olive Officer', email: 'olive@council.example.gov.uk', password: officerPassword }), 201, 'set-up');
    expectStatusOf(await officer.post(`/api/setup/${setupToken}`, { name: 'Olive Again', email: 'again@council.example.gov.uk', password: officerPassword }), 410, 'used set-up link');
    rememberCookies(officer, 'the first officer');

    // Sign-in: a wrong password, then the right one from another browser.
    const wrongPassword = `wrong password ${randomBytes(12).toString('base64url')}`;
    remember('a wrong password', wrongPassword);
    const signingIn = await newBrowserClient(app.url);
    expectStatusOf(await signingIn.post('/api/sign-in', { email: 'olive@council.example.gov.uk', password: wrongPassword }), 401, 'wrong password');
    expectStatusOf(await signingIn.post('/api/sign-in', { email: 'olive@council.example.gov.uk', password: officerPassword }), 200, 'sign-in');
    rememberCookies(signingIn, 'the signed-in officer');

    // A board, its links and event code.
    const created = await officer.post('/api/boards', { title: 'Housing repairs', summary: 'Repairs that need second visits.', notice: 'Be fair.' });
    expectStatusOf(created, 201, 'board');
    const boardId = created.body.board.id as string;
    const linksResponse = await officer.get(`/api/boards/${boardId}/invite-links`);
    const participantLink = (linksResponse.body.links as Array<{ role: string; url: string; code: string | null }>).find((link) => link.role === 'participant');
    expect(participantLink).toBeDefined();
    const linkToken = tokenFromUrl(participantLink!.url); // reason: checked just above
    remember('the participant link token', linkToken);
    remember('the event code', participantLink!.code ?? undefined); // reason: as above

    // An officer invitation: opened, refused, accepted; and a made-up one.
    const invited = await officer.post(`/api/boards/${boardId}/officers`, { email: 'second.officer@council.example.gov.uk' });
    expectStatusOf(invited, 201, 'officer invitation');
    const invitationUrl: string | undefined = invited.body.invitation?.url;
    if (invitationUrl) {
      const invitationToken = tokenFromUrl(invitationUrl);
      const secondPassword = `second officer password ${randomBytes(12).toString('base64url')}`;
      remember('the officer invitation token', invitationToken);
      remember('the second officer’s password', secondPassword);
      const second = await newBrowserClient(app.url);
      expectStatusOf(await second.get(`/api/officer-invitations/${invitationToken}`), 200, 'invitation info');
      expect((await second.post(`/api/officer-invitations/${invitationToken}`, { name: '', password: secondPassword })).status).toBeGreaterThanOrEqual(400);
      const accepted = await second.post(`/api/officer-invitations/${invitationToken}`, { name: 'Sam Second', password: secondPassword });
      expect(accepted.status, accepted.text).toBeLessThan(300);
      rememberCookies(second, 'the second officer');
    }
    const madeUpInvitation = madeUpToken();
    remember('a made-up invitation token', madeUpInvitation);
    expect((await officer.get(`/api/officer-invitations/${madeUpInvitation}`)).status).toBe(404);
    expect((await officer.post(`/api/officer-invitations/${madeUpInvitation}`, { name: 'Nobody', password: 'no such invitation here' })).status).toBe(404);

    // Joins: by link, by event code, and refused (made-up, withdrawn, expired) links.
    const byLink = await newBrowserClient(app.url);
    expectStatusOf(await byLink.get(`/api/join/${linkToken}`), 200, 'join info');
    expectStatusOf(await byLink.post(`/api/join/${linkToken}`, { name: 'Sam Jones', organisation: 'Acme Ltd' }), 400, 'join without the notice');
    expectStatusOf(await byLink.post(`/api/join/${linkToken}`, { name: 'Sam Jones', organisation: 'Acme Ltd', acceptNotice: true }), 201, 'join by link');
    rememberCookies(byLink, 'a supplier who joined by link');
    const byCode = await newBrowserClient(app.url);
    const lookedUp = await byCode.post('/api/event-codes', { code: participantLink!.code }); // reason: checked above
    expectStatusOf(lookedUp, 200, 'event code');
    expectStatusOf(await byCode.post(`/api${lookedUp.body.joinPath as string}`, { name: 'Kim Lee', organisation: 'Beta Ltd', acceptNotice: true }), 201, 'join by code');
    rememberCookies(byCode, 'a supplier who joined by code');
    const madeUpLink = madeUpToken();
    remember('a made-up link token', madeUpLink);
    expectStatusOf(await byCode.post(`/api/join/${madeUpLink}`, { name: 'Nobody', organisation: 'None', acceptNotice: true }), 404, 'made-up link');
    expectStatusOf(await byCode.post('/api/event-codes', { code: 'ZZZ-0000' }), 404, 'made-up code');

    const withdrawn = await officer.post(`/api/boards/${boardId}/invite-links`, { role: 'observer' });
    expectStatusOf(withdrawn, 201, 'observer link');
    const withdrawnToken = tokenFromUrl(withdrawn.body.link.url as string);
    remember('a withdrawn link token', withdrawnToken);
    expectStatusOf(await officer.post(`/api/boards/${boardId}/invite-links/${withdrawn.body.link.id as string}/revoke`), 200, 'revoke');
    expectStatusOf(await byCode.post(`/api/join/${withdrawnToken}`, { name: 'Late Comer', organisation: 'Gamma Ltd', acceptNotice: true }), 410, 'withdrawn link');

    const expiring = await officer.post(`/api/boards/${boardId}/invite-links`, { role: 'participant', expiresAt: new Date(Date.now() + 1_500).toISOString() });
    expectStatusOf(expiring, 201, 'expiring link');
    const expiredToken = tokenFromUrl(expiring.body.link.url as string);
    remember('an expired link token', expiredToken);
    remember('an expired link’s event code', (expiring.body.link.code as string | null) ?? undefined);
    await waitFor(async () => (await byCode.get(`/api/join/${expiredToken}`)).status === 410, { timeoutMs: 5_000 });
    expectStatusOf(await byCode.post(`/api/join/${expiredToken}`, { name: 'Too Late', organisation: 'Delta Ltd', acceptNotice: true }), 410, 'expired link');

    // Live connections with session cookies, and a request with a bad CSRF token.
    const device = open.add(await connectDevice(app.url, rooms.wall(boardId), byLink), (live) => live.destroy());
    expect(device.provider.synced).toBe(true);
    const forged = await byLink.raw(`/api/boards/${boardId}`, { method: 'PATCH', headers: { 'content-type': 'application/json', 'x-csrf-token': madeUpToken() }, body: '{}' });
    expect(forged.status).toBe(403);

    expectStatusOf(await signingIn.post('/api/sign-out'), 204, 'sign-out');
    device.destroy();
    await app.stop();

    const output = app.output();
    expect(output).toMatch(/request refused/); // the refusals above were logged, without their secrets
    // The one-time set-up link is printed once for the operator (the only way to deliver it) and never logged.
    expect(output.split(setupToken).length - 1).toBe(1);
    expect(output.split('\n').filter((line) => line.includes(setupToken)).every((line) => !line.trimStart().startsWith('{'))).toBe(true);
    secrets.delete(setupToken);
    const leaked = [...secrets].filter(([value]) => output.includes(value)).map(([value, what]) => `${what} (${value})`);
    expect(leaked, output).toEqual([]);
  }, 90_000);

  it('[#10.10] a too-short SESSION_SECRET, or a database URL with a password, stops the server without echoing the value', () => {
    ensureBuiltServer();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'oiw-config-'));
    try {
      const cases = [
        { SESSION_SECRET: `short-${randomBytes(6).toString('hex')}` },
        { NODE_ENV: 'production', PUBLIC_URL: 'https://ideas.example.gov.uk', SESSION_SECRET: `${randomBytes(8).toString('hex')}` },
        { REDIS_URL: `http://user:${randomBytes(9).toString('hex')}@cache.internal:6379` },
        { REDIS_URL: 'redis://cache.internal:6379', DATABASE_URL: `mysql://ideas:${randomBytes(9).toString('hex')}@db.internal/ideas` },
      ];
      for (const env of cases) {
        const run = spawnSync(process.execPath, [path.resolve('dist/server/main.js')], {
          env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'trace', NODE_ENV: 'test', ...env },
          encoding: 'utf8',
          timeout: 15_000,
        });
        const output = `${run.stdout}${run.stderr}`;
        expect(run.status, output).toBe(1);
        const lines = output.trim().split('\n');
        expect(lines, output).toHaveLength(1);
        expect(lines[0]).toMatch(/^Configuration error: (SESSION_SECRET|REDIS_URL|DATABASE_URL) /);
        const secretValue = env.SESSION_SECRET ?? env.DATABASE_URL ?? env.REDIS_URL ?? '';
        const password = /:([0-9a-f]{18})@/.exec(secretValue)?.[1];
        expect(output).not.toContain(secretValue);
        if (password) expect(output).not.toContain(password);
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SIGN_IN_ATTEMPTS_PER_WINDOW } from '../../shared/limits.js';
import { newBrowserClient, tokenFromUrl } from '../helpers/http.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';
import { FIRST_OFFICER, expectError, expectStatus, setUpFirstOfficer, signIn } from './scenario.js';

let server: TestServer;

beforeEach(async () => {
  server = await startTestServer();
});

afterEach(async () => {
  await server.remove();
});

describe('the one-time set-up link', () => {
  it('creates the first officer and signs them in', async () => {
    const setupToken = tokenFromUrl(server.setupUrl ?? '');
    const browser = await newBrowserClient(server.url);

    expectStatus(await browser.get(`/api/setup/${setupToken}`), 200);
    const created = await browser.post(`/api/setup/${setupToken}`, FIRST_OFFICER);

    expectStatus(created, 201);
    expect(created.body.session).toMatchObject({ kind: 'officer', account: { name: FIRST_OFFICER.name, email: FIRST_OFFICER.email } });
    const session = await browser.get('/api/session');
    expect(session.body.session).toMatchObject({ kind: 'officer', account: { email: FIRST_OFFICER.email } });
    expectStatus(await browser.get('/api/boards'), 200);
  });

  it('cannot be used a second time, even from another browser', async () => {
    const setupToken = tokenFromUrl(server.setupUrl ?? '');
    await setUpFirstOfficer(server);
    const intruder = await newBrowserClient(server.url);

    const secondUse = await intruder.post(`/api/setup/${setupToken}`, {
      name: 'Mallory',
      email: 'mallory@evil.example',
      password: 'a long enough password',
    });

    expectError(secondUse, 410, 'link-used');
    expect((await intruder.get('/api/session')).body.session).toBeNull();
    expectError(await intruder.get(`/api/setup/${setupToken}`), 410, 'link-used');
    // The intruder's account was not made: signing in with it fails.
    const signInAttempt = await intruder.post('/api/sign-in', { email: 'mallory@evil.example', password: 'a long enough password' });
    expectError(signInAttempt, 401, 'unauthenticated');
  });

  it('used by two browsers at the same moment, makes exactly one officer', async () => {
    const setupToken = tokenFromUrl(server.setupUrl ?? '');
    const browsers = await Promise.all([newBrowserClient(server.url), newBrowserClient(server.url)]);
    const people = [
      { name: 'First Person', email: 'first@council.example.gov.uk', password: 'first long password' },
      { name: 'Second Person', email: 'second@council.example.gov.uk', password: 'second long password' },
    ];

    const answers = await Promise.all(browsers.map((browser, index) => browser.post(`/api/setup/${setupToken}`, people[index])));

    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 410]);
    const winner = answers.findIndex((answer) => answer.status === 201);
    const loser = 1 - winner;
    expectError(answers[loser]!, 410, 'link-used');
    const signInWinner = await browsers[winner]!.post('/api/sign-in', { email: people[winner]!.email, password: people[winner]!.password });
    expectStatus(signInWinner, 200);
    const signInLoser = await browsers[loser]!.post('/api/sign-in', { email: people[loser]!.email, password: people[loser]!.password });
    expectError(signInLoser, 401, 'unauthenticated');
  });

  it('says a made-up set-up link does not exist', async () => {
    const browser = await newBrowserClient(server.url);
    const madeUp = randomBytes(32).toString('base64url');

    expectError(await browser.get(`/api/setup/${madeUp}`), 404, 'not-found');
    expectError(await browser.post(`/api/setup/${madeUp}`, FIRST_OFFICER), 404, 'not-found');
    expectError(await browser.get('/api/setup/not-a-token'), 404, 'not-found');
    // The real link still works afterwards.
    expectStatus(await browser.post(`/api/setup/${tokenFromUrl(server.setupUrl ?? '')}`, FIRST_OFFICER), 201);
  });
});

describe('signing in and out', () => {
  beforeEach(async () => {
    await setUpFirstOfficer(server);
  });

  it('refuses a wrong password without starting a session', async () => {
    const browser = await newBrowserClient(server.url);

    const response = await browser.post('/api/sign-in', { email: FIRST_OFFICER.email, password: 'not the right password' });

    expectError(response, 401, 'unauthenticated');
    expect(browser.cookie('oiw_session')).toBeUndefined();
    expect((await browser.get('/api/session')).body.session).toBeNull();
    expectError(await browser.get('/api/boards'), 401, 'unauthenticated');
  });

  it('refuses an email address nobody has, with the same answer as a wrong password', async () => {
    const browser = await newBrowserClient(server.url);
    const wrongPassword = await browser.post('/api/sign-in', { email: FIRST_OFFICER.email, password: 'not the right password' });
    const unknownEmail = await browser.post('/api/sign-in', { email: 'nobody@council.example.gov.uk', password: 'whatever it is' });

    expectError(unknownEmail, 401, 'unauthenticated');
    expect(unknownEmail.body.error.message).toBe(wrongPassword.body.error.message);
  });

  it('signs in with the right password and shows the officer in the session', async () => {
    const browser = await newBrowserClient(server.url);

    // Email matching ignores case and surrounding spaces, as people type it.
    const response = await browser.post('/api/sign-in', { email: `  ${FIRST_OFFICER.email.toUpperCase()} `, password: FIRST_OFFICER.password });

    expectStatus(response, 200);
    expect(response.body.session).toMatchObject({ kind: 'officer', account: { email: FIRST_OFFICER.email } });
    const session = await browser.get('/api/session');
    expect(session.body.session).toMatchObject({ kind: 'officer', account: { name: FIRST_OFFICER.name, email: FIRST_OFFICER.email } });
    expectStatus(await browser.get('/api/boards'), 200);
  });

  it('sets the session cookie HttpOnly and SameSite=Lax', async () => {
    const browser = await newBrowserClient(server.url);
    await browser.post('/api/sign-in', { email: FIRST_OFFICER.email, password: FIRST_OFFICER.password });

    const sessionCookie = browser.lastSetCookies.find((line) => line.startsWith('oiw_session='));

    expect(sessionCookie).toBeDefined();
    expect(sessionCookie).toMatch(/;\s*HttpOnly/i);
    expect(sessionCookie).toMatch(/;\s*SameSite=Lax/i);
    expect(sessionCookie).toMatch(/;\s*Path=\//i);
  });

  it(`locks an email address after ${SIGN_IN_ATTEMPTS_PER_WINDOW} failed attempts, even for the right password`, async () => {
    const attacker = await newBrowserClient(server.url);
    for (let attempt = 1; attempt <= SIGN_IN_ATTEMPTS_PER_WINDOW; attempt += 1) {
      const response = await attacker.post('/api/sign-in', { email: FIRST_OFFICER.email, password: `guess number ${attempt}` });
      expectError(response, 401, 'unauthenticated');
    }

    // The real officer, from another browser, is held back too: the limit is on the account.
    const officer = await newBrowserClient(server.url);
    const locked = await officer.post('/api/sign-in', { email: FIRST_OFFICER.email, password: FIRST_OFFICER.password });

    expectError(locked, 429, 'rate-limited');
    expect(officer.cookie('oiw_session')).toBeUndefined();
    expect((await officer.get('/api/session')).body.session).toBeNull();
    // Another email address is not locked: it gets the ordinary answer.
    const other = await officer.post('/api/sign-in', { email: 'someone.else@council.example.gov.uk', password: 'whatever it is' });
    expectError(other, 401, 'unauthenticated');
  });

  it('ends the session on sign-out, and the old cookie no longer works', async () => {
    const officer = await signIn(server.url, FIRST_OFFICER.email, FIRST_OFFICER.password);
    const cookiesBeforeSignOut = officer.cookies();
    expectStatus(await officer.get('/api/boards'), 200);

    expectStatus(await officer.post('/api/sign-out'), 204);

    expectError(await officer.get('/api/boards'), 401, 'unauthenticated');
    expect((await officer.get('/api/session')).body.session).toBeNull();
    // Someone who copied the cookie before sign-out cannot use it: the session ended on the server.
    const copied = await newBrowserClient(server.url, cookiesBeforeSignOut);
    expectError(await copied.get('/api/boards'), 401, 'unauthenticated');
  });
});

describe('a tampered session cookie', () => {
  /** Changes one letter or digit at or after `from`, skipping %XX escapes, so the cookie stays well-formed. */
  function changeOneCharacter(value: string, from: number): string {
    for (let position = from; position < value.length; position += 1) {
      const character = value[position] ?? '';
      const isInsideEscape = value[position - 1] === '%' || value[position - 2] === '%';
      if (/[A-Za-z0-9]/.test(character) && !isInsideEscape) {
        return value.slice(0, position) + (character === 'A' ? 'B' : 'A') + value.slice(position + 1);
      }
    }
    throw new Error(`Nothing to change in ${value}`);
  }

  for (const [part, changeAt] of [
    ['token', (value: string) => value.indexOf('%3A') + 3 + 10],
    ['signature', (value: string) => value.lastIndexOf('.') + 10],
  ] as const) {
    it(`is refused when one character of its ${part} is changed, and the session reads as signed out`, async () => {
      const officer = await setUpFirstOfficer(server);
      const value = officer.cookie('oiw_session') ?? '';
      expect(value).toMatch(/^s%3A[A-Za-z0-9_-]{43}\./);
      const tampered = changeOneCharacter(value, changeAt(value));
      expect(tampered).not.toBe(value);
      expect(tampered).toHaveLength(value.length);
      const browser = await newBrowserClient(server.url, { oiw_csrf: officer.cookie('oiw_csrf') ?? '' });
      browser.setCookie('oiw_session', tampered);

      const boards = await browser.get('/api/boards');
      const session = await browser.get('/api/session');

      expectError(boards, 401, 'unauthenticated');
      expectStatus(session, 200);
      expect(session.body.session).toBeNull();
      // The server tells the browser to forget the bad cookie.
      expect(browser.cookie('oiw_session')).toBeUndefined();
      // The untouched cookie still works: it was the change that was refused.
      expectStatus(await officer.get('/api/boards'), 200);
    });
  }
});

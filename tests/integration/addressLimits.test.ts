/**
 * Issue 10 item 5: limits that a script cannot dodge by minting a fresh browser cookie per attempt. Each
 * attacker here is a script that loads the page afresh (new CSRF cookie) for every attempt, from one
 * address, as the first release's attacker did. Real HTTP against a real server on port 0.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  EVENT_CODE_LOOKUP_BURST_PER_ADDRESS,
  EVENT_CODE_LOOKUPS_PER_ADDRESS_PER_SECOND,
  JOIN_BURST_PER_ADDRESS,
  JOINS_PER_ADDRESS_PER_SECOND,
  JOINS_PER_LINK_PER_MINUTE,
  SIGN_IN_ATTEMPTS_PER_WINDOW,
  SIGN_IN_FAILURES_PER_ADDRESS_PER_WINDOW,
} from '../../shared/limits.js';
import { newBrowserClient, tokenFromUrl, type ApiResponse, type BrowserClient } from '../helpers/http.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';
import { createBoard, expectError, expectStatus, FIRST_OFFICER, setUpFirstOfficer } from './scenario.js';

let server: TestServer | null = null;

afterEach(async () => {
  await server?.remove();
  server = null;
});

/** A POST as the browser sends it, optionally through a proxy that says the client was `forwardedFor`. */
function postAs(browser: BrowserClient, path: string, body: unknown, forwardedFor?: string): Promise<ApiResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-csrf-token': browser.csrfToken };
  if (forwardedFor) headers['x-forwarded-for'] = forwardedFor;
  return browser.raw(path, { method: 'POST', headers, body: JSON.stringify(body) });
}

/** Fresh browsers (each with its own CSRF cookie), made before the timed part of a test. */
async function freshBrowsers(count: number): Promise<BrowserClient[]> {
  const browsers: BrowserClient[] = [];
  for (let index = 0; index < count; index += 1) browsers.push(await newBrowserClient(server!.url)); // reason: set in each test
  return browsers;
}

function expectClearRateLimit(response: ApiResponse): void {
  expectError(response, 429, 'rate-limited');
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  expect(String(response.body.error.message)).toMatch(/^Too many .+\. Wait /);
}

/** `count` wrong sign-ins, each from a fresh browser and for a different email (so neither of those limits applies). */
async function failedSignInsFromFreshBrowsers(count: number, forwardedFor?: (index: number) => string): Promise<ApiResponse[]> {
  const browsers = await freshBrowsers(count);
  return Promise.all(
    browsers.map((browser, index) =>
      postAs(browser, '/api/sign-in', { email: `guess${index}@council.example.gov.uk`, password: `wrong password ${index}` }, forwardedFor?.(index)),
    ),
  );
}

describe('[#10.5] sign-in limits', () => {
  it('[#10.5] a script minting a fresh cookie for every wrong sign-in is stopped per address', async () => {
    server = await startTestServer();
    await setUpFirstOfficer(server);

    const answers = await failedSignInsFromFreshBrowsers(SIGN_IN_FAILURES_PER_ADDRESS_PER_WINDOW);
    for (const answer of answers) expectError(answer, 401, 'unauthenticated');

    // The next attempt, fresh cookie again, even with the right password, is held back with a clear 429.
    const [next] = await freshBrowsers(1);
    const refused = await postAs(next!, '/api/sign-in', { email: FIRST_OFFICER.email, password: FIRST_OFFICER.password }); // reason: one browser made
    expectClearRateLimit(refused);
    expect(next!.cookie('oiw_session')).toBeUndefined(); // reason: as above
  }, 60_000);

  it(`[#10.5] one browser trying many accounts is stopped after ${SIGN_IN_ATTEMPTS_PER_WINDOW * 3} failures (per-browser limit)`, async () => {
    // Behind a trusted proxy, each attempt from its own address: only the per-browser limit can apply
    // (and a different email each time keeps the per-email limit out of it).
    server = await startTestServer({ env: { TRUST_PROXY: '1' } });
    await setUpFirstOfficer(server);
    const browser = await newBrowserClient(server.url);
    const failures = SIGN_IN_ATTEMPTS_PER_WINDOW * 3;
    const answers = await Promise.all(
      Array.from({ length: failures }, (_, index) =>
        postAs(browser, '/api/sign-in', { email: `someone${index}@council.example.gov.uk`, password: `wrong password ${index}` }, `198.51.100.${index + 1}`),
      ),
    );
    for (const answer of answers) expectError(answer, 401, 'unauthenticated');

    const right = { email: FIRST_OFFICER.email, password: FIRST_OFFICER.password };
    expectClearRateLimit(await postAs(browser, '/api/sign-in', right, '203.0.113.200'));
    // Another browser from the same new address is not held back: the limit was this browser's.
    expectStatus(await postAs(await newBrowserClient(server.url), '/api/sign-in', right, '203.0.113.200'), 200);
  }, 60_000);

  it('[#10.5] a spoofed X-Forwarded-For does not dodge the address limit unless TRUST_PROXY is set', async () => {
    server = await startTestServer();
    await setUpFirstOfficer(server);

    // Each attempt claims another address; with no trusted proxy the server ignores the claim.
    const answers = await failedSignInsFromFreshBrowsers(SIGN_IN_FAILURES_PER_ADDRESS_PER_WINDOW, (index) => `198.51.100.${index + 1}`);
    for (const answer of answers) expectError(answer, 401, 'unauthenticated');
    const [next] = await freshBrowsers(1);
    expectClearRateLimit(await postAs(next!, '/api/sign-in', { email: 'x@council.example.gov.uk', password: 'wrong again' }, '203.0.113.9')); // reason: one browser made
  }, 60_000);
});

describe('[#10.5] event-code look-up limits', () => {
  it('[#10.5] a script minting a fresh cookie for every guess is stopped per address', async () => {
    server = await startTestServer();
    await createBoard(await setUpFirstOfficer(server));

    const guessers = await freshBrowsers(EVENT_CODE_LOOKUP_BURST_PER_ADDRESS + 100);

    const started = performance.now();
    const answers = await Promise.all(
      guessers.map((guesser, index) => guesser.post('/api/event-codes', { code: `ZZZ-${String(index).padStart(4, '0')}` })),
    );
    const seconds = (performance.now() - started) / 1000;

    const refused = answers.filter((answer) => answer.status === 429);
    const looked = answers.filter((answer) => answer.status !== 429);
    expect(refused.length).toBeGreaterThan(0);
    for (const answer of refused) expectClearRateLimit(answer);
    for (const answer of looked) expectError(answer, 404, 'not-found');
    expect(looked.length).toBeLessThanOrEqual(EVENT_CODE_LOOKUP_BURST_PER_ADDRESS + Math.ceil(seconds * EVENT_CODE_LOOKUPS_PER_ADDRESS_PER_SECOND) + 1);
  });
});

describe('[#10.5] join limits', () => {
  it('[#10.5] one address taking 100 seats in one second fails partway, with a clear 429', async () => {
    server = await startTestServer();
    const officer = await setUpFirstOfficer(server);
    const { participantLink } = await createBoard(officer);
    const path = `/api/join/${tokenFromUrl(participantLink.url)}`;
    const browsers = await freshBrowsers(100);

    const started = performance.now();
    const answers = await Promise.all(
      browsers.map((browser, index) =>
        postAs(browser, path, { name: `Seat Filler ${index + 1}`, organisation: `Bot Company ${index + 1} Ltd`, acceptNotice: true }),
      ),
    );
    const seconds = (performance.now() - started) / 1000;

    const joined = answers.filter((answer) => answer.status === 201);
    const refused = answers.filter((answer) => answer.status === 429);
    expect(joined.length + refused.length).toBe(100);
    expect(refused.length).toBeGreaterThan(0);
    // At most the burst plus what refilled while the script ran.
    expect(joined.length).toBeLessThanOrEqual(JOIN_BURST_PER_ADDRESS + Math.ceil(seconds * JOINS_PER_ADDRESS_PER_SECOND) + 1);
    for (const answer of refused) {
      expectClearRateLimit(answer);
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    // Nobody refused got a session.
    expect(browsers.filter((browser, index) => answers[index]!.status === 429 && browser.cookie('oiw_session'))).toEqual([]); // reason: same length
  });

  it('[#10.5] a room of phones behind one venue address, arriving at a real room’s pace, is not throttled', async () => {
    server = await startTestServer();
    const officer = await setUpFirstOfficer(server);
    const { participantLink } = await createBoard(officer);
    const path = `/api/join/${tokenFromUrl(participantLink.url)}`;
    const rush = JOIN_BURST_PER_ADDRESS - 10;
    const browsers = await freshBrowsers(rush + 24);

    // A rush when the code goes up on the screen, then 8 people a second (480 a minute).
    const answers: ApiResponse[] = await Promise.all(
      browsers.slice(0, rush).map((browser, index) => postAs(browser, path, { name: `Venue Phone ${index + 1}`, organisation: 'Local Supplier Ltd', acceptNotice: true })),
    );
    for (let index = rush; index < browsers.length; index += 1) {
      await new Promise((resolve) => setTimeout(resolve, 125));
      answers.push(await postAs(browsers[index]!, path, { name: `Venue Phone ${index + 1}`, organisation: 'Local Supplier Ltd', acceptNotice: true })); // reason: in range
    }

    expect(answers.map((answer) => answer.status).filter((status) => status !== 201)).toEqual([]);
  });

  it('[#10.5] X-Forwarded-For is honoured with TRUST_PROXY set: phones behind a proxy are told apart, one address is still bounded', async () => {
    server = await startTestServer({ env: { TRUST_PROXY: '1' } });
    const officer = await setUpFirstOfficer(server);
    const { participantLink } = await createBoard(officer);
    const path = `/api/join/${tokenFromUrl(participantLink.url)}`;
    const browsers = await freshBrowsers(100);

    // 100 people at once, each from their own address as the proxy reports it: all join.
    const spread = await Promise.all(
      browsers.map((browser, index) =>
        postAs(browser, path, { name: `Remote Person ${index + 1}`, organisation: `Company ${index + 1} Ltd`, acceptNotice: true }, `198.51.100.${index + 1}`),
      ),
    );
    expect(spread.map((answer) => answer.status).filter((status) => status !== 201)).toEqual([]);

    // 100 at once that the proxy says came from one address: bounded.
    const more = await freshBrowsers(100);
    const crowded = await Promise.all(
      more.map((browser, index) =>
        postAs(browser, path, { name: `Scripted Person ${index + 1}`, organisation: `Script ${index + 1} Ltd`, acceptNotice: true }, '203.0.113.7'),
      ),
    );
    expect(crowded.filter((answer) => answer.status === 429).length).toBeGreaterThan(0);
  });

  it(`[#10.5] one link admits at most ${JOINS_PER_LINK_PER_MINUTE} joins a minute, however many addresses they come from`, async () => {
    server = await startTestServer({ env: { TRUST_PROXY: '1' } });
    const officer = await setUpFirstOfficer(server);
    const { participantLink } = await createBoard(officer);
    const path = `/api/join/${tokenFromUrl(participantLink.url)}`;
    const statuses: number[] = [];
    let next = 0;
    // Many phones, each from its own address (as the proxy reports it), as fast as the server takes them.
    const phone = async () => {
      for (let index = next++; index < JOINS_PER_LINK_PER_MINUTE + 20; index = next++) {
        const browser = await newBrowserClient(server!.url); // reason: set above
        const person = { name: `Person ${index + 1}`, organisation: `Company ${index + 1} Ltd`, acceptNotice: true };
        statuses.push((await postAs(browser, path, person, `10.1.${index >> 8}.${index & 255}`)).status);
      }
    };
    await Promise.all(Array.from({ length: 16 }, () => phone()));

    expect(statuses.filter((status) => status === 201)).toHaveLength(JOINS_PER_LINK_PER_MINUTE);
    expect(statuses.filter((status) => status === 429)).toHaveLength(20);
  }, 120_000);

  it('[#10.5] without TRUST_PROXY, X-Forwarded-For is ignored: 100 joins claiming 100 addresses still fail partway', async () => {
    server = await startTestServer();
    const officer = await setUpFirstOfficer(server);
    const { participantLink } = await createBoard(officer);
    const path = `/api/join/${tokenFromUrl(participantLink.url)}`;
    const browsers = await freshBrowsers(100);

    const answers = await Promise.all(
      browsers.map((browser, index) =>
        postAs(browser, path, { name: `Spoofer ${index + 1}`, organisation: `Spoof ${index + 1} Ltd`, acceptNotice: true }, `198.51.100.${index + 1}`),
      ),
    );
    expect(answers.filter((answer) => answer.status === 429).length).toBeGreaterThan(0);
  });
});

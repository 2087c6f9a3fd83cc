/**
 * `npm run bench:phone`: what a supplier's phone at a venue waits for (issue 15). Real headless Chromium
 * (playwright-core, /usr/bin/chromium) at 360×740, each page throttled through the DevTools protocol as a
 * mid-range phone on a poor venue link: CPU 4× slower (`Emulation.setCPUThrottlingRate`) and 1.6 Mbps
 * down / 750 kbps up with 150 ms latency (`Network.emulateNetworkConditions`, Lighthouse's "slow 4G").
 * Against our built server (`node dist/server/main.js`, production mode) on 127.0.0.1.
 *
 *   1. home page usable: a fresh phone (empty cache) opens `/` until the event-code box is on screen
 *      (React has rendered it, so it works); then the same phone again (cache warm: hashed files are
 *      cached for a year, only index.html is revalidated).
 *   2. QR code → join form usable, and join → wall interactive on a 2,000-note board: from pressing
 *      "Join the board" until the wall says "Online" (every document's websocket open; its notes may
 *      still be on the way), the first note card is on screen, and the first screen is usable ("Add a
 *      note" opens its form when pressed). The wall shows the first notes of each list
 *      (`client/board/noteWindow.ts`), so that is the first screen of notes.
 *   3. note added → visible on another throttled phone: phone A presses "Add note"; phone B (also
 *      throttled, on the same board, notes sorted "Newest" so a new note is on its first screen) notices
 *      the text in its page (a MutationObserver in B, so no polling). Both clocks are this machine's
 *      `Date.now()`.
 *
 *   npm run bench:phone                      (≈ 2–3 min; writes bench/results/<date>-phone.json)
 *   npm run bench:phone -- --notes 500 --samples 3
 *   npm run bench:phone -- --profile        (phone 1's CPU profile from Join to its first screen usable)
 *   npm run bench:phone -- --link proxy     (the link paced on the wire by a TCP proxy, not by Chromium)
 *   npm run bench:phone -- --waterfall      (phone 1's requests and websockets after Join, in order)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import * as Y from 'yjs';
import { launchBrowser, VIEWPORTS } from '../helpers/browser.js';
import { ensureBuiltClient } from '../helpers/builtClient.js';
import { freePort } from '../helpers/appProcess.js';
import { ensureBuiltServer } from '../helpers/builtServer.js';
import { fillOurBoard, waitForNotes } from './coldJoin.js';
import { variedNoteText } from './variedText.js';
import { flagValue } from './flags.js';
import { cookieOf, createOurBoard, joinParticipants, setUpOfficer } from './ourBoard.js';
import { summariseProfile } from './cpuProfile.js';
import { connectAndSync } from './protocol.js';
import { startServerUnderTest } from './servers.js';
import { startThrottledLink } from './throttledLink.js';
import { median } from './stats.js';

/** Lighthouse's mobile throttling ("slow 4G"), as the issue asks: 1.6 Mbps, 150 ms, CPU 4×. */
export const PHONE_THROTTLING = { cpuSlowdown: 4, downloadBitsPerSecond: 1_600_000, uploadBitsPerSecond: 750_000, latencyMs: 150 } as const;

interface PhoneFlags {
  notes: number;
  samples: number;
  out: string;
  /** Profile phone 1's page from pressing Join until its first screen is usable (CDP Profiler). */
  profile: boolean;
  /** Print phone 1's requests and websockets after Join, in order, with their times. */
  waterfall: boolean;
  /**
   * How the slow link is made: 'cdp' (Chromium's network emulation, the default) or 'proxy' (a TCP proxy
   * pacing the bytes on the wire, tests/load/throttledLink.ts: Chromium's emulation paces a websocket's
   * messages by their inflated size, so it hides what permessage-deflate saves).
   */
  link: 'cdp' | 'proxy';
}

function parseFlags(argv: string[]): PhoneFlags {
  return {
    notes: Number(flagValue(argv, '--notes') ?? 2_000),
    samples: Number(flagValue(argv, '--samples') ?? 5),
    out: flagValue(argv, '--out') ?? 'bench/results',
    profile: argv.includes('--profile'),
    link: flagValue(argv, '--link') === 'proxy' ? 'proxy' : 'cdp',
    waterfall: argv.includes('--waterfall'),
  };
}

/**
 * What one page downloaded: HTTP bytes on the wire (compressed, with headers), of which JavaScript, and
 * the payload of websocket messages received (the board's documents and presence).
 */
interface Transfer {
  bytes: number;
  scriptBytes: number;
  requests: number;
  websocketBytes: number;
}

/** One network event of a phone, for `--waterfall`. */
interface WaterfallEntry {
  at: number;
  what: string;
}

/** A fresh phone: its own context (empty cache, no cookies), one page, throttled before anything loads. */
async function openPhone(
  browser: Browser,
  emulateNetwork = true,
): Promise<{ context: BrowserContext; page: Page; cdp: CDPSession; transfer: () => Transfer; resetTransfer: () => void; waterfall: () => WaterfallEntry[] }> {
  const context = await browser.newContext({ viewport: { ...VIEWPORTS.phone }, isMobile: true, hasTouch: true, locale: 'en-GB' });
  const page = await context.newPage();
  page.setDefaultTimeout(120_000);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (emulateNetwork) {
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: PHONE_THROTTLING.latencyMs,
      downloadThroughput: PHONE_THROTTLING.downloadBitsPerSecond / 8,
      uploadThroughput: PHONE_THROTTLING.uploadBitsPerSecond / 8,
    });
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE_THROTTLING.cpuSlowdown });
  let transfer: Transfer = { bytes: 0, scriptBytes: 0, requests: 0, websocketBytes: 0 };
  const types = new Map<string, string>();
  cdp.on('Network.responseReceived', (event) => types.set(event.requestId, event.type));
  cdp.on('Network.loadingFinished', (event) => {
    transfer.bytes += event.encodedDataLength;
    transfer.requests += 1;
    if (types.get(event.requestId) === 'Script') transfer.scriptBytes += event.encodedDataLength;
  });
  // When each request and websocket started and finished (this machine's clock, as the events arrive).
  const waterfall: WaterfallEntry[] = [];
  const urls = new Map<string, string>();
  cdp.on('Network.requestWillBeSent', (event) => {
    urls.set(event.requestId, new URL(event.request.url).pathname);
    waterfall.push({ at: Date.now(), what: `start ${event.request.method} ${new URL(event.request.url).pathname}` });
  });
  cdp.on('Network.loadingFinished', (event) => {
    waterfall.push({ at: Date.now(), what: `done ${urls.get(event.requestId) ?? '?'} (${event.encodedDataLength} B)` });
  });
  cdp.on('Network.webSocketCreated', (event) => waterfall.push({ at: Date.now(), what: `websocket ${new URL(event.url).pathname}` }));
  const sockets = new Map<string, string>();
  cdp.on('Network.webSocketCreated', (event) => sockets.set(event.requestId, new URL(event.url).pathname.split('/').slice(-1)[0] ?? '?'));
  cdp.on('Network.webSocketHandshakeResponseReceived', (event) => waterfall.push({ at: Date.now(), what: `websocket open ${sockets.get(event.requestId) ?? '?'}` }));
  cdp.on('Network.webSocketClosed', (event) => waterfall.push({ at: Date.now(), what: `websocket closed ${sockets.get(event.requestId) ?? '?'}` }));
  cdp.on('Network.webSocketWillSendHandshakeRequest', (event) => waterfall.push({ at: Date.now(), what: `websocket handshake sent ${sockets.get(event.requestId) ?? '?'}` }));
  cdp.on('Network.webSocketFrameError', (event) => waterfall.push({ at: Date.now(), what: `websocket error ${sockets.get(event.requestId) ?? '?'}: ${event.errorMessage}` }));
  cdp.on('Network.loadingFailed', (event) => waterfall.push({ at: Date.now(), what: `failed ${urls.get(event.requestId) ?? sockets.get(event.requestId) ?? '?'}: ${event.errorText}` }));
  cdp.on('Network.webSocketFrameReceived', (event) => {
    // Binary frames (opcode 2, the Yjs documents) arrive base64-encoded; text frames (socket.io) as they are.
    const payload = event.response.payloadData;
    transfer.websocketBytes += event.response.opcode === 2 ? Math.floor((payload.length * 3) / 4) : payload.length;
  });
  return {
    context,
    page,
    cdp,
    transfer: () => ({ ...transfer }),
    waterfall: () => [...waterfall],
    resetTransfer: () => {
      transfer = { bytes: 0, scriptBytes: 0, requests: 0, websocketBytes: 0 };
    },
  };
}

/** Milliseconds from `start` (Date.now()) to now. */
const since = (start: number) => Date.now() - start;

async function fillAndJoin(page: Page, name: string, organisation: string): Promise<number> {
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Organisation', { exact: true }).fill(organisation);
  await page.getByLabel('I have read and accept the fair-engagement notice').check();
  const pressed = Date.now();
  await page.getByRole('button', { name: 'Join the board' }).click();
  return pressed;
}

/**
 * From pressing Join: the wall saying "Online" (websockets open, not yet synced), the first note card on
 * screen, and the first screen usable: "Add a note" in `laneTestId` opens its form when pressed (the page
 * is not too busy to answer a tap). The form is cancelled again. With the wall's lists showing their first
 * notes only (`client/board/noteWindow.ts`), that is the first screen of notes, not every note of the
 * board. `usableAt` is null when "Add a note" did not answer within the page's timeout (120 s): a
 * figure of the run, not a failure of the bench.
 */
async function waitForWallInteractive(page: Page, laneTestId: string): Promise<{ onlineAt: number; notesAt: number; usableAt: number | null }> {
  await page.locator('[data-testid="connection-status"][data-status="online"]').waitFor();
  const onlineAt = Date.now();
  await page.waitForFunction(() => document.querySelector('[data-testid="note"]') !== null, undefined, { polling: 50 });
  const notesAt = Date.now();
  const lane = page.getByTestId(laneTestId);
  try {
    await lane.getByRole('button', { name: 'Add a note' }).click();
    await lane.getByLabel('Your idea').waitFor({ state: 'visible' });
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') return { onlineAt, notesAt, usableAt: null };
    throw error;
  }
  const usableAt = Date.now();
  await lane.getByRole('button', { name: 'Cancel' }).click();
  return { onlineAt, notesAt, usableAt };
}

/**
 * Stops the page's CPU profile, writes it beside the results (`<date>-phone-join.cpuprofile`, for Chrome's
 * DevTools) and prints where the time went. Read it with a build whose names survive: the release build
 * is minified (`npx vite build --minify false` before `--profile` names React's and our functions).
 */
async function writePageProfile(cdp: CDPSession, out: string, log: (line: string) => void): Promise<void> {
  const { profile } = await cdp.send('Profiler.stop');
  mkdirSync(out, { recursive: true });
  const file = path.join(out, `${new Date().toISOString().slice(0, 10)}-phone-join.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  const summary = summariseProfile(profile as unknown as Parameters<typeof summariseProfile>[0], { top: 20 });
  log(`phone 1 profile (${file}): ${Math.round(summary.busyMs)} ms busy of ${Math.round(summary.totalMs)} ms`);
  for (const entry of summary.topSelf) log(`  ${entry.ms.toFixed(0).padStart(6)} ms  ${entry.name || '(anonymous)'}  ${entry.file}`);
}

/** Installs, in `page`, an observer that records when `marker` first appears in the page's text. */
async function watchFor(page: Page, marker: string): Promise<void> {
  await page.evaluate((text) => {
    const record = window as unknown as { __seenAt?: number };
    delete record.__seenAt;
    const observer = new MutationObserver((mutations) => {
      for (const mutation of mutations) {
        const nodes = mutation.type === 'characterData' ? [mutation.target] : Array.from(mutation.addedNodes);
        if (nodes.some((node) => node.textContent?.includes(text))) {
          record.__seenAt = Date.now();
          observer.disconnect();
          return;
        }
      }
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  }, marker);
}

/** Phone A writes a note into `laneTestId` and presses "Add note"; returns when it pressed (Date.now() in A). */
async function addNote(page: Page, laneTestId: string, text: string): Promise<number> {
  const lane = page.getByTestId(laneTestId);
  await lane.getByRole('button', { name: 'Add a note' }).click();
  await lane.getByLabel('Your idea').fill(text);
  return page.evaluate((testId) => {
    const laneElement = document.querySelector(`[data-testid="${testId}"]`);
    const button = Array.from(laneElement?.querySelectorAll('button') ?? []).find((candidate) => candidate.textContent?.trim() === 'Add note');
    if (!button) throw new Error('no "Add note" button in the lane');
    button.click();
    return Date.now();
  }, laneTestId);
}

export async function runPhoneBench(flags: PhoneFlags, log: (line: string) => void) {
  ensureBuiltServer();
  ensureBuiltClient();
  // With --link proxy, everything (set-up included, unthrottled until the phones start) goes through the
  // proxy's address, which is the server's PUBLIC_URL: the Origin checks compare with it.
  const linkPort = flags.link === 'proxy' ? await freePort() : null;
  const server = await startServerUnderTest('ours', linkPort === null ? {} : { env: { PUBLIC_URL: `http://127.0.0.1:${linkPort}` } });
  const link =
    linkPort === null
      ? null
      : await startThrottledLink(
          server.port,
          { downBitsPerSecond: PHONE_THROTTLING.downloadBitsPerSecond, upBitsPerSecond: PHONE_THROTTLING.uploadBitsPerSecond, latencyMs: PHONE_THROTTLING.latencyMs },
          linkPort,
        );
  const base = link?.url ?? server.url;
  const openThrottledPhone = (browser: Browser) => openPhone(browser, link === null);
  const browser = await launchBrowser();
  try {
    // A board with `notes` notes (200 people × 10), published through the server as in the cold-join scenario.
    const officer = await setUpOfficer(base, server.setupUrl);
    const writers = Math.max(1, Math.ceil(flags.notes / 10));
    const board = await createOurBoard(base, officer, { people: writers + 10 });
    const people = await joinParticipants(base, board, writers);
    const wallDoc = new Y.Doc();
    const wall = await connectAndSync({ flavour: 'ours', baseUrl: base, docName: `${board.boardId}/wall`, doc: wallDoc, cookie: cookieOf(officer) });
    // Varied text, as people write: the same sentence 2,000 times would flatter the compressed wall snapshot.
    const drafts = await fillOurBoard({ url: base }, board, people, 10, 120, (writer, seq) => variedNoteText(writer, seq, 120));
    await waitForNotes(wallDoc, writers * 10, 180_000);
    for (const draft of drafts) draft.close();
    wall.close();
    const boardNotes = wallDoc.getMap('notes').size;
    log(`board ready: ${boardNotes} notes`);
    link?.setThrottled(true);
    const joinUrl = `${base}/join/${board.linkTokens[0]!}`; // reason: createOurBoard makes at least one link

    // 1. Home page, cold then warm.
    const home = await openThrottledPhone(browser);
    let started = Date.now();
    await home.page.goto(base, { waitUntil: 'commit' });
    await home.page.locator('#code').waitFor({ state: 'visible' });
    const homeCold = { usableMs: since(started), ...home.transfer() };
    await home.page.waitForLoadState('networkidle');
    home.resetTransfer();
    started = Date.now();
    await home.page.goto(base, { waitUntil: 'commit' });
    await home.page.locator('#code').waitFor({ state: 'visible' });
    const homeWarm = { usableMs: since(started), ...home.transfer() };
    await home.context.close();
    log(`home page usable: ${homeCold.usableMs} ms cold (${homeCold.bytes} bytes), ${homeWarm.usableMs} ms warm (${homeWarm.bytes} bytes)`);

    // 2. QR code → join form usable → wall interactive, twice (two phones; they stay for part 3).
    const laneTestId = `problem-${board.targetIds[0]!}`; // reason: the board has three problems
    const joins: Array<{
      formUsableMs: number;
      /** Until the form's page had fetched everything it prefetches (the wall's code) and gone quiet. */
      formIdleMs: number;
      formBytes: number;
      joinToOnlineMs: number;
      joinToNotesMs: number;
      /** Null: "Add a note" did not answer within 120 s. */
      joinToFirstScreenUsableMs: number | null;
      noteCardsRendered: number;
      joinBytes: number;
      joinWebsocketBytes: number;
    }> = [];
    const phones: Page[] = [];
    for (const [index, person] of [{ name: 'Phone Alpha', organisation: 'Alpha Devices Ltd' }, { name: 'Phone Beta', organisation: 'Beta Devices Ltd' }].entries()) {
      const phone = await openThrottledPhone(browser);
      started = Date.now();
      await phone.page.goto(joinUrl, { waitUntil: 'commit' });
      await phone.page.getByLabel('Full name').waitFor({ state: 'visible' });
      const formUsableMs = since(started);
      // A person reads the notice and types a name and organisation (many seconds): the page uses that time
      // to fetch the wall's code. Join is pressed once the page has nothing left to fetch, as a person would.
      await phone.page.waitForLoadState('networkidle');
      const formIdleMs = since(started);
      const formBytes = phone.transfer().bytes;
      phone.resetTransfer();
      const isProfiled = flags.profile && index === 0;
      if (isProfiled) {
        await phone.cdp.send('Profiler.enable');
        await phone.cdp.send('Profiler.setSamplingInterval', { interval: 1_000 });
        await phone.cdp.send('Profiler.start');
      }
      const pressed = await fillAndJoin(phone.page, person.name, person.organisation);
      const { onlineAt, notesAt, usableAt } = await waitForWallInteractive(phone.page, laneTestId);
      if (isProfiled) await writePageProfile(phone.cdp, flags.out, log);
      if (flags.waterfall && index === 0) {
        log(`phone 1 after Join (ms): online ${onlineAt - pressed}, first note ${notesAt - pressed}, usable ${usableAt === null ? '-' : usableAt - pressed}`);
        for (const entry of phone.waterfall().filter((item) => item.at >= pressed)) log(`  ${String(entry.at - pressed).padStart(6)}  ${entry.what}`);
      }
      const noteCardsRendered = await phone.page.locator('[data-testid="note"]').count();
      joins.push({
        formUsableMs,
        formIdleMs,
        formBytes,
        joinToOnlineMs: onlineAt - pressed,
        joinToNotesMs: notesAt - pressed,
        joinToFirstScreenUsableMs: usableAt === null ? null : usableAt - pressed,
        noteCardsRendered,
        joinBytes: phone.transfer().bytes,
        joinWebsocketBytes: phone.transfer().websocketBytes,
      });
      log(
        `phone ${index + 1}: join form usable ${formUsableMs} ms (all fetched ${formIdleMs} ms); join → wall online ${onlineAt - pressed} ms, first note on screen ${notesAt - pressed} ms, ` +
          `"Add a note" answers ${usableAt === null ? 'not within 120 s' : `${usableAt - pressed} ms`} (${noteCardsRendered} note cards rendered); after pressing Join ${phone.transfer().bytes} HTTP bytes, ${phone.transfer().websocketBytes} websocket bytes`,
      );
      phones.push(phone.page);
    }

    // 3. Note on phone A → visible on phone B.
    const [phoneA, phoneB] = phones as [Page, Page];
    const noteLatencies: number[] = [];
    // A phone whose "Add a note" did not answer cannot add one either (each try would wait 120 s).
    const isUnusable = joins.some((join) => join.joinToFirstScreenUsableMs === null);
    if (isUnusable) log('no note samples: a phone\'s "Add a note" did not answer');
    // Phone B sorts by "Newest": a list shows its first notes only, so a new note is on B's first screen
    // in that order (oldest first it would be behind "Show more notes", counted but not shown).
    else await phoneB.getByLabel('Sort notes by').selectOption('newest');
    for (let sample = 0; sample < (isUnusable ? 0 : flags.samples); sample += 1) {
      const marker = `Phone bench idea ${sample + 1} ${Date.now().toString(36)}: a shared catalogue across branches`;
      await watchFor(phoneB, marker);
      const pressedAt = await addNote(phoneA, laneTestId, marker);
      await phoneB.waitForFunction(() => typeof (window as unknown as { __seenAt?: number }).__seenAt === 'number', undefined, { polling: 100 });
      const seenAt = await phoneB.evaluate(() => (window as unknown as { __seenAt: number }).__seenAt);
      noteLatencies.push(seenAt - pressedAt);
      log(`note ${sample + 1}: pressed on A → visible on B ${seenAt - pressedAt} ms`);
      // The rate limit is 10 notes a minute per person: space them out.
      await new Promise((resolve) => setTimeout(resolve, 6_500));
    }
    const sorted = [...noteLatencies].sort((a, b) => a - b);
    return {
      date: new Date().toISOString(),
      throttling: PHONE_THROTTLING,
      link: flags.link,
      boardNotes,
      home: { cold: homeCold, warm: homeWarm },
      joins,
      noteToOtherPhoneMs: { samples: noteLatencies, p50: sorted.length > 0 ? median(sorted) : null, max: sorted[sorted.length - 1] ?? null },
    };
  } finally {
    await browser.close();
    await link?.close();
    await server.remove();
  }
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const result = await runPhoneBench(flags, log);
  mkdirSync(flags.out, { recursive: true });
  const file = path.join(flags.out, `${result.date.slice(0, 10)}-phone.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  log(JSON.stringify(result, null, 2));
  log(`written to ${file}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`phone bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);

/**
 * Every page of the foundation at 1280×800 and 360×740: screenshots to look at
 * (test-results/screenshots/<page>-desktop.png and -phone.png), axe, layout at 360 px, headings, titles
 * and a clean console. The data is prepared through the REST API; the pages are opened in Chromium.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { BoardView, InviteLinkView } from '../../shared/protocol/api.js';
import { startAppProcess, type AppProcess } from '../helpers/appProcess.js';
import { SCREENSHOT_DIR, VIEWPORTS, launchBrowser } from '../helpers/browser.js';
import { tokenFromUrl, waitFor, type BrowserClient } from '../helpers/http.js';
import {
  BOARD,
  OBSERVER,
  SUPPLIER,
  createBoardByApi,
  createInviteLinkByApi,
  joinByApi,
  setUpOfficerByApi,
} from './e2eScenario.js';
import { checkPage } from './pageChecks.js';
import { PageSession } from './pageSession.js';

const TEST_TIMEOUT_MS = 60_000;
const ACTION_TIMEOUT_MS = 10_000;
/** The expiring link is made to lapse this soon after set-up, so its page can be shown without a long wait. */
const EXPIRY_DELAY_MS = 1_500;
/** The invite screen is for a projector or TV in the room: a common size for one. */
const PROJECTOR_VIEWPORT = { width: 1920, height: 1080 } as const;

let browser: Browser;
let app: AppProcess;
let officer: BrowserClient;
let participant: BrowserClient;
let observer: BrowserClient;
let board: BoardView;
let participantLink: InviteLinkView;
let observerLink: InviteLinkView;
let revokedLink: InviteLinkView;
let expiringLink: InviteLinkView;
let officerInvitationUrl: string;
const session = new PageSession(ACTION_TIMEOUT_MS);

beforeAll(async () => {
  [browser, app] = await Promise.all([launchBrowser(), startAppProcess({ env: { SEED_DEMO: 'false' } })]);
  officer = await setUpOfficerByApi(app);
  ({ board, participantLink } = await createBoardByApi(officer));
  expiringLink = await createInviteLinkByApi(officer, board.id, {
    role: 'participant',
    expiresAt: new Date(Date.now() + EXPIRY_DELAY_MS).toISOString(),
  });
  observerLink = await createInviteLinkByApi(officer, board.id, { role: 'observer' });
  revokedLink = await createInviteLinkByApi(officer, board.id, { role: 'participant' });
  const revoked = await officer.post(`/api/boards/${board.id}/invite-links/${revokedLink.id}/revoke`);
  if (revoked.status !== 200) throw new Error(`Revoking answered ${revoked.status}: ${revoked.text}`);
  const invited = await officer.post(`/api/boards/${board.id}/officers`, { email: 'new.officer@council.example.gov.uk' });
  officerInvitationUrl = invited.body?.invitation?.url;
  if (typeof officerInvitationUrl !== 'string') throw new Error(`Inviting an officer answered ${invited.status}: ${invited.text}`);

  // An archived board as well, so the dashboard shows both of its lists.
  const { board: oldBoard } = await createBoardByApi(officer, { ...BOARD, title: 'Library services review (2024)' });
  const archived = await officer.post(`/api/boards/${oldBoard.id}/archive`);
  if (archived.status !== 200) throw new Error(`Archiving answered ${archived.status}: ${archived.text}`);

  [participant, observer] = await Promise.all([
    joinByApi(app.url, participantLink, SUPPLIER),
    joinByApi(app.url, observerLink, OBSERVER),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await app?.remove();
});

afterEach(async () => {
  await session.close();
});

function openPage(client: BrowserClient | null = null): Promise<Page> {
  return session.open(browser, client);
}

async function heading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

describe('every page at desktop and phone sizes', () => {
  it(
    'home page',
    async () => {
      const page = await openPage();
      await page.goto(app.url);
      await heading(page, 'Share ideas with your council');
      await checkPage(page, 'home', session.problems);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'sign-in page',
    async () => {
      const page = await openPage();
      await page.goto(`${app.url}/sign-in`);
      await heading(page, 'Sign in');
      await checkPage(page, 'sign-in', session.problems);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'sign-in page with errors',
    async () => {
      const page = await openPage();
      await page.goto(`${app.url}/sign-in`);
      await heading(page, 'Sign in');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('.error-summary').waitFor();
      expect(await page.locator('.error-message').count()).toBe(2);
      await checkPage(page, 'sign-in-errors', session.problems);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'set-up page (first run)',
    async () => {
      const freshApp = await startAppProcess({ env: { SEED_DEMO: 'false' } });
      try {
        const page = await openPage();
        await page.goto(freshApp.setupUrl() ?? `${freshApp.url}/setup/missing`);
        await heading(page, 'Set up your officer account');
        await checkPage(page, 'setup', session.problems);
      } finally {
        await freshApp.remove();
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'dashboard with an open and an archived board',
    async () => {
      const page = await openPage(officer);
      await page.goto(`${app.url}/boards`);
      await heading(page, 'Your boards');
      await page.getByRole('link', { name: BOARD.title }).waitFor();
      await page.getByRole('heading', { name: 'Archived boards' }).waitFor();
      await checkPage(page, 'dashboard', session.problems);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'new board page with errors',
    async () => {
      const page = await openPage(officer);
      await page.goto(`${app.url}/boards/new`);
      await heading(page, 'Create a board');
      await page.locator('#notice').fill('');
      await page.getByRole('button', { name: 'Create board' }).click();
      await page.locator('.error-summary').waitFor();
      expect(await page.locator('#title-error').innerText()).toContain('Enter a board title');
      expect(await page.locator('#notice-error').innerText()).toContain('Enter a fair-engagement notice');
      await checkPage(page, 'new-board-errors', session.problems);
    },
    TEST_TIMEOUT_MS,
  );

  for (const [who, client, identity] of [
    ['officer', () => officer, 'You are Priya Shah (council officer)'],
    ['participant', () => participant, `You are ${SUPPLIER.name}, ${SUPPLIER.organisation} (participant)`],
    ['observer', () => observer, `You are ${OBSERVER.name}, ${OBSERVER.organisation} (observer)`],
  ] as const) {
    it(
      `board page, seen by the ${who}`,
      async () => {
        const page = await openPage(client());
        await page.goto(`${app.url}/boards/${board.id}`);
        await page.locator('[data-testid=viewer-identity]').waitFor();
        expect(await page.locator('[data-testid=board-title]').innerText()).toBe(BOARD.title);
        expect(await page.locator('[data-testid=viewer-identity]').innerText()).toBe(identity);
        await checkPage(page, `board-${who}`, session.problems);
      },
      TEST_TIMEOUT_MS,
    );
  }

  it(
    'board settings with participant, observer and revoked links and an officer invitation',
    async () => {
      const page = await openPage(officer);
      // Issue 14: settings are pages, one job each: the links on one, the officers on another.
      await page.goto(`${app.url}/boards/${board.id}/settings/links`);
      await heading(page, 'Invitation links and QR codes');
      await page.getByLabel('Invitation link for observers').waitFor();
      expect(await page.locator('.invite-link--inactive').count()).toBeGreaterThanOrEqual(1);
      await checkPage(page, 'settings-links', session.problems);
      await page.getByRole('navigation', { name: 'Board settings' }).getByRole('link', { name: 'Officers', exact: true }).click();
      await heading(page, 'Officers');
      // The pending invitation (its address is also in the "Officer changes" table below).
      await page.getByTestId('officer-invitations').getByText('new.officer@council.example.gov.uk', { exact: true }).waitFor();
      await checkPage(page, 'settings-officers-pending', session.problems);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'invite screen page with the event code and QR code',
    async () => {
      const page = await openPage(officer);
      await page.goto(`${app.url}/boards/${board.id}/invite-links/${participantLink.id}/screen`);
      await heading(page, BOARD.title);
      expect((await page.locator('[data-testid=event-code]').innerText()).trim()).toBe(participantLink.code);
      const qrCode = page.getByRole('img', { name: /QR code/ });
      await qrCode.waitFor();
      await page.waitForFunction(() => {
        const image = document.querySelector<HTMLImageElement>('img.screen__qr');
        return image !== null && image.complete && image.naturalWidth > 0;
      });
      await checkPage(page, 'invite-screen', session.problems);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'invite screen: the event code, the address to type and the QR code stay apart at desktop, projector and phone sizes',
    async () => {
      const page = await openPage(officer);
      await page.goto(`${app.url}/boards/${board.id}/invite-links/${participantLink.id}/screen`);
      await page.locator('[data-testid=event-code]').waitFor();
      await page.waitForFunction(() => (document.querySelector<HTMLImageElement>('img.screen__qr')?.naturalWidth ?? 0) > 0);
      for (const viewport of [VIEWPORTS.desktop, PROJECTOR_VIEWPORT, VIEWPORTS.phone]) {
        await page.setViewportSize({ ...viewport });
        const size = `${viewport.width}×${viewport.height}`;
        if (viewport === PROJECTOR_VIEWPORT) {
          mkdirSync(SCREENSHOT_DIR, { recursive: true });
          await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'invite-screen-projector.png'), fullPage: true });
        }
        const layout = await page.evaluate(() => {
          const code = document.querySelector('[data-testid=event-code]');
          const panel = code?.closest('.screen__panel');
          const qrCode = document.querySelector('img.screen__qr');
          const host = document.querySelector('.screen__instruction strong');
          if (!code || !panel || !qrCode || !host) return null;
          const text = document.createRange();
          text.selectNodeContents(code);
          const codeBox = text.getBoundingClientRect();
          const panelBox = panel.getBoundingClientRect();
          const qrBox = qrCode.getBoundingClientRect();
          return {
            codeRight: Math.round(codeBox.right),
            panelRight: Math.round(panelBox.right),
            codeOverlapsQrCode:
              codeBox.left < qrBox.right && qrBox.left < codeBox.right && codeBox.top < qrBox.bottom && qrBox.top < codeBox.bottom,
            hostLines: new Set(Array.from(host.getClientRects(), (rect) => Math.round(rect.top))).size,
            hostText: host.textContent,
          };
        });
        expect(layout, `${size}: the screen page has its code, panel, QR code and address`).not.toBeNull();
        expect.soft(layout?.codeOverlapsQrCode, `${size}: the event code is drawn under the QR code`).toBe(false);
        expect
          .soft(layout?.codeRight ?? 0, `${size}: the event code sticks out of its panel (panel ends at ${layout?.panelRight} px)`)
          .toBeLessThanOrEqual((layout?.panelRight ?? 0) + 1);
        expect.soft(layout?.hostLines, `${size}: the address to type, ${layout?.hostText}, is broken across lines`).toBe(1);
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'join page',
    async () => {
      const page = await openPage();
      await page.goto(participantLink.url);
      await heading(page, BOARD.title);
      await page.getByRole('button', { name: 'Join the board' }).waitFor();
      await checkPage(page, 'join', session.problems);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'join page with errors',
    async () => {
      const page = await openPage();
      await page.goto(participantLink.url);
      await heading(page, BOARD.title);
      await page.getByRole('button', { name: 'Join the board' }).click();
      await page.locator('.error-summary').waitFor();
      expect(await page.locator('#acceptNotice-error').count()).toBe(1);
      await checkPage(page, 'join-errors', session.problems);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'officer invitation page',
    async () => {
      const page = await openPage();
      await page.goto(officerInvitationUrl);
      await heading(page, 'Accept your invitation');
      await checkPage(page, 'officer-invitation', session.problems);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'link withdrawn page',
    async () => {
      const page = await openPage();
      await page.goto(revokedLink.url);
      await heading(page, 'This invitation link has been withdrawn');
      await checkPage(page, 'link-withdrawn', session.problems);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'link expired page',
    async () => {
      const joinInfoUrl = `${app.url}/api/join/${tokenFromUrl(expiringLink.url)}`;
      await waitFor(async () => (await fetch(joinInfoUrl)).status === 410, { timeoutMs: EXPIRY_DELAY_MS + 10_000, intervalMs: 200 });
      const page = await openPage();
      await page.goto(expiringLink.url);
      await heading(page, 'This invitation link has expired');
      await checkPage(page, 'link-expired', session.problems);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'page not found',
    async () => {
      const page = await openPage();
      const response = await page.goto(`${app.url}/no-such-page`);
      expect(response?.status()).toBeLessThan(500);
      await heading(page, 'Page not found');
      await checkPage(page, 'not-found', session.problems);
    },
    TEST_TIMEOUT_MS,
  );
});

/**
 * Flaky venue wifi for one browser context: websockets cut and refused while "offline", HTTP up or down.
 */
import type { Browser, BrowserContext, WebSocketRoute } from 'playwright-core';
import { VIEWPORTS } from '../helpers/browser.js';
import type { BrowserClient } from '../helpers/http.js';
import { ACTION_TIMEOUT_MS, type Actor } from './wallSteps.js';

/** A new context whose network the test can cut (see `NetworkSwitch`), carrying `client`'s cookies. */
export async function openSwitchableActor(browser: Browser, client: BrowserClient): Promise<Actor & { network: NetworkSwitch }> {
  const context = await browser.newContext({ viewport: { ...VIEWPORTS.desktop } });
  // Before the first page, so that every websocket the page opens goes through the switch.
  const network = await NetworkSwitch.install(context);
  await context.addCookies(Object.entries(client.cookies()).map(([name, value]) => ({ name, value, url: client.baseUrl })));
  const page = await context.newPage();
  page.setDefaultTimeout(ACTION_TIMEOUT_MS);
  return { context, page, network };
}

/** A close code with no meaning in the app's table: the provider treats it as a network drop and retries. */
const OFFLINE_CLOSE_CODE = 4000;

/**
 * Cuts one browser context off the network the way a venue's wifi does, and brings it back.
 *
 * `context.setOffline(true)` alone makes HTTP fail and `navigator.onLine` false, but this Chromium
 * leaves websockets that are already open alone: measured, the wall still said "Online" 30 s later,
 * until y-websocket's own 30 s watchdog gave up. So every websocket of the context (the y-websocket
 * rooms at /yjs/… and socket.io) goes through `routeWebSocket`, which forwards it to the server while
 * online, and closes it (and refuses new ones) while offline.
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

  /** HTTP back (a page can load) while websockets stay cut: the documents can only come from the cache. */
  async allowHttpOnly(): Promise<void> {
    this.isOffline = true;
    await this.context.setOffline(false);
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

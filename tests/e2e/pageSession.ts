/**
 * The one browser context a page test file has open at a time: `open` gives a desktop-size page signed in
 * as a browser client (or as nobody) whose console faults are watched; `close` (in afterEach) ends it.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { BrowserClient } from '../helpers/http.js';
import { newContextAs } from './e2eScenario.js';
import { watchPageProblems, type PageProblems } from './pageProblems.js';

export class PageSession {
  private context: BrowserContext | undefined;
  private watched: PageProblems | undefined;

  /** Faults seen on the page opened last (none before the first). */
  readonly problems: PageProblems = { list: () => this.watched?.list() ?? [] };

  constructor(private readonly actionTimeoutMs: number) {}

  async open(browser: Browser, client: BrowserClient | null = null): Promise<Page> {
    this.context = await newContextAs(browser, client);
    const page = await this.context.newPage();
    page.setDefaultTimeout(this.actionTimeoutMs);
    this.watched = watchPageProblems(page);
    return page;
  }

  async close(): Promise<void> {
    await this.context?.close();
    this.context = undefined;
    this.watched = undefined;
  }
}

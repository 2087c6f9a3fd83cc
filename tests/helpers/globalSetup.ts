import { existsSync } from 'node:fs';

/**
 * Runs once before the suite. The e2e tests need Chromium from the system packages (and the built app, which `npm test` builds first);
 * say plainly what is missing instead of skipping.
 */
export function setup(): void {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    throw new Error(`Chromium is missing at ${chromium}: install it with 'apt-get install -y chromium' (or run .ci/run, which does).`);
  }
}

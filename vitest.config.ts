import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // e2e and integration suites start real servers and browsers: keep the 2-core machine from thrashing.
    maxWorkers: 2,
    // No global setup: unit and integration suites need no browser. The browser suites check for
    // Chromium themselves (tests/helpers/browser.ts) and say what is missing in one line.
  },
});

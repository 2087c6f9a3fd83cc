import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // e2e and integration suites start real servers and browsers: keep the 2-core machine from thrashing.
    maxWorkers: 2,
    globalSetup: ['tests/helpers/globalSetup.ts'],
  },
});

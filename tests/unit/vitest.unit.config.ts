// Unit tests only: pure and fast, no global setup (no server, no browser). Run with
// `npx vitest run --config tests/unit/vitest.unit.config.ts`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['tests/unit/**/*.test.ts'],
    testTimeout: 10_000,
  },
});

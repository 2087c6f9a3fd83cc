/**
 * Issue 10 item 21: the suites that need no browser run on a machine without Chromium, and a browser
 * suite there fails with one line saying what is missing. Runs vitest itself as a child process, as
 * `npm test` would, with CHROMIUM_PATH pointing at nothing.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const NO_CHROMIUM = '/nonexistent/oiw-test/chromium';

/** `vitest run <files>` in this repository with CHROMIUM_PATH at a missing file; its exit code and output. */
function runVitest(files: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve('node_modules/vitest/vitest.mjs'), 'run', ...files], {
      env: { ...process.env, CHROMIUM_PATH: NO_CHROMIUM, CI: '1', FORCE_COLOR: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('[#10.21] the test suite without a browser', () => {
  it('[#10.21] unit and integration suites run and pass when Chromium is missing', async () => {
    const run = await runVitest(['tests/unit/protocolTables.test.ts', 'tests/integration/badInput.test.ts']);

    expect(run.output).not.toMatch(/Chromium is missing/);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/Test Files\s+2 passed/);
  }, 120_000);

  it('[#10.21] a browser suite fails at once with one line naming CHROMIUM_PATH and the install command', async () => {
    const run = await runVitest(['tests/e2e/keyboard.test.ts']);

    expect(run.code).not.toBe(0);
    const line = run.output.split('\n').find((each) => each.includes('Chromium is missing'));
    expect(line, run.output).toBeDefined();
    expect(line).toContain(NO_CHROMIUM);
    expect(line).toContain('CHROMIUM_PATH');
    expect(line).toContain('apt-get install -y chromium');
    // It failed before starting the app: no server was started for a browser that cannot run.
    expect(run.output).not.toMatch(/Open Ideas Wall is running/);
  }, 120_000);
});

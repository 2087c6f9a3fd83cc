/**
 * Issue 10 item 15: a read-only or missing data directory stops the server with ONE clear line on stderr
 * and exit code 1 (no stack trace), while the default `npm start` still creates ./data on a fresh clone.
 * Tests run as root, for whom permission bits mean nothing: a read-only tmpfs (or, where mounting is not
 * allowed, an immutable folder via chattr) is what makes a folder really read-only here.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startAppProcess } from '../helpers/appProcess.js';
import { ensureBuiltServer } from '../helpers/builtServer.js';
import { Disposables } from '../helpers/liveBoard.js';

const open = new Disposables();

afterEach(async () => {
  await open.disposeAll();
});

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built server with DATA_DIR; fails the test if it starts serving instead of stopping. */
async function runExpectingFailure(dataDir: string): Promise<Outcome> {
  const entry = ensureBuiltServer();
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', NODE_ENV: 'test', SEED_DEMO: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
  clearTimeout(timer);
  return { code, stdout, stderr };
}

function expectOneClearLine(outcome: Outcome, mentions: RegExp): void {
  expect(outcome.code, `exit code; stderr:\n${outcome.stderr}`).toBe(1);
  expect(outcome.stdout).not.toContain('Open Ideas Wall is running');
  const lines = outcome.stderr.trim().split('\n');
  expect(lines, outcome.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(mentions);
  expect(outcome.stderr).not.toMatch(/\n\s+at /);
}

function tryExec(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

/** A folder that is really read-only, even for root, holding an existing database; null where that cannot be made. */
async function readOnlyDataDir(): Promise<{ dir: string; undo: () => void } | null> {
  const mountPoint = mkdtempSync(path.join(tmpdir(), 'oiw-ro-'));
  if (tryExec('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mountPoint])) {
    const dir = path.join(mountPoint, 'data');
    mkdirSync(dir);
    // A real data directory first (database, session secret), then the disk turns read-only.
    const app = await startAppProcess({ dataDir: dir, env: { SEED_DEMO: 'false' } });
    await app.stop();
    if (tryExec('mount', ['-o', 'remount,ro', mountPoint])) {
      return { dir, undo: () => void (tryExec('umount', ['-l', mountPoint]) && rmSync(mountPoint, { recursive: true, force: true })) };
    }
    tryExec('umount', ['-l', mountPoint]);
  }
  const dir = path.join(mountPoint, 'data');
  mkdirSync(dir, { recursive: true });
  const app = await startAppProcess({ dataDir: dir, env: { SEED_DEMO: 'false' } });
  await app.stop();
  if (tryExec('chattr', ['+i', dir])) {
    return {
      dir,
      undo: () => {
        tryExec('chattr', ['-i', dir]);
        rmSync(mountPoint, { recursive: true, force: true });
      },
    };
  }
  rmSync(mountPoint, { recursive: true, force: true });
  return null;
}

describe('[#10.15] the data directory at start', () => {
  it('[#10.15] a missing data directory (whose parent is missing too) stops the server with one clear line and exit code 1', async () => {
    const base = mkdtempSync(path.join(tmpdir(), 'oiw-missing-'));
    open.add(base, (dir) => rmSync(dir, { recursive: true, force: true }));
    const outcome = await runExpectingFailure(path.join(base, 'not-here', 'data'));
    expectOneClearLine(outcome, /DATA_DIR .*not-here.*does not exist/);
    expect(existsSync(path.join(base, 'not-here'))).toBe(false);
  }, 30_000);

  it('[#10.15] a data directory that is a file stops the server with one clear line and exit code 1', async () => {
    const base = mkdtempSync(path.join(tmpdir(), 'oiw-file-'));
    open.add(base, (dir) => rmSync(dir, { recursive: true, force: true }));
    execFileSync('touch', [path.join(base, 'data')]);
    expectOneClearLine(await runExpectingFailure(path.join(base, 'data')), /DATA_DIR .*is not a folder/);
  }, 30_000);

  it('[#10.15] a read-only data directory stops the server with one clear line and exit code 1', async (context) => {
    const readOnly = await readOnlyDataDir();
    if (!readOnly) return context.skip('this sandbox can neither mount a read-only tmpfs nor chattr +i');
    open.add(readOnly, (made) => made.undo());
    expectOneClearLine(await runExpectingFailure(readOnly.dir), /DATA_DIR .*cannot be written.*(EROFS|EPERM|EACCES)/);
  }, 60_000);

  it('[#10.15] a fresh data directory is created when its parent exists (the default ./data of a fresh clone)', async () => {
    const base = mkdtempSync(path.join(tmpdir(), 'oiw-fresh-'));
    open.add(base, (dir) => rmSync(dir, { recursive: true, force: true }));
    const dataDir = path.join(base, 'data');
    const app = await startAppProcess({ dataDir, env: { SEED_DEMO: 'false' } });
    open.add(app, (running) => running.kill());
    expect(existsSync(path.join(dataDir, 'open-ideas-wall.sqlite'))).toBe(true);
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
  }, 30_000);
});

/**
 * The built app (`node dist/server/main.js`) as a child process, as `npm start` runs it: for browser
 * tests and for crash tests that kill it. Reads the set-up link from its output.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface AppProcess {
  url: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  /** Everything the process printed, stdout and stderr. */
  output(): string;
  /** The set-up link it printed, or null. */
  setupUrl(): string | null;
  /** SIGTERM and wait for exit. */
  stop(): Promise<void>;
  /** SIGKILL: a crash. */
  kill(): Promise<void>;
  /** Stops and deletes the data directory (unless `keepData`). */
  remove(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * `entry` runs another script instead of the built app (e.g. tests/helpers/slowStoreServer.ts); a `.ts`
 * entry runs under tsx.
 */
export async function startAppProcess(
  options: { dataDir?: string; port?: number; env?: Record<string, string>; entry?: string } = {},
): Promise<AppProcess> {
  const entry = path.resolve(options.entry ?? 'dist/server/main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run 'npm run build' (npm test does it first)`);
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'oiw-app-'));
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...(entry.endsWith('.ts') ? ['--import', 'tsx'] : []), entry], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, PUBLIC_URL: url, LOG_LEVEL: 'info', NODE_ENV: 'test', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 15_000;
  while (!output.includes('Open Ideas Wall is running')) {
    if (child.exitCode !== null) throw new Error(`The app exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) throw new Error(`The app did not start within 15 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const app: AppProcess = {
    url,
    port,
    dataDir,
    child,
    output: () => output,
    setupUrl: () => /(http:\/\/[^\s"]+\/setup\/[A-Za-z0-9_-]{43})/.exec(output)?.[1] ?? null,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
    async remove() {
      await app.kill();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return app;
}

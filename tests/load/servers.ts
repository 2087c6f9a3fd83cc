/**
 * Starts the server under test as its own process on 127.0.0.1: ours (the built app, `node
 * dist/server/main.js`, as `npm start` runs it) or a reference server (`bench/servers/*.mjs`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../helpers/appProcess.js';
import { pinProcess } from './cpuPlacement.js';
import type { Flavour } from './protocol.js';

export interface ServerUnderTest {
  flavour: Flavour;
  url: string;
  port: number;
  child: ChildProcess;
  pid: number;
  /**
   * The data directory, kept across restarts: ours always; Hocuspocus when started with `storage` (its
   * SQLite extension). Null for a server that keeps nothing.
   */
  dataDir: string | null;
  /** Ours only: the one-time set-up link. */
  setupUrl: string | null;
  /** Ours only: the session secret, so a restart keeps every session valid. */
  sessionSecret: string | null;
  /** The cores it was pinned to (`StartOptions.cpus`), or null when it runs on any. */
  cpus: string | null;
  output(): string;
  /** SIGTERM (ours stores everything first), then wait; SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** Stops and deletes the data directory. */
  remove(): Promise<void>;
}

export interface StartOptions {
  /** Reuse a data directory: a restart loads the boards (ours) or documents (Hocuspocus with storage) from it. */
  dataDir?: string;
  /**
   * Hocuspocus: store documents with its own SQLite extension (`@hocuspocus/extension-sqlite`, the whole
   * state written on its debounce), so it has an after-restart figure like ours. Ours always stores.
   */
  storage?: boolean;
  port?: number;
  /** Extra node flags, e.g. ['--cpu-prof', '--cpu-prof-dir=bench/results/profiles']. */
  nodeArgs?: string[];
  env?: Record<string, string>;
  /** Keep the data directory on remove() (the caller deletes it). */
  keepData?: boolean;
  /** Pin the server to these cores (a `taskset` CPU list: `cpuPlacement.ts`). */
  cpus?: string;
}

const READY_LINE: Record<Flavour, string> = {
  ours: 'Open Ideas Wall is running',
  'y-websocket': 'running at',
  hocuspocus: 'hocuspocus running at',
};

/** dist/server/main.js, which must have been built (`npm run build`, or `npx tsc -p tsconfig.server.json`). */
export function ourEntry(): string {
  const entry = path.resolve('dist/server/main.js');
  if (!existsSync(entry)) throw new Error("dist/server/main.js is missing: run 'npm run build' first");
  return entry;
}

export async function startServerUnderTest(flavour: Flavour, options: StartOptions = {}): Promise<ServerUnderTest> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  let dataDir: string | null = null;
  let script: string;
  const env: Record<string, string | undefined> = { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...options.env };
  delete env.NODE_OPTIONS;
  if (flavour === 'ours') {
    script = ourEntry();
    dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'oiw-bench-'));
    Object.assign(env, {
      DATA_DIR: dataDir,
      // A caller may put a proxy in front (tests/load/throttledLink.ts): pages then come from its address.
      PUBLIC_URL: options.env?.PUBLIC_URL ?? url,
      NODE_ENV: 'production',
      SESSION_SECRET: env.SESSION_SECRET ?? randomBytes(32).toString('base64url'),
      SEED_DEMO: 'false',
      // The bench's simulated phones each say their own address (ourBoard.ts), as behind a real proxy.
      TRUST_PROXY: '1',
      LOG_LEVEL: options.env?.LOG_LEVEL ?? 'info',
    });
  } else {
    script = path.resolve(flavour === 'y-websocket' ? 'bench/servers/y-websocket-server.mjs' : 'bench/servers/hocuspocus-server.mjs');
    if (flavour === 'hocuspocus' && (options.storage || options.dataDir)) {
      dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'hocuspocus-bench-'));
      env.HOCUSPOCUS_SQLITE = path.join(dataDir, 'hocuspocus.sqlite');
    }
  }
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  // Pinned before it has finished starting: the threads it starts later inherit the cores.
  const cpus = options.cpus !== undefined && child.pid !== undefined && pinProcess(child.pid, options.cpus) ? options.cpus : null;
  // Keep the head (set-up link, ready line) and a bounded tail of what it prints.
  let head = '';
  let tail = '';
  const keep = (chunk: Buffer) => {
    const text = chunk.toString();
    if (head.length < 16_384) head += text;
    else tail = (tail + text).slice(-32_768);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 20_000;
  while (!head.includes(READY_LINE[flavour])) {
    if (child.exitCode !== null) throw new Error(`${flavour} server exited (${child.exitCode}):\n${head}${tail}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${flavour} server did not start within 20 s:\n${head}${tail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const server: ServerUnderTest = {
    flavour,
    url,
    port,
    child,
    pid: child.pid ?? 0,
    dataDir,
    setupUrl: /(http:\/\/[^\s"]+\/setup\/[A-Za-z0-9_-]{43})/.exec(head)?.[1] ?? null,
    sessionSecret: flavour === 'ours' ? (env.SESSION_SECRET ?? null) : null,
    cpus,
    output: () => head + tail,
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
    async remove() {
      await server.stop(5_000);
      if (dataDir && !options.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}

/**
 * Restarts a server that stores (ours, or Hocuspocus started with `storage`) on the same port and data
 * directory; ours also with the same session secret (sessions survive).
 */
export async function restartServer(previous: ServerUnderTest, options: StartOptions = {}): Promise<ServerUnderTest> {
  if (!previous.dataDir) throw new Error(`${previous.flavour} was started without storage: a restart would lose everything`);
  await previous.stop();
  return startServerUnderTest(previous.flavour, {
    ...options,
    dataDir: previous.dataDir,
    port: previous.port,
    // The same secret, or every session cookie would be refused.
    env: { ...options.env, ...(previous.sessionSecret ? { SESSION_SECRET: previous.sessionSecret } : {}) },
  });
}

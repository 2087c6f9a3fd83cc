/**
 * The app shell's service worker (issue 14) as the server sends it: /sw.js revalidated on every visit (a
 * release must replace it at once), the page's CSP allows a same-origin worker, and the built worker lists
 * the build's hashed files and keeps its hands off the API and the websockets. A real server on port 0.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/log.js';
import { startServer, type RunningServer } from '../../server/server.js';
import { SqliteStore } from '../../server/store/sqlite.js';
import { ensureBuiltClient } from '../helpers/builtClient.js';

const WORKER = `self.addEventListener('fetch', () => undefined);\n${'// a worker\n'.repeat(150)}`;

describe('[#14] the app shell’s service worker', () => {
  let folder: string;
  let store: SqliteStore;
  let server: RunningServer;

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'oiw-sw-'));
    const clientDir = path.join(folder, 'client');
    mkdirSync(path.join(clientDir, 'assets'), { recursive: true });
    writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(path.join(clientDir, 'sw.js'), WORKER);
    const dataDir = path.join(folder, 'data');
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test' });
    store = SqliteStore.inDataDir(dataDir);
    server = await startServer({ config, store, log: createLogger(config.logLevel), clientDir });
  });

  afterAll(async () => {
    await server.close();
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('[#14] /sw.js is JavaScript, revalidated on every visit', async () => {
    const answer = await fetch(`${server.url}/sw.js`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/javascript/);
    expect(answer.headers.get('cache-control')).toBe('no-cache');
    expect(await answer.text()).toBe(WORKER);
  });

  it('[#14] the page’s Content-Security-Policy allows a same-origin worker and no other', async () => {
    const answer = await fetch(`${server.url}/boards/some-board`);
    const csp = answer.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("worker-src 'self'");
    expect(csp).not.toMatch(/worker-src[^;]*(\*|blob:|data:)/);
  });

  it('[#14] the built worker has a version and precaches every hashed file of the build, and never the API or websockets', () => {
    const clientDir = ensureBuiltClient();
    const worker = readFileSync(path.join(clientDir, 'sw.js'), 'utf8');
    const version = /^const VERSION = "([0-9a-f]{16})";$/m.exec(worker)?.[1];
    expect(version).toBeDefined();
    const precache = JSON.parse(/^const PRECACHE = (\[.*\]);$/m.exec(worker)?.[1] ?? 'null') as string[];
    const hashed = readdirSync(path.join(clientDir, 'assets'))
      .filter((name) => /\.(js|css)$/.test(name))
      .map((name) => `/assets/${name}`);
    expect(hashed.length).toBeGreaterThan(0);
    for (const file of hashed) expect(precache).toContain(file);
    expect(precache.some((file) => /\.(map|br|gz)$/.test(file) || file.startsWith('/api') || file === '/sw.js')).toBe(false);
    expect(worker).toMatch(/NEVER_CACHED = \['\/api\/', '\/yjs', '\/socket\.io'/);
  });
});

/**
 * The deployment as written (issue 10 item 20), where Docker is not available: deploy/nginx.conf run by
 * nginx from the system packages in front of the built app (`node dist/server/main.js`), the headers it
 * sends, and the image's data directory and build context.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { WebSocket, WebSocketServer } from 'ws';
import { addProblem, readProblems } from '../../shared/schema/problems.js';
import { freePort, startAppProcess, type AppProcess } from '../helpers/appProcess.js';
import { ensureBuiltServer } from '../helpers/builtServer.js';
import { newBrowserClient, tokenFromUrl, type ApiResponse, type BrowserClient } from '../helpers/http.js';
import { Disposables, connectDevice, listenForNoteStatus, rooms } from '../helpers/liveBoard.js';
import { waitFor } from '../helpers/liveClients.js';
import { DEPLOY_UPSTREAM_SERVERS, nginxBinary, startNginx } from '../helpers/nginx.js';
import { BOARD_INPUT, FIRST_OFFICER } from './scenario.js';

const open = new Disposables();

afterEach(async () => {
  await open.disposeAll();
});

/** A POST as a browser on `origin` sends it (browsers always send Origin on a POST). */
function postFrom(browser: BrowserClient, origin: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
  return browser.raw(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': browser.csrfToken, origin, ...headers },
    body: JSON.stringify(body),
  });
}

/** An upstream that records the headers of every request and websocket upgrade it gets. */
async function headerRecorder(): Promise<{ port: number; requests: IncomingHttpHeaders[]; upgrades: IncomingHttpHeaders[]; server: Server }> {
  const requests: IncomingHttpHeaders[] = [];
  const upgrades: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    requests.push(req.headers);
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  });
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws, req) => {
    upgrades.push(req.headers);
    ws.send('hello');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { port: (server.address() as AddressInfo).port, requests, upgrades, server };
}

/** The first officer, set up through `baseUrl` from a page on that origin; their browser. */
async function firstOfficerThrough(baseUrl: string, app: AppProcess): Promise<BrowserClient> {
  const setupUrl = app.setupUrl();
  if (!setupUrl) throw new Error(`the app printed no set-up link:\n${app.output()}`);
  const officer = await newBrowserClient(baseUrl);
  const setUp = await postFrom(officer, baseUrl, `/api/setup/${tokenFromUrl(setupUrl)}`, FIRST_OFFICER);
  expect(setUp.status, setUp.text).toBe(201);
  return officer;
}

describe('[#10.20] deploy/nginx.conf', () => {
  beforeAll(() => {
    nginxBinary(); // fails the suite with one line naming `apt-get install -y nginx` when nginx is missing
    ensureBuiltServer();
  });

  it('[#10.20] passes nginx -t and forwards Host with its port, X-Forwarded-For/Proto and websocket upgrades', async () => {
    const upstream = open.add(await headerRecorder(), ({ server }) => new Promise<void>((resolve) => server.close(() => resolve())));
    const nginx = open.add(await startNginx(upstream.port), (running) => running.stop());
    expect(nginx.configTestOutput).toMatch(/syntax is ok/);
    expect(nginx.configTestOutput).toMatch(/test is successful/);
    upstream.requests.length = 0;

    // A client that claims to be someone else in its own X-Forwarded-For.
    const response = await fetch(`${nginx.url}/api/anything`, { headers: { 'x-forwarded-for': '203.0.113.66' } });
    expect(response.status).toBe(200);
    const [headers] = upstream.requests;
    expect(headers?.host).toBe(`127.0.0.1:${nginx.port}`);
    expect(headers?.['x-forwarded-proto']).toBe('http');
    // nginx appends the address it saw: the app, trusting one proxy, takes that last entry, never the claim.
    expect(headers?.['x-forwarded-for']).toBe('203.0.113.66, 127.0.0.1');
    expect(headers?.connection ?? '').not.toMatch(/upgrade/i);

    const ws = new WebSocket(`${nginx.url.replace('http', 'ws')}/yjs/some-room`, { headers: { origin: nginx.url } });
    open.add(ws, (socket) => socket.terminate());
    const greeting = await new Promise<string>((resolve, reject) => {
      ws.once('message', (data: Buffer) => resolve(data.toString()));
      ws.once('error', reject);
    });
    expect(greeting).toBe('hello');
    const [upgrade] = upstream.upgrades;
    expect(upgrade?.host).toBe(`127.0.0.1:${nginx.port}`);
    expect(upgrade?.upgrade).toBe('websocket');
    expect(upgrade?.connection).toMatch(/upgrade/i);
    expect(upgrade?.origin).toBe(nginx.url);
  });

  // The compose stack sets PUBLIC_URL; a stack without it relies on nginx passing Host with its port.
  it.each([
    { setting: 'PUBLIC_URL unset (the Origin is compared with the Host nginx forwards)', publicUrl: null },
    { setting: 'PUBLIC_URL set to the address behind nginx', publicUrl: 'nginx' },
  ])('[#10.20] through nginx, the real app accepts a write, a Yjs websocket and socket.io with $setting', async ({ publicUrl }) => {
    const nginxPort = await freePort();
    const env = { PUBLIC_URL: publicUrl === 'nginx' ? `http://127.0.0.1:${nginxPort}` : '', TRUST_PROXY: '1', SEED_DEMO: 'false' };
    const app = open.add(await startAppProcess({ env }), (running) => running.remove());
    const nginx = open.add(await startNginx(app.port, nginxPort), (running) => running.stop());
    const officer = await firstOfficerThrough(nginx.url, app);

    const created = await postFrom(officer, nginx.url, '/api/boards', BOARD_INPUT);
    expect(created.status, created.text).toBe(201);
    const boardId = created.body.board.id as string;

    const brief = open.add(await connectDevice(nginx.url, rooms.brief(boardId), officer), (live) => live.destroy());
    const problemId = addProblem(brief.doc, { title: 'Repairs need second visits' });
    const reader = open.add(await connectDevice(nginx.url, rooms.brief(boardId), officer), (live) => live.destroy());
    await waitFor(() => readProblems(reader.doc).some((problem) => problem.id === problemId), { what: 'the edit went through nginx both ways' });
    expect(brief.closes).toEqual([]);

    const events = open.add(await listenForNoteStatus(nginx.url, officer, boardId), (listener) => listener.close());
    expect(events.socket.connected).toBe(true);
  }, 60_000);

  // The same per-address bucket guards joins and event-code look-ups (a burst of 50, then 10 a second). Look-ups
  // are measured here: they are cheap, so 150 of them reach the app faster than the bucket refills even on a busy
  // machine (a join commits to disk, and a slow enough stream of joins is allowed by design).
  it('[#10.20] through nginx, a client’s own X-Forwarded-For does not dodge the per-address limits', async () => {
    const app = open.add(await startAppProcess({ env: { PUBLIC_URL: '', TRUST_PROXY: '1', SEED_DEMO: 'false' } }), (running) => running.remove());
    const nginx = open.add(await startNginx(app.port), (running) => running.stop());
    // Fresh browsers, so the per-browser limit (30 per 10 minutes) plays no part: only the address can stop them.
    const browsers = await Promise.all(Array.from({ length: 150 }, () => newBrowserClient(nginx.url)));
    const answers = await Promise.all(
      browsers.map((browser, index) =>
        postFrom(browser, nginx.url, '/api/event-codes', { code: `ZZZ-${String(index).padStart(4, '0')}` }, {
          'x-forwarded-for': `198.51.100.${index + 1}`,
        }),
      ),
    );
    const limited = answers.filter((answer) => answer.status === 429);
    expect(answers.filter((answer) => answer.status === 404).length, 'some guesses are answered').toBeGreaterThan(0);
    expect(limited.length, 'a spoofed X-Forwarded-For gives each request an address of its own').toBeGreaterThan(0);
    expect(limited[0]?.body?.error?.message).toMatch(/from this network/);
  }, 60_000);
});

describe('[#10.20] the image and the compose file', () => {
  it('[#10.20] the image creates /data owned by node before it switches to the node user', () => {
    const dockerfile = readFileSync(path.resolve('Dockerfile'), 'utf8');
    const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    const userAt = finalStage.indexOf('\nUSER node');
    const chownAt = finalStage.search(/\nRUN [^\n]*mkdir -p \/data[^\n]*chown [^\n]*node:node \/data/);
    expect(userAt).toBeGreaterThan(0);
    expect(chownAt).toBeGreaterThan(0);
    expect(chownAt).toBeLessThan(userAt);
  });

  it('[#10.20] .dockerignore keeps node_modules, data, .git, dist, test results, logs and .env out of the image', () => {
    const file = path.resolve('.dockerignore');
    expect(existsSync(file)).toBe(true);
    const entries = readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    for (const required of ['node_modules', 'data', '.git', 'dist', 'test-results', '*.log', '.env']) expect(entries).toContain(required);
  });

  it('[#10.20] the compose stack puts deploy/nginx.conf in front of the app, with PUBLIC_URL and one trusted proxy', () => {
    const compose = readFileSync(path.resolve('docker-compose.yml'), 'utf8');
    expect(compose).toMatch(/- \.\/deploy\/nginx\.conf:\/etc\/nginx\/conf\.d\/default\.conf/);
    expect(compose).toMatch(/TRUST_PROXY: "1"/);
    expect(compose).toMatch(/PUBLIC_URL: /);
    expect(compose).toMatch(/DATA_DIR: \/data/);
  });

  it('[#11] docker-compose.yml parses as YAML: three app instances on Redis and PostgreSQL, each with a health check and its own data volume', () => {
    const services = readCompose().services ?? {};
    expect(Object.keys(services)).toEqual(expect.arrayContaining([...APP_SERVICES, 'balancer', 'redis', 'postgres']));
    expect(Object.keys(services).filter((name) => services[name]?.build !== undefined).sort()).toEqual([...APP_SERVICES]);
    const dataVolumes = new Set<string>();
    for (const name of APP_SERVICES) {
      const app = services[name]!;
      expect(app.environment, name).toMatchObject({ DATA_DIR: '/data', TRUST_PROXY: '1', NODE_ENV: 'production' });
      expect(app.environment?.REDIS_URL, name).toBe('redis://redis:6379');
      expect(app.environment?.DATABASE_URL, name).toMatch(/^postgres:\/\/[^@]+@postgres:5432\/ideas$/);
      // Required (compose refuses to start without it), and the same variable for every instance.
      expect(app.environment?.SESSION_SECRET, name).toMatch(/^\$\{SESSION_SECRET:\?.+\}$/);
      expect(app.environment?.PUBLIC_URL, name).toBeTruthy();
      expect(app.healthcheck?.test?.join(' '), name).toContain('/readyz');
      expect(app.depends_on, name).toMatchObject({ redis: { condition: 'service_healthy' }, postgres: { condition: 'service_healthy' } });
      const volume = app.volumes?.find((entry) => entry.endsWith(':/data'));
      expect(volume, name).toBeDefined();
      dataVolumes.add(volume!.split(':')[0]!); // reason: found above
    }
    expect(dataVolumes.size, 'each instance has its own data volume').toBe(APP_SERVICES.length);
    // The instances run the same image with the same settings.
    expect(services.app2?.environment).toEqual(services.app1?.environment);
    expect(services.app3?.environment).toEqual(services.app1?.environment);
  });

  it('[#11] in the compose stack, nginx waits for healthy instances; Redis keeps an append-only file; PostgreSQL keeps a volume', () => {
    const services = readCompose().services ?? {};
    const balancer = services.balancer!;
    expect(balancer.volumes).toEqual(expect.arrayContaining([expect.stringMatching(/^\.\/deploy\/nginx\.conf:/)]));
    expect(balancer.depends_on).toEqual(Object.fromEntries(APP_SERVICES.map((name) => [name, { condition: 'service_healthy' }])));
    expect(balancer.healthcheck?.test?.join(' ')).toContain('/healthz');

    const redisCommand = services.redis!.command!.join(' ');
    expect(redisCommand).toMatch(/--appendonly yes/);
    expect(redisCommand).toMatch(/--appendfsync everysec/);
    expect(services.redis!.healthcheck?.test?.join(' ')).toContain('ping');
    expect(services.redis!.volumes).toEqual([expect.stringMatching(/:\/data$/)]);

    expect(services.postgres!.volumes).toEqual([expect.stringMatching(/:\/var\/lib\/postgresql\/data$/)]);
    expect(services.postgres!.healthcheck?.test?.join(' ')).toContain('pg_isready');
  });

  it('[#11] deploy/nginx.conf balances over exactly the three app services, without sticky sessions, with passive health checks', () => {
    const config = readFileSync(path.resolve('deploy/nginx.conf'), 'utf8').replace(/#.*$/gm, ''); // directives only
    const upstream = /upstream ideas_app \{([^}]*)\}/.exec(config)?.[1] ?? '';
    expect([...upstream.matchAll(DEPLOY_UPSTREAM_SERVERS)].map((match) => match[1])).toEqual([...APP_SERVICES]);
    for (const name of APP_SERVICES) expect(upstream).toMatch(new RegExp(`server ${name}:8080 max_fails=\\d+ fail_timeout=\\d+s;`));
    expect(config).not.toMatch(/ip_hash|hash \$|sticky/);
    expect(config).toMatch(/proxy_next_upstream error timeout/);
    expect(config).not.toMatch(/non_idempotent/);
    // Both websocket paths have long read timeouts.
    for (const location of ['/yjs/', '/socket.io/']) {
      const block = new RegExp(`location ${location.replaceAll('/', '\\/')} \\{([^}]*)\\}`).exec(config)?.[1] ?? '';
      expect(block, location).toMatch(/proxy_read_timeout 3600s;/);
    }
  });
});

describe('[#11] deploy/nginx.conf in front of three instances', () => {
  beforeAll(() => {
    nginxBinary();
  });

  it('[#11] spreads requests over all three, and sends them to the others when one is gone', async () => {
    const upstreams = await Promise.all(APP_SERVICES.map(() => headerRecorder()));
    for (const upstream of upstreams) open.add(upstream, ({ server }) => closeServer(server));
    const nginx = open.add(await startNginx(upstreams.map((upstream) => upstream.port)), (running) => running.stop());
    for (const upstream of upstreams) upstream.requests.length = 0;

    for (let request = 0; request < 9; request += 1) expect((await fetch(`${nginx.url}/api/anything`)).status).toBe(200);
    expect(upstreams.map((upstream) => upstream.requests.length), 'round-robin, no affinity').toEqual([3, 3, 3]);

    // One instance dies (its port refuses connections): every request, reads and writes, is answered by the others.
    await closeServer(upstreams[1]!.server);
    for (const upstream of upstreams) upstream.requests.length = 0;
    for (let request = 0; request < 9; request += 1) {
      const method = request % 2 === 0 ? 'GET' : 'POST';
      expect((await fetch(`${nginx.url}/api/anything`, { method })).status, method).toBe(200);
    }
    expect(upstreams[0]!.requests.length + upstreams[2]!.requests.length).toBe(9);
    expect(upstreams[1]!.requests).toEqual([]);
  });

  it('[#11] keeps /metrics off the public side (operators scrape each instance directly)', async () => {
    const upstream = open.add(await headerRecorder(), ({ server }) => closeServer(server));
    const nginx = open.add(await startNginx(upstream.port), (running) => running.stop());
    upstream.requests.length = 0;
    expect((await fetch(`${nginx.url}/metrics`)).status).toBe(404);
    expect(upstream.requests).toEqual([]);
  });
});

const APP_SERVICES = ['app1', 'app2', 'app3'] as const;

function readCompose(): ComposeFile {
  return parseYaml(readFileSync(path.resolve('docker-compose.yml'), 'utf8'), { merge: true }) as ComposeFile;
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
}

/** The parts of a compose file these tests read. */
interface ComposeService {
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  healthcheck?: { test?: string[] };
  depends_on?: Record<string, { condition?: string }>;
}
interface ComposeFile {
  services?: Record<string, ComposeService>;
}

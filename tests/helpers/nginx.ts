/**
 * nginx from the system packages running `deploy/nginx.conf` (the compose stack's balancer) on a free
 * port in front of an upstream on this machine: the same server block, with only its upstream address and
 * listen port changed, inside a minimal main configuration whose files all live in a temp directory.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './appProcess.js';

const NGINX_CANDIDATES = ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx', '/usr/local/bin/nginx'];

/** The nginx binary, or a one-line error saying how to install it. */
export function nginxBinary(): string {
  const found = NGINX_CANDIDATES.find((candidate) => existsSync(candidate));
  if (!found) throw new Error("nginx is missing: install it with 'apt-get install -y nginx' (.ci/run does when it is missing).");
  return found;
}

export interface RunningNginx {
  url: string;
  port: number;
  /** The full configuration nginx runs (for failure messages). */
  config: string;
  /** What `nginx -t` printed about it. */
  configTestOutput: string;
  stop(): Promise<void>;
}

/** The app instances deploy/nginx.conf balances over (the compose services app1, app2, app3). */
export const DEPLOY_UPSTREAM_SERVERS = /server\s+(app\d+):8080\b/g;

/**
 * deploy/nginx.conf with its upstream instances pointed at `upstreamPorts` on this machine (one port: all
 * three at it; several: the n-th instance at the n-th port) and its listen address at `listenPort`.
 * Everything else (max_fails, keepalive, timeouts, headers) stays as written.
 */
export function deployConfigFor(upstreamPorts: number | readonly number[], listenPort: number): string {
  const ports = typeof upstreamPorts === 'number' ? [upstreamPorts] : upstreamPorts;
  const original = readFileSync(path.resolve('deploy/nginx.conf'), 'utf8');
  let index = 0;
  const withUpstream = original.replace(DEPLOY_UPSTREAM_SERVERS, () => `server 127.0.0.1:${ports[index++ % ports.length]}`);
  const withListen = withUpstream.replace(/listen\s+80;/, `listen 127.0.0.1:${listenPort};`);
  if (withUpstream === original || withListen === withUpstream) {
    throw new Error('deploy/nginx.conf no longer has "server appN:8080" and "listen 80;": update tests/helpers/nginx.ts with it');
  }
  return withListen;
}

/**
 * Checks the configuration with `nginx -t`, then runs nginx in the foreground until `stop()`, on `listenPort`
 * or a free port, in front of the upstream(s) on `upstreamPorts` (see deployConfigFor).
 */
export async function startNginx(upstreamPorts: number | readonly number[], listenPort?: number): Promise<RunningNginx> {
  const binary = nginxBinary();
  const dir = mkdtempSync(path.join(tmpdir(), 'oiw-nginx-'));
  // nginx's worker may run as another user: it must be able to read its configuration here.
  chmodSync(dir, 0o755);
  const port = listenPort ?? (await freePort());
  writeFileSync(path.join(dir, 'site.conf'), deployConfigFor(upstreamPorts, port));
  const main = [
    'daemon off;',
    'worker_processes 1;',
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log warn;`,
    'events { worker_connections 512; }',
    'http {',
    '  access_log off;',
    `  client_body_temp_path ${dir}/client_body;`,
    `  proxy_temp_path ${dir}/proxy;`,
    `  fastcgi_temp_path ${dir}/fastcgi;`,
    `  uwsgi_temp_path ${dir}/uwsgi;`,
    `  scgi_temp_path ${dir}/scgi;`,
    `  include ${dir}/site.conf;`,
    '}',
    '',
  ].join('\n');
  const configFile = path.join(dir, 'nginx.conf');
  writeFileSync(configFile, main);
  const config = `${main}\n# site.conf:\n${readFileSync(path.join(dir, 'site.conf'), 'utf8')}`;

  const test = spawnSync(binary, ['-t', '-p', dir, '-c', configFile], { encoding: 'utf8' });
  const configTestOutput = `${test.stdout}${test.stderr}`;
  if (test.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`nginx -t refused the deployment configuration:\n${configTestOutput}\n${config}`);
  }

  const child: ChildProcess = spawn(binary, ['-p', dir, '-c', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${output}${readErrorLog(dir)}`);
    const isUp = await fetch(`${url}/healthz`).then(
      () => true,
      () => false,
    );
    if (isUp) break;
    if (Date.now() > deadline) throw new Error(`nginx did not answer within 10 s: ${output}${readErrorLog(dir)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    port,
    config,
    configTestOutput,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        // SIGQUIT would wait for open websockets; SIGTERM is nginx's fast shutdown.
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function readErrorLog(dir: string): string {
  const file = path.join(dir, 'error.log');
  return existsSync(file) ? `\n${readFileSync(file, 'utf8')}` : '';
}

/**
 * Phones served light (issue 15): the server sends the built client's precompressed copies with the
 * right Content-Encoding and Vary, caches hashed assets for a year and revalidates index.html on every
 * visit. A real server on port 0 serving a small client folder made here (as the build lays it out:
 * `x.js`, `x.js.br`, `x.js.gz`), so the test does not depend on a build.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/log.js';
import { startServer, type RunningServer } from '../../server/server.js';
import { SqliteStore } from '../../server/store/sqlite.js';
import { rawGetEncoded } from '../helpers/rawGet.js';

const SCRIPT = `console.log(${JSON.stringify('a hashed asset '.repeat(200))});\n`;
const INDEX_HTML = `<!doctype html><html lang="en-GB"><title>Open Ideas Wall test page</title><body>${'<p>filler</p>'.repeat(120)}</body></html>`;
const UNCOMPRESSED_CSS = `.wall { color: black; }\n${'/* a stylesheet the build did not compress */\n'.repeat(60)}`;

const get = rawGetEncoded;

describe('[#15.phones] the server sends the built client compressed and cached', () => {
  let folder: string;
  let store: SqliteStore;
  let server: RunningServer;

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'oiw-client-files-'));
    const clientDir = path.join(folder, 'client');
    mkdirSync(path.join(clientDir, 'assets'), { recursive: true });
    const write = (name: string, content: string, compressed: boolean) => {
      const file = path.join(clientDir, name);
      writeFileSync(file, content);
      if (!compressed) return;
      writeFileSync(`${file}.br`, brotliCompressSync(content));
      writeFileSync(`${file}.gz`, gzipSync(content));
    };
    write('index.html', INDEX_HTML, true);
    write('assets/index-AbC123.js', SCRIPT, true);
    write('assets/plain-XyZ789.css', UNCOMPRESSED_CSS, false);
    write('favicon.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>', false);
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

  it('[#15.phones] sends the brotli copy of a hashed asset to a browser that accepts it, cached for a year', async () => {
    const answer = await get(`${server.url}/assets/index-AbC123.js`, 'gzip, deflate, br, zstd');

    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('br');
    expect(answer.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(answer.headers.vary).toMatch(/Accept-Encoding/i);
    expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(answer.headers['content-length'])).toBe(answer.body.byteLength);
    expect(answer.body.byteLength).toBeLessThan(SCRIPT.length / 4);
    expect(brotliDecompressSync(answer.body).toString()).toBe(SCRIPT);
  });

  it('[#15.phones] sends the gzip copy when brotli is not accepted, and the plain file when nothing is', async () => {
    const gzipped = await get(`${server.url}/assets/index-AbC123.js`, 'gzip');
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.body).toString()).toBe(SCRIPT);

    const refusedBrotli = await get(`${server.url}/assets/index-AbC123.js`, 'br;q=0, gzip');
    expect(refusedBrotli.headers['content-encoding']).toBe('gzip');

    const plain = await get(`${server.url}/assets/index-AbC123.js`, null);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/Accept-Encoding/i);
    expect(plain.headers['cache-control']).toMatch(/immutable/);
    expect(plain.body.toString()).toBe(SCRIPT);
  });

  it('[#15.phones] revalidates index.html on every visit, for the root and for every client-side route, compressed', async () => {
    for (const route of ['/', '/join/some-token', '/boards/abc', '/index.html']) {
      const answer = await get(`${server.url}${route}`, 'gzip, br');
      expect(answer.status, route).toBe(200);
      expect(answer.headers['cache-control'], route).toBe('no-cache');
      expect(answer.headers['content-encoding'], route).toBe('br');
      expect(answer.headers['content-type'], route).toMatch(/^text\/html/);
      expect(brotliDecompressSync(answer.body).toString(), route).toBe(INDEX_HTML);
    }
    const plain = await get(`${server.url}/index.html`, null);
    expect(plain.headers['cache-control']).toBe('no-cache');
    expect(plain.body.toString()).toBe(INDEX_HTML);
  });

  it('[#15.phones] compresses on the fly a file the build left uncompressed; a missing asset is a 404, not the page', async () => {
    const css = await get(`${server.url}/assets/plain-XyZ789.css`, 'gzip');
    expect(css.status).toBe(200);
    expect(css.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(css.body).toString()).toBe(UNCOMPRESSED_CSS);

    const favicon = await get(`${server.url}/favicon.svg`, 'gzip, br');
    expect(favicon.headers['cache-control']).toBe('public, max-age=3600');

    const missing = await get(`${server.url}/assets/index-Gone00.js`, 'gzip, br');
    expect(missing.status).toBe(404);
  });
});

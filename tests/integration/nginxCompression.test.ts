/**
 * Phones served light through the deployment (issue 15): the real built app behind nginx running
 * `deploy/nginx.conf`. The browser gets the app's brotli copy of the client's entry script with its
 * year-long cache, and index.html revalidated on every visit; nginx neither strips nor re-encodes them.
 * The Yjs websocket's permessage-deflate offer and acceptance cross nginx too.
 */
import { brotliDecompressSync } from 'node:zlib';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startAppProcess, type AppProcess } from '../helpers/appProcess.js';
import { ensureBuiltClient } from '../helpers/builtClient.js';
import { ensureBuiltServer } from '../helpers/builtServer.js';
import { startNginx, type RunningNginx } from '../helpers/nginx.js';
import { rawGetEncoded } from '../helpers/rawGet.js';

const get = rawGetEncoded;

describe('[#15.phones] the built client through deploy/nginx.conf', () => {
  let app: AppProcess | null = null;
  let nginx: RunningNginx | null = null;

  beforeAll(() => {
    ensureBuiltClient();
    ensureBuiltServer();
  }, 120_000);

  afterEach(async () => {
    await nginx?.stop();
    await app?.remove();
    nginx = null;
    app = null;
  });

  it('[#15.phones] sends the entry script as brotli with a year-long immutable cache, and index.html no-cache', async () => {
    app = await startAppProcess({ env: { PUBLIC_URL: '', TRUST_PROXY: '1', SEED_DEMO: 'false' } });
    nginx = await startNginx(app.port);

    const page = await get(`${nginx.url}/join/any-token`, 'gzip, deflate, br');
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    const html = page.headers['content-encoding'] === 'br' ? brotliDecompressSync(page.body).toString() : page.body.toString();
    const entry = /<script type="module"[^>]* src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(entry, html).toBeDefined();

    const script = await get(`${nginx.url}${entry}`, 'gzip, deflate, br');
    expect(script.status).toBe(200);
    expect(script.headers['content-encoding']).toBe('br');
    expect(script.headers.vary).toMatch(/Accept-Encoding/i);
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(script.body.byteLength).toBeLessThanOrEqual(100_000);
    expect(brotliDecompressSync(script.body).toString()).toMatch(/createRoot|react/);

    const gzipOnly = await get(`${nginx.url}${entry}`, 'gzip');
    expect(gzipOnly.headers['content-encoding']).toBe('gzip');
  }, 60_000);

  it('[#15.phones] passes permessage-deflate through on the Yjs websocket upgrade, both ways (when the app offers it: WS_COMPRESSION=on)', async () => {
    app = await startAppProcess({ env: { PUBLIC_URL: '', TRUST_PROXY: '1', SEED_DEMO: 'false', WS_COMPRESSION: 'on' } });
    nginx = await startNginx(app.port);
    const ws = new WebSocket(`${nginx.url.replace(/^http/, 'ws')}/yjs/not-a-room`, { headers: { origin: nginx.url }, perMessageDeflate: true });
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    // The browser's offer reached the app and the app's acceptance came back in the 101 answer.
    expect(ws.extensions).toContain('permessage-deflate');
    // The handshake completed through nginx; the app then refuses the made-up room, as it should.
    expect(await closed).toBe(4404);
  }, 60_000);
});

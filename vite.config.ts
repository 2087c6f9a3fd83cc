import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { appShellWorker } from './build/appShellWorker.js';

/** Text files worth compressing (not source maps: only developers fetch them). */
const COMPRESSIBLE = /\.(js|css|html|svg|json|txt|webmanifest)$/;
/** Below this the headers cost more than compression saves (the `compression` middleware's threshold too). */
const MIN_BYTES = 1024;

/**
 * Writes a brotli (`.br`, best quality) and a gzip (`.gz`) copy beside every text file of the build, once,
 * at build time: the server (server/http/clientFiles.ts) and nginx (`brotli_static`/`gzip_static`,
 * deploy/nginx.conf) send them as they are, so no CPU is spent compressing per request. Node's own zlib,
 * so no extra dependency.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'open-ideas-wall:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const walk = (dir: string) => {
        for (const name of readdirSync(dir)) {
          const file = path.join(dir, name);
          if (statSync(file).isDirectory()) {
            walk(file);
            continue;
          }
          if (!COMPRESSIBLE.test(name)) continue;
          const content = readFileSync(file);
          if (content.byteLength < MIN_BYTES) continue;
          writeFileSync(`${file}.br`, brotliCompressSync(content, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: content.byteLength } }));
          writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
        }
      };
      walk(outDir);
    },
  };
}

// The SPA lives in client/ and is built into dist/client, which the express server serves.
// In `npm run dev`, Vite proxies the API, socket.io and the Yjs endpoint to the server on 8080.
export default defineConfig({
  root: 'client',
  plugins: [react(), appShellWorker(), precompress()],
  // The manifest (dist/client/.vite/manifest.json) lists each chunk's static and on-demand imports:
  // tests/integration/bundleBudget.test.ts reads it to measure what the home and join pages download.
  build: { outDir: '../dist/client', emptyOutDir: true, sourcemap: true, manifest: true },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://localhost:8080',
      '/healthz': 'http://localhost:8080',
      '/socket.io': { target: 'ws://localhost:8080', ws: true },
      '/yjs': { target: 'ws://localhost:8080', ws: true },
    },
  },
});

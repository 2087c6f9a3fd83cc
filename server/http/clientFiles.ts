/**
 * Serves the built client (dist/client) light for phones:
 * - compressed: the build writes brotli (`.br`) and gzip (`.gz`) copies beside each text file
 *   (vite.config.ts, `precompress`), and each request gets the best one its `Accept-Encoding` allows,
 *   with `Content-Encoding` and `Vary: Accept-Encoding`. Nothing is compressed per request, except files
 *   without copies (a build made without the plugin), which the `compression` middleware gzips on the fly.
 * - cached: hashed files under /assets/ never change, so browsers keep them a year (`immutable`);
 *   index.html is revalidated on every visit (`no-cache`), so a new release is picked up at once; other
 *   files (favicon) for an hour.
 * - index.html for every client-side route (the SPA's router decides what to show).
 */
import compression from 'compression';
import express, { type Express, type Request, type Response } from 'express';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

export const CACHE_HASHED_ASSET = 'public, max-age=31536000, immutable';
export const CACHE_INDEX_HTML = 'no-cache';
export const CACHE_OTHER_FILE = 'public, max-age=3600';

/** Best first: brotli is ~15 % smaller than gzip for our JavaScript. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

type EncodingName = (typeof ENCODINGS)[number]['name'];

/** URL path (`/assets/index-abc.js`) → the encodings a compressed copy exists for. */
type CompressedCopies = Map<string, Set<EncodingName>>;

/**
 * Lists the compressed copies once at start: the build output does not change while the server runs,
 * and only paths found here are ever served this way (no path from the request reaches the file system).
 */
function findCompressedCopies(clientDir: string): CompressedCopies {
  const copies: CompressedCopies = new Map();
  const walk = (dir: string, urlPrefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        walk(path.join(dir, entry.name), `${urlPrefix}${entry.name}/`);
        continue;
      }
      for (const encoding of ENCODINGS) {
        if (!entry.name.endsWith(encoding.suffix)) continue;
        const original = entry.name.slice(0, -encoding.suffix.length);
        if (!existsSync(path.join(dir, original))) continue;
        const urlPath = `${urlPrefix}${original}`;
        const found = copies.get(urlPath) ?? new Set<EncodingName>();
        found.add(encoding.name);
        copies.set(urlPath, found);
      }
    }
  };
  walk(clientDir, '/');
  return copies;
}

function cacheControlFor(urlPath: string): string {
  if (urlPath.startsWith('/assets/')) return CACHE_HASHED_ASSET;
  if (urlPath === '/index.html') return CACHE_INDEX_HTML;
  // The service worker (issue 14) must be checked on every visit, or a release would wait an hour for it.
  if (urlPath === '/sw.js') return CACHE_INDEX_HTML;
  return CACHE_OTHER_FILE;
}

/**
 * Sends `urlPath` (a file of the build) as its best compressed copy, or returns false when the browser
 * accepts none of them or there is none (the caller then serves the plain file).
 */
function sendCompressedCopy(req: Request, res: Response, clientDir: string, copies: CompressedCopies, urlPath: string): boolean {
  const available = copies.get(urlPath);
  if (!available) return false;
  // Caches must keep one copy per encoding, even for a browser that gets the plain file.
  res.vary('Accept-Encoding');
  // Our preference (smallest first) among what the browser accepts: browsers list gzip before br at equal
  // weight, and negotiating by their order would send the larger copy.
  const encoding = ENCODINGS.find((candidate) => available.has(candidate.name) && req.acceptsEncodings(candidate.name) === candidate.name);
  if (!encoding) return false;
  // The type of the original (`.js`), not of the copy (`.br`): sendFile keeps a Content-Type already set.
  res.type(path.extname(urlPath));
  res.setHeader('Content-Encoding', encoding.name);
  res.setHeader('Cache-Control', cacheControlFor(urlPath));
  res.sendFile(path.join(clientDir, `${urlPath}${encoding.suffix}`), { cacheControl: false, acceptRanges: false, dotfiles: 'deny' });
  return true;
}

/** Static files (compressed, cached as above), and index.html for every client-side route. */
export function serveClient(app: Express, clientDir: string): void {
  const copies = findCompressedCopies(clientDir);
  // Only for files the build did not compress (its threshold is 1 kB, the same as this middleware's).
  app.use(compression());
  app.use((req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (!sendCompressedCopy(req, res, clientDir, copies, req.path)) next();
  });
  app.use('/assets', express.static(path.join(clientDir, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }));
  app.use(
    express.static(clientDir, {
      index: false,
      maxAge: '1h',
      setHeaders: (res, file) => {
        if (path.basename(file) === 'index.html' || path.basename(file) === 'sw.js') res.setHeader('Cache-Control', CACHE_INDEX_HTML);
      },
    }),
  );
  app.use((req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (req.path.startsWith('/yjs') || req.path.startsWith('/socket.io')) return next();
    if (sendCompressedCopy(req, res, clientDir, copies, '/index.html')) return;
    res.set('Cache-Control', CACHE_INDEX_HTML);
    res.sendFile(path.join(clientDir, 'index.html'));
  });
}

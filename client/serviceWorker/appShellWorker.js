/*
 * The app shell's service worker (issue 14): a phone that lost the venue wifi can reload the board page.
 *
 * Built by build/appShellWorker.ts, which puts two constants in front of this file: VERSION (changes with
 * every build, so a new release installs a new worker and drops the old cache) and PRECACHE (the build's
 * hashed files). Plain JavaScript, not bundled: a worker runs in its own global scope.
 *
 * - Navigations: the network first; the cached index.html only when the network fails (the SPA's router
 *   then shows the page, and the board page opens from the device's own copies).
 * - Hashed files (/assets/…): from the cache, else the network (they never change under one name).
 * - Never touched: anything not GET, other origins, the REST API, the websockets, health checks.
 */
/* global VERSION, PRECACHE */
const CACHE_PREFIX = 'oiw-shell-';
const CACHE_NAME = `${CACHE_PREFIX}${VERSION}`;
const SHELL = '/index.html';
const NEVER_CACHED = ['/api/', '/yjs', '/socket.io', '/healthz', '/metrics'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE_NAME)
      .then((cache) => cache.addAll([SHELL, ...PRECACHE]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (NEVER_CACHED.some((prefix) => url.pathname.startsWith(prefix))) return;
  if (request.mode === 'navigate') {
    event.respondWith(fetch(request).catch(() => cachedShell()));
    return;
  }
  if (url.pathname.startsWith('/assets/') || PRECACHE.includes(url.pathname)) {
    event.respondWith(fromCacheElseNetwork(request));
  }
});

async function cachedShell() {
  const cache = await caches.open(CACHE_NAME);
  const shell = await cache.match(SHELL);
  return shell ?? Response.error();
}

async function fromCacheElseNetwork(request) {
  const cache = await caches.open(CACHE_NAME);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  // A hashed file this build did not list (loaded on demand later): keep it for the next offline reload.
  if (response.ok) await cache.put(request, response.clone()).catch(() => undefined);
  return response;
}

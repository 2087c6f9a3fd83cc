/**
 * A small browser-like HTTP client for integration tests: it keeps cookies (as a browser does for one
 * site), fetches the CSRF token from `GET /api/session` once, and sends it on every POST and PATCH.
 * Real HTTP with Node's global fetch; nothing is mocked.
 */

export interface ApiResponse<Body = any> {
  status: number;
  headers: Headers;
  /** Parsed JSON when the response was JSON, otherwise null. */
  body: Body;
  text: string;
}

export interface BrowserClient {
  baseUrl: string;
  /** The CSRF token this browser sends in `x-csrf-token`. */
  csrfToken: string;
  get(path: string): Promise<ApiResponse>;
  post(path: string, body?: unknown): Promise<ApiResponse>;
  patch(path: string, body?: unknown): Promise<ApiResponse>;
  /** Any request with this browser's cookies; no CSRF header unless `init.headers` sets one. */
  raw(path: string, init?: RequestInit): Promise<ApiResponse>;
  cookie(name: string): string | undefined;
  /** Every cookie this browser holds, by name. */
  cookies(): Record<string, string>;
  setCookie(name: string, value: string): void;
  /** The raw `set-cookie` lines of the last response that set any. */
  lastSetCookies: string[];
}

/**
 * A browser that has loaded the page once (so it holds the CSRF cookie and token).
 * `cookies` starts it with cookies from another client, e.g. to come back after a server restart.
 */
export async function newBrowserClient(baseUrl: string, cookies: Record<string, string> = {}): Promise<BrowserClient> {
  const jar = new Map<string, string>(Object.entries(cookies));
  const client: BrowserClient = {
    baseUrl,
    csrfToken: '',
    lastSetCookies: [],
    async raw(path, init = {}) {
      const headers = new Headers(init.headers);
      if (jar.size > 0 && !headers.has('cookie')) {
        headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
      }
      const response = await fetch(baseUrl + path, { ...init, headers, redirect: 'manual' });
      const setCookies = response.headers.getSetCookie();
      if (setCookies.length > 0) client.lastSetCookies = setCookies;
      for (const line of setCookies) storeCookie(jar, line);
      const text = await response.text();
      let body: any = null;
      // JSON and `+json` types, not JSON Lines (`application/jsonl`, one document per line).
      if (/json(?![a-z])/.test(response.headers.get('content-type') ?? '') && text.length > 0) body = JSON.parse(text);
      return { status: response.status, headers: response.headers, body, text };
    },
    get(path) {
      return client.raw(path);
    },
    post(path, body) {
      return client.raw(path, jsonInit('POST', body, client.csrfToken));
    },
    patch(path, body) {
      return client.raw(path, jsonInit('PATCH', body, client.csrfToken));
    },
    cookie(name) {
      return jar.get(name);
    },
    cookies() {
      return Object.fromEntries(jar);
    },
    setCookie(name, value) {
      jar.set(name, value);
    },
  };
  const session = await client.get('/api/session');
  if (session.status !== 200 || typeof session.body?.csrfToken !== 'string') {
    throw new Error(`GET /api/session answered ${session.status}: ${session.text}`);
  }
  client.csrfToken = session.body.csrfToken;
  return client;
}

function jsonInit(method: string, body: unknown, csrfToken: string): RequestInit {
  return {
    method,
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
    body: body === undefined ? undefined : JSON.stringify(body),
  };
}

/** Keeps `name=value` from a Set-Cookie line; an expired or emptied cookie is dropped, as a browser does. */
function storeCookie(jar: Map<string, string>, line: string): void {
  const [pair = '', ...attributes] = line.split(';');
  const separator = pair.indexOf('=');
  if (separator <= 0) return;
  const name = pair.slice(0, separator).trim();
  const value = pair.slice(separator + 1).trim();
  const isExpired = attributes.some((attribute) => {
    const [key = '', attributeValue = ''] = attribute.split('=');
    const lowerKey = key.trim().toLowerCase();
    if (lowerKey === 'max-age') return Number(attributeValue) <= 0;
    if (lowerKey === 'expires') return Date.parse(attributeValue) <= Date.now();
    return false;
  });
  if (isExpired || value === '') jar.delete(name);
  else jar.set(name, value);
}

/** The token at the end of a link such as `http://host/setup/<token>` or `/join/<token>`. */
export function tokenFromUrl(url: string): string {
  const token = url.split('/').pop();
  if (!token) throw new Error(`No token in ${url}`);
  return token;
}

/** Waits until `condition` returns true, checking every `intervalMs`; fails after `timeoutMs`. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  { timeoutMs = 5_000, intervalMs = 25 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

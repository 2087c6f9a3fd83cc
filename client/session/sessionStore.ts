/**
 * Holds who is signed in and the CSRF token, outside React so the HTTP client can read the token
 * without a render. Created once in main.tsx and handed to the React tree through SessionContext.
 */
import type { SessionResponse, SessionView } from '../../shared/protocol/api.js';
import { createApi } from '../net/api.js';
import type { Api } from '../net/api.js';
import { createHttpClient } from '../net/http.js';

export interface SessionSnapshot {
  /** `loading` until the first `GET /api/session` answers; `failed` if that first call failed. */
  status: 'loading' | 'ready' | 'failed';
  session: SessionView | null;
}

export interface SessionStore {
  api: Api;
  subscribe(listener: () => void): () => void;
  getSnapshot(): SessionSnapshot;
  /** Fetch `/api/session` again: after sign-in, sign-out, joining or set-up (the CSRF token may change). */
  refresh(): Promise<SessionView | null>;
  /**
   * Take the session a response already carried (joining answers `{ session }`), without asking again: on a
   * phone at a venue that round trip delays the wall. The CSRF token is the browser's, not the session's,
   * so it stays; if the server ever says it is stale, the HTTP client fetches a new one.
   */
  adopt(session: SessionView): void;
}

export function createSessionStore(): SessionStore {
  let snapshot: SessionSnapshot = { status: 'loading', session: null };
  let tokenPromise: Promise<string> | null = null;
  const listeners = new Set<() => void>();

  function publish(next: SessionSnapshot): void {
    snapshot = next;
    for (const listener of listeners) listener();
  }

  const http = createHttpClient({
    current: () => tokenPromise ?? load().then((response) => response.csrfToken),
    renew: () => load().then((response) => response.csrfToken),
  });
  const api = createApi(http);

  function load(): Promise<SessionResponse> {
    const pending = api.getSession();
    const token = pending.then((response) => response.csrfToken);
    tokenPromise = token;
    // A failed fetch must not stick: the next request that needs a token tries again.
    token.catch(() => {
      if (tokenPromise === token) tokenPromise = null;
    });
    return pending.then(
      (response) => {
        publish({ status: 'ready', session: response.session });
        return response;
      },
      (error: unknown) => {
        if (snapshot.status === 'loading') publish({ status: 'failed', session: null });
        throw error;
      },
    );
  }

  return {
    api,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    refresh: () => load().then((response) => response.session),
    adopt: (session) => publish({ status: 'ready', session }),
  };
}

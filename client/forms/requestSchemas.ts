/**
 * The shared request schemas (shared/protocol/api.ts, built with zod), loaded on demand. zod is about a
 * fifth of the home page's JavaScript, and the home page and join form only need it when the form is
 * sent, so it stays out of their first download (the ≤ 100 kB budget for phones). main.tsx starts
 * loading it as soon as the first page has rendered, so by the time someone presses the button it is
 * normally there already; if not, the submit waits for it.
 */
import type * as Api from '../../shared/protocol/api.js';
import { ApiError } from '../net/http.js';

type RequestSchemas = typeof Api;

let loading: Promise<RequestSchemas> | null = null;

export function loadRequestSchemas(): Promise<RequestSchemas> {
  loading ??= import('../../shared/protocol/api.js').catch(() => {
    // Let the next submit try again (the network may come back), and say what happened in plain words.
    loading = null;
    throw new ApiError(0, 'network', 'The page could not load everything it needs. Check your connection and try again.');
  });
  return loading;
}

/**
 * The one place the client talks HTTP to the REST API: same-origin cookies, JSON both ways,
 * the CSRF header on every state-changing request, and every failure turned into an `ApiError`.
 */
// Not from api.ts: that would put every request schema (and zod) in the home page's first download.
import { CSRF_HEADER } from '../../shared/protocol/csrfHeader.js';
import type { ErrorCode, FieldError } from '../../shared/protocol/api.js';

/** Failures that the server did not describe: it could not be reached, or it answered with something unreadable. */
export type ClientErrorCode = 'network' | 'unexpected-response';

export class ApiError extends Error {
  override name = 'ApiError';
  /** HTTP status, or 0 when the request never got an answer. */
  readonly status: number;
  readonly code: ErrorCode | ClientErrorCode;
  /** Problems with named fields (`field` is the request body's key), for the error summary. */
  readonly fields: readonly FieldError[];

  constructor(status: number, code: ErrorCode | ClientErrorCode, message: string, fields: readonly FieldError[] = []) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

const NETWORK_MESSAGE = 'We could not reach the service. Check your internet connection and try again.';
const UNEXPECTED_MESSAGE = 'Sorry, there is a problem with the service. Try again later.';

/** Where the CSRF token comes from: the latest `GET /api/session`, fetched again when the server says it is stale. */
export interface CsrfTokenSource {
  current(): Promise<string>;
  renew(): Promise<string>;
}

export type MutatingMethod = 'POST' | 'PATCH' | 'DELETE';

export interface HttpClient {
  get<T>(path: string): Promise<T>;
  send<T>(method: MutatingMethod, path: string, body?: unknown): Promise<T>;
}

export function createHttpClient(csrf: CsrfTokenSource): HttpClient {
  async function send<T>(method: MutatingMethod, path: string, body?: unknown): Promise<T> {
    // A body-less POST still sends `{}`, so every state-changing request is JSON with the CSRF header.
    const json = JSON.stringify(body ?? {});
    const first = await request(path, mutatingInit(method, json, await csrf.current()));
    if (first.status !== 403 || (await peekErrorCode(first)) !== 'csrf') return readResponse<T>(first);
    // The token changes when a session starts or ends (perhaps in another tab): fetch it again and retry once.
    const retry = await request(path, mutatingInit(method, json, await csrf.renew()));
    return readResponse<T>(retry);
  }

  async function get<T>(path: string): Promise<T> {
    return readResponse<T>(await request(path, { method: 'GET', credentials: 'same-origin', headers: { accept: 'application/json' } }));
  }

  return { get, send };
}

function mutatingInit(method: MutatingMethod, json: string, token: string): RequestInit {
  return {
    method,
    credentials: 'same-origin',
    headers: { accept: 'application/json', 'content-type': 'application/json', [CSRF_HEADER]: token },
    body: json,
  };
}

async function request(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, init);
  } catch {
    throw new ApiError(0, 'network', NETWORK_MESSAGE);
  }
}

async function peekErrorCode(response: Response): Promise<string | null> {
  try {
    const body: unknown = await response.clone().json();
    return parseErrorBody(body)?.code ?? null;
  } catch {
    return null;
  }
}

async function readResponse<T>(response: Response): Promise<T> {
  if (!response.ok) throw await toApiError(response);
  // reason: a 204 has no body; callers of such endpoints ask for `void`.
  if (response.status === 204) return undefined as T;
  try {
    // reason: the body is our own server's answer, typed by shared/protocol/api.ts; the server validates what it sends.
    return (await response.json()) as T;
  } catch {
    throw new ApiError(response.status, 'unexpected-response', UNEXPECTED_MESSAGE);
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's error page, say): fall through to the generic message.
  }
  const parsed = parseErrorBody(body);
  if (!parsed) return new ApiError(response.status, 'unexpected-response', UNEXPECTED_MESSAGE);
  return new ApiError(response.status, parsed.code, parsed.message, parsed.fields);
}

function parseErrorBody(body: unknown): { code: ErrorCode; message: string; fields: FieldError[] } | null {
  if (!isRecord(body) || !isRecord(body.error)) return null;
  const { code, message, details } = body.error;
  if (typeof code !== 'string' || typeof message !== 'string') return null;
  const rawFields = isRecord(details) && Array.isArray(details.fields) ? details.fields : [];
  const fields = rawFields.filter(
    (item): item is FieldError => isRecord(item) && typeof item.field === 'string' && typeof item.message === 'string',
  );
  // reason: an unknown code from a newer server is still shown by its message; callers compare against known codes.
  return { code: code as ErrorCode, message, fields };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Name of the header that carries the CSRF token on every state-changing request. In its own file, with
 * no imports, so the client's HTTP layer can use it without loading every request schema (and zod) into
 * the first download of the home page (see client/forms/requestSchemas.ts).
 */
export const CSRF_HEADER = 'x-csrf-token';

/**
 * What a store error means for operators and clients. SQLite (better-sqlite3) errors carry a `code` such
 * as SQLITE_FULL; file-system errors carry one such as EROFS. A store that cannot write is an outage to
 * report (503, "not saved"), not a bug (500).
 */

/** Error codes that mean "the store cannot write (or open) now", not "this request is wrong". */
const UNAVAILABLE_CODES: ReadonlyArray<{ prefix: string; meaning: string; isOnlyAtStart?: true }> = [
  { prefix: 'SQLITE_FULL', meaning: 'the disk is full' },
  { prefix: 'SQLITE_READONLY', meaning: 'the database is read-only' },
  { prefix: 'SQLITE_IOERR', meaning: 'the disk reported an I/O error' },
  { prefix: 'SQLITE_CANTOPEN', meaning: 'the database file cannot be opened' },
  { prefix: 'SQLITE_BUSY', meaning: 'the database is locked by another process' },
  { prefix: 'SQLITE_NOTADB', meaning: 'the database file is not a database' },
  { prefix: 'SQLITE_CORRUPT', meaning: 'the database file is corrupt' },
  { prefix: 'ENOSPC', meaning: 'the disk is full' },
  { prefix: 'EROFS', meaning: 'the file system is read-only' },
  { isOnlyAtStart: true, prefix: 'EACCES', meaning: 'permission denied' },
  { isOnlyAtStart: true, prefix: 'EPERM', meaning: 'permission denied' },
  { isOnlyAtStart: true, prefix: 'ENOENT', meaning: 'it does not exist' },
  { prefix: 'EIO', meaning: 'the disk reported an I/O error' },
  // PostgreSQL (SQLSTATE codes and the network errors of its client).
  { prefix: 'ECONNREFUSED', meaning: 'the database server refused the connection' },
  { prefix: 'ECONNRESET', meaning: 'the database connection was cut' },
  { prefix: 'ETIMEDOUT', meaning: 'the database server did not answer' },
  { prefix: '08', meaning: 'the database connection failed' },
  { prefix: '53100', meaning: "the database server's disk is full" },
  { prefix: '53300', meaning: 'the database server has too many connections' },
  { prefix: '57P0', meaning: 'the database server is shutting down or starting' },
  { prefix: '25006', meaning: 'the database is read-only' },
];

function codeOf(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

/** True when the error says the store cannot write or open now (answer 503, tell writers "not saved"). */
export function isStoreUnavailableError(error: unknown): boolean {
  const code = codeOf(error);
  // File errors such as ENOENT mean other things on a request path (a missing static file): only at start.
  return code !== null && UNAVAILABLE_CODES.some(({ prefix, isOnlyAtStart }) => !isOnlyAtStart && code.startsWith(prefix));
}

/** One line for logs, /readyz and start-up failures, e.g. "the disk is full (SQLITE_FULL)". No stack, no data. */
export function describeStoreError(error: unknown): string {
  const code = codeOf(error);
  const known = code === null ? undefined : UNAVAILABLE_CODES.find(({ prefix }) => code.startsWith(prefix));
  if (known && code) return `${known.meaning} (${code})`;
  const message = error instanceof Error ? error.message : String(error);
  // One line, short: an error message may be long or span lines.
  const line = message.split('\n')[0]!.slice(0, 200); // reason: split always returns at least one element
  return code ? `${line} (${code})` : line;
}

/** What people are told when a change cannot be saved now (REST 503, the wall's "Not saved"). */
export const STORE_UNAVAILABLE_MESSAGE = 'The server cannot save anything at the moment. Nothing was changed. Try again in a few minutes.';

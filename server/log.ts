import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Fields that may hold a secret wherever they appear in a log object: they are replaced, never written.
 * Belt and braces: no code logs them on purpose (item 10 of issue 10; THREATS.md I "Secrets in logs").
 */
const SECRET_FIELD_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers.authorization',
  '*.password',
  '*.token',
  '*.secret',
  '*.sessionSecret',
  '*.setupUrl',
  'password',
  'token',
  'secret',
  'sessionSecret',
  'setupUrl',
];

/**
 * Structured JSON logs. Content (note text, passwords, tokens) is never logged: only ids, sizes and rule names.
 * `destination` defaults to stdout; tests pass a stream to read what was logged.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: SECRET_FIELD_PATHS, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * Path segments after these route names are secrets (set-up links, invite links, officer invitations),
 * whatever their length: a wrong or truncated token may still be most of a right one.
 */
const SECRET_SEGMENT_AFTER = new Set(['setup', 'join', 'officer-invitations', 'invitations', 'invite', 'tokens', 'reset']);
/** Server ids are 21 characters; anything longer in a path is treated as a token. */
const LONGEST_PLAIN_SEGMENT_CHARS = 21;

/**
 * A request path as it may appear in a log line: the query string dropped (it may carry anything), the
 * segment after a secret-bearing route name and any token-length segment replaced by `[redacted]`.
 * `/api/setup/AbC…xyz?x=1` → `/api/setup/[redacted]`.
 */
export function pathForLog(url: string): string {
  const path = url.split(/[?#]/, 1)[0] ?? '';
  const segments = path.split('/');
  return segments
    .map((segment, index) => {
      const previous = (segments[index - 1] ?? '').toLowerCase();
      if (segment === '') return segment;
      if (SECRET_SEGMENT_AFTER.has(previous) || segment.length > LONGEST_PLAIN_SEGMENT_CHARS) return '[redacted]';
      return segment;
    })
    .join('/');
}

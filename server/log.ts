import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs. Content (note text, passwords, tokens) is never logged: only ids, sizes and rule names. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: { paths: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'], remove: true },
  });
}

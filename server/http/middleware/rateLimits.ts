import type { Request } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import {
  EVENT_CODE_LOOKUPS_PER_WINDOW,
  EVENT_CODE_WINDOW_MS,
  JOINS_PER_LINK_PER_MINUTE,
  SIGN_IN_ATTEMPTS_PER_WINDOW,
  SIGN_IN_WINDOW_MS,
} from '../../../shared/limits.js';
import { AppError } from '../../errors.js';
import { CSRF_COOKIE } from './csrf.js';

/*
 * Limits key on the person, the account or the link, never on the IP alone: a venue puts hundreds of
 * phones behind one address. The IP limits here are a loose outer bound against scripted floods.
 */

function refuse(message: string) {
  return (_req: Request, _res: unknown, next: (error: unknown) => void) => next(new AppError('rate-limited', message));
}

/** The browser's own identity before it has a session: its CSRF cookie (signed, so it cannot be chosen freely). */
function browserKey(req: Request): string {
  const token: unknown = req.signedCookies?.[CSRF_COOKIE];
  return typeof token === 'string' ? `browser:${token}` : `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
}

const tooManySignIns = 'Too many failed sign-in attempts. Wait 15 minutes, then try again.';

export type RateLimits = ReturnType<typeof createRateLimits>;

/** One set of limiters per app instance (their counters live in memory with the app). */
export function createRateLimits() {
  return {

    /** Failed sign-ins per email address: stops guessing one officer's password from many places. */
    signInPerEmail: rateLimit({
  windowMs: SIGN_IN_WINDOW_MS,
  limit: SIGN_IN_ATTEMPTS_PER_WINDOW,
  skipSuccessfulRequests: true,
  keyGenerator: (req) => `email:${String((req.body as { email?: unknown } | undefined)?.email ?? '').trim().toLowerCase()}`,
  handler: refuse(tooManySignIns),
  standardHeaders: 'draft-8',
  legacyHeaders: false,
    }),

    /** Failed sign-ins per browser: stops one client trying many accounts. */
    signInPerBrowser: rateLimit({
  windowMs: SIGN_IN_WINDOW_MS,
  limit: SIGN_IN_ATTEMPTS_PER_WINDOW * 3,
  skipSuccessfulRequests: true,
  keyGenerator: browserKey,
  handler: refuse(tooManySignIns),
  standardHeaders: 'draft-8',
  legacyHeaders: false,
    }),

    /** Event-code look-ups per browser, and a loose bound per address for clients that drop cookies. */
    eventCodePerBrowser: rateLimit({
  windowMs: EVENT_CODE_WINDOW_MS,
  limit: EVENT_CODE_LOOKUPS_PER_WINDOW,
  keyGenerator: browserKey,
  handler: refuse('Too many event codes tried. Wait 10 minutes, or ask the organiser for the invitation link.'),
  standardHeaders: 'draft-8',
  legacyHeaders: false,
    }),

    eventCodePerAddress: rateLimit({
  windowMs: EVENT_CODE_WINDOW_MS,
  limit: EVENT_CODE_LOOKUPS_PER_WINDOW * 40,
  keyGenerator: (req) => ipKeyGenerator(req.ip ?? 'unknown'),
  handler: refuse('Too many event codes tried from this network. Wait a few minutes and try again.'),
  standardHeaders: 'draft-8',
  legacyHeaders: false,
    }),

    /** Joins per invite link: generous (a room of 500 joins in a minute), but bounds a script filling a board. */
    joinPerLink: rateLimit({
  windowMs: 60_000,
  limit: JOINS_PER_LINK_PER_MINUTE,
  keyGenerator: (req) => `link:${String(req.params.token ?? '')}`,
  handler: refuse('Too many people are joining at once. Wait a moment and try again.'),
  standardHeaders: 'draft-8',
  legacyHeaders: false,
    }),
  };
}

import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit, type Options, type Store } from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
import type { RedisConnection } from '../../cluster/redisConnection.js';
import type { Logger } from '../../log.js';
import { FailOpenCounters } from './failOpenCounters.js';
import {
  EVENT_CODE_LOOKUP_BURST_PER_ADDRESS,
  EVENT_CODE_LOOKUPS_PER_ADDRESS_PER_SECOND,
  EVENT_CODE_LOOKUPS_PER_ADDRESS_PER_WINDOW,
  EVENT_CODE_LOOKUPS_PER_WINDOW,
  EVENT_CODE_WINDOW_MS,
  EXPORTS_PER_ACCOUNT_PER_MINUTE,
  JOIN_BURST_PER_ADDRESS,
  JOINS_PER_ADDRESS_PER_SECOND,
  JOINS_PER_LINK_PER_MINUTE,
  SIGN_IN_ATTEMPTS_PER_WINDOW,
  SIGN_IN_FAILURES_PER_ADDRESS_PER_WINDOW,
  SIGN_IN_WINDOW_MS,
} from '../../../shared/limits.js';
import { AppError } from '../../errors.js';
import { addressBucket } from './addressBucket.js';
import { CSRF_COOKIE } from './csrf.js';

/*
 * Each limit keys on the person, the account or the link, AND on the client address: a browser's cookie
 * is free to mint, so a per-browser limit alone stops nobody with a script. The per-address limits are
 * generous (a venue puts hundreds of phones behind one address); the numbers and why are in shared/limits.ts.
 * req.ip honours TRUST_PROXY (express "trust proxy"): a spoofed X-Forwarded-For is ignored unless set.
 */

function refuse(message: string) {
  return (_req: Request, _res: unknown, next: (error: unknown) => void) => next(new AppError('rate-limited', message));
}

/** The browser's own identity before it has a session: its CSRF cookie (signed, so it cannot be chosen freely). */
function browserKey(req: Request): string {
  const token: unknown = req.signedCookies?.[CSRF_COOKIE];
  return typeof token === 'string' ? `browser:${token}` : `ip:${addressKey(req)}`;
}

/** The client address (grouped by /56 for IPv6, so one host cannot rotate through its own prefix). */
function addressKey(req: Request): string {
  return ipKeyGenerator(req.ip ?? 'unknown');
}

/** Where a limiter keeps its counters: in this process, or in Redis shared by every instance (by limiter name). */
type CounterStores = (name: string) => Store | undefined;

/**
 * With Redis, every instance counts against the same window, so a limit holds however a load balancer spreads
 * requests. A Redis outage lets requests through (FailOpenCounters) rather than refusing everyone: the
 * per-address token buckets below stay per process and keep bounding a script meanwhile.
 */
function countersIn(redis: RedisConnection | null, log: Logger | null): CounterStores {
  if (!redis) return () => undefined;
  return (name) => {
    const shared = new RedisStore({ prefix: `oiw:rl:${name}:`, sendCommand: (...args: string[]) => redis.commands.sendCommand(args) });
    return log ? new FailOpenCounters(shared, name, log) : shared;
  };
}

/** A fixed-window limiter that answers with our JSON 429 and standard RateLimit headers. */
function windowLimit(
  options: Pick<Options, 'windowMs' | 'limit' | 'keyGenerator'> & { message: string; onlyFailures?: boolean; name: string; counters: CounterStores },
) {
  const store = options.counters(options.name);
  return rateLimit({
    // passOnStoreError stays as a last resort (FailOpenCounters already answers when Redis is away).
    ...(store ? { store, passOnStoreError: true } : {}),
    windowMs: options.windowMs,
    limit: options.limit,
    keyGenerator: options.keyGenerator,
    skipSuccessfulRequests: options.onlyFailures ?? false,
    handler: refuse(options.message),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
  });
}

/** Two middlewares as one: the second runs only when the first lets the request through. */
function inTurn(first: RequestHandler, second: RequestHandler): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    void first(req, res, (error?: unknown) => (error ? next(error) : void second(req, res, next)));
  };
}

const tooManySignIns = 'Too many failed sign-in attempts. Wait 15 minutes, then try again.';

export type RateLimits = ReturnType<typeof createRateLimits>;

/** One set of limiters per app instance; their counters live in memory, or in Redis when given (shared by instances). */
export function createRateLimits(redis: RedisConnection | null = null, log: Logger | null = null) {
  const counters = countersIn(redis, log);
  return {
    /** Failed sign-ins per email address: stops guessing one officer's password from many places. */
    signInPerEmail: windowLimit({
      name: 'sign-in-email',
      counters,
      windowMs: SIGN_IN_WINDOW_MS,
      limit: SIGN_IN_ATTEMPTS_PER_WINDOW,
      onlyFailures: true,
      keyGenerator: (req) => `email:${String((req.body as { email?: unknown } | undefined)?.email ?? '').trim().toLowerCase()}`,
      message: tooManySignIns,
    }),

    /** Failed sign-ins per browser: stops one client trying many accounts. */
    signInPerBrowser: windowLimit({
      name: 'sign-in-browser',
      counters,
      windowMs: SIGN_IN_WINDOW_MS,
      limit: SIGN_IN_ATTEMPTS_PER_WINDOW * 3,
      onlyFailures: true,
      keyGenerator: browserKey,
      message: tooManySignIns,
    }),

    /** Failed sign-ins per client address: a script minting a fresh browser cookie per attempt. */
    signInPerAddress: windowLimit({
      name: 'sign-in-address',
      counters,
      windowMs: SIGN_IN_WINDOW_MS,
      limit: SIGN_IN_FAILURES_PER_ADDRESS_PER_WINDOW,
      onlyFailures: true,
      keyGenerator: addressKey,
      message: 'Too many failed sign-in attempts from this network. Wait 15 minutes, then try again.',
    }),

    /** Event-code look-ups per browser. */
    eventCodePerBrowser: windowLimit({
      name: 'event-code-browser',
      counters,
      windowMs: EVENT_CODE_WINDOW_MS,
      limit: EVENT_CODE_LOOKUPS_PER_WINDOW,
      keyGenerator: browserKey,
      message: 'Too many event codes tried. Wait 10 minutes, or ask the organiser for the invitation link.',
    }),

    /** Event-code look-ups per client address: a burst bucket, then a window bounding guessing over time. */
    eventCodePerAddress: inTurn(
      addressBucket({
        burst: EVENT_CODE_LOOKUP_BURST_PER_ADDRESS,
        perSecond: EVENT_CODE_LOOKUPS_PER_ADDRESS_PER_SECOND,
        message: 'Too many event codes tried from this network at once. Wait a few seconds and try again.',
      }),
      windowLimit({
      name: 'event-code-address',
      counters,
        windowMs: EVENT_CODE_WINDOW_MS,
        limit: EVENT_CODE_LOOKUPS_PER_ADDRESS_PER_WINDOW,
        keyGenerator: addressKey,
        message: 'Too many event codes tried from this network. Wait a few minutes and try again.',
      }),
    ),

    /** Joins per client address: a room of phones behind one address fits, one script filling seats does not. */
    joinPerAddress: addressBucket({
      burst: JOIN_BURST_PER_ADDRESS,
      perSecond: JOINS_PER_ADDRESS_PER_SECOND,
      message: 'Too many people are joining from this network at once. Wait a few seconds and try again.',
    }),

    /** Joins per invite link: generous (a room of 500 joins in a minute), but bounds a script filling a board. */
    joinPerLink: windowLimit({
      name: 'join-link',
      counters,
      windowMs: 60_000,
      limit: JOINS_PER_LINK_PER_MINUTE,
      keyGenerator: (req) => `link:${String(req.params.token ?? '')}`,
      message: 'Too many people are joining at once. Wait a moment and try again.',
    }),

    /** Board exports per officer account (after the officer check): each reads the whole board. */
    exportsPerAccount: windowLimit({
      name: 'exports-account',
      counters,
      windowMs: 60_000,
      limit: EXPORTS_PER_ACCOUNT_PER_MINUTE,
      keyGenerator: (_req, res) => {
        const viewer = (res as Response).locals.viewer;
        return viewer?.kind === 'officer' ? `account:${viewer.account.id}` : 'no-account';
      },
      message: 'Too many downloads in a minute. Wait a minute, then try again.',
    }),
  };
}

import type { NextFunction, Request, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { AppError } from '../../errors.js';

/** Above this many tracked addresses, idle (refilled) buckets are dropped: memory stays bounded under a spray of addresses. */
const MAX_TRACKED_ADDRESSES = 10_000;

interface Bucket {
  tokens: number;
  refilledAt: number;
}

export interface AddressBucketOptions {
  /** Requests one address may make at once, before the refill rate matters. */
  burst: number;
  /** Requests per second an address may keep making. */
  perSecond: number;
  /** Shown to the person in the 429 answer. */
  message: string;
  now?: () => number;
}

/**
 * A token bucket per client address (req.ip, which honours TRUST_PROXY through express's "trust proxy";
 * IPv6 addresses are grouped by /56 as one client). A burst smooths the moment an event code goes up on
 * the screen and a room of phones behind one venue address arrives together; the refill rate bounds what
 * one script can take however many cookies it mints. Refused requests cost no token and get 429 with
 * Retry-After.
 */
export function addressBucket(options: AddressBucketOptions) {
  const now = options.now ?? (() => performance.now());
  const buckets = new Map<string, Bucket>();

  const refill = (bucket: Bucket, at: number) => {
    bucket.tokens = Math.min(options.burst, bucket.tokens + ((at - bucket.refilledAt) / 1000) * options.perSecond);
    bucket.refilledAt = at;
  };

  const forget = (at: number) => {
    for (const [key, bucket] of buckets) {
      refill(bucket, at);
      if (bucket.tokens >= options.burst) buckets.delete(key);
    }
  };

  return (req: Request, res: Response, next: NextFunction) => {
    const at = now();
    const key = ipKeyGenerator(req.ip ?? 'unknown');
    let bucket = buckets.get(key);
    if (!bucket) {
      if (buckets.size >= MAX_TRACKED_ADDRESSES) forget(at);
      bucket = { tokens: options.burst, refilledAt: at };
      buckets.set(key, bucket);
    }
    refill(bucket, at);
    if (bucket.tokens < 1) {
      res.set('Retry-After', String(Math.max(1, Math.ceil((1 - bucket.tokens) / options.perSecond))));
      return next(new AppError('rate-limited', options.message));
    }
    bucket.tokens -= 1;
    next();
  };
}

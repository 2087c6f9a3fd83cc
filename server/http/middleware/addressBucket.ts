import type { NextFunction, Request, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { AppError } from '../../errors.js';
import { TokenBucket } from '../../limits/TokenBucket.js';

/** Above this many tracked addresses, idle (refilled) buckets are dropped: memory stays bounded under a spray of addresses. */
const MAX_TRACKED_ADDRESSES = 10_000;

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
  const buckets = new Map<string, TokenBucket>();

  const forgetFullBuckets = () => {
    for (const [key, bucket] of buckets) if (bucket.isFull()) buckets.delete(key);
  };

  return (req: Request, res: Response, next: NextFunction) => {
    const key = ipKeyGenerator(req.ip ?? 'unknown');
    let bucket = buckets.get(key);
    if (!bucket) {
      if (buckets.size >= MAX_TRACKED_ADDRESSES) forgetFullBuckets();
      bucket = new TokenBucket(options.perSecond, options.burst, options.now);
      buckets.set(key, bucket);
    }
    if (!bucket.take()) {
      res.set('Retry-After', String(bucket.secondsUntilNextToken()));
      return next(new AppError('rate-limited', options.message));
    }
    next();
  };
}

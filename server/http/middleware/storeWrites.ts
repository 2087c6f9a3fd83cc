import type { RequestHandler } from 'express';
import { AppError } from '../../errors.js';
import type { GroupCommitWriter } from '../../store/groupCommit.js';
import { STORE_UNAVAILABLE_MESSAGE } from '../../store/storeErrors.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * While the store cannot write (disk full, read-only), a request that would write (a join, a sign-in, a
 * new board) gets a clear 503 at once instead of failing half-way with a 500. Reads still work.
 */
export function refuseWritesWhileStoreFails(writer: GroupCommitWriter, now: () => number): RequestHandler {
  return (req, _res, next) => {
    if (READS.has(req.method)) return next();
    writer.canStoreNow(now()).then(
      (canStore) => next(canStore ? undefined : new AppError('store-unavailable', STORE_UNAVAILABLE_MESSAGE)),
      (error: unknown) => next(error),
    );
  };
}

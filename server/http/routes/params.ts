import { isWellFormedId } from '../../../shared/ids.js';
import { AppError } from '../../errors.js';

/** A path id must look like a server id before it reaches the store: `../`, encodings and SQL are a 400. */
export function idParam(value: unknown, what: string): string {
  if (!isWellFormedId(value)) throw new AppError('invalid-input', `That ${what} id is not valid.`);
  return value;
}

/** Link tokens are 43 url-safe characters; anything else is refused before any look-up. */
export function tokenParam(value: unknown): string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(value)) {
    throw new AppError('not-found', 'This link is not valid. Check that you copied all of it.');
  }
  return value;
}

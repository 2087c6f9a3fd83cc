import { createHash, randomBytes, randomInt } from 'node:crypto';

/** A new server id: 21 url-safe characters (126 bits), valid for `isWellFormedId` in shared/ids.ts. */
export function newId(): string {
  return randomBytes(16).toString('base64url').slice(0, 21);
}

/** A secret for a link or cookie: 32 random bytes (256 bits), url-safe. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Secrets are stored as SHA-256 hashes, so a copy of the database cannot be used to sign in. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Letters that cannot be misread on a screen at the back of a room (no I, O). */
const CODE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/** An event code like `HKN-4821`. The caller retries on the (rare) collision with an existing code. */
export function newEventCode(): string {
  let letters = '';
  for (let index = 0; index < 3; index += 1) letters += CODE_LETTERS[randomInt(CODE_LETTERS.length)];
  return `${letters}-${String(randomInt(10_000)).padStart(4, '0')}`;
}

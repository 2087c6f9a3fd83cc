/**
 * Ids of records made inside documents (problems, service maps, stages, notes). They are made on
 * whichever device creates the record, so they are random rather than sequential.
 */

/** URL-safe alphabet: 64 symbols, so one random byte's low 6 bits pick a symbol without bias. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** Length of a record id: 21 symbols of 6 bits is 126 random bits, as nanoid. */
export const RECORD_ID_LENGTH = 21;

/**
 * A fresh random record id: 21 characters of `[A-Za-z0-9_-]`, so it is also a well-formed id for
 * `isWellFormedId` in `shared/ids.ts`. Uses `crypto.getRandomValues` (browsers and Node 20 globals).
 */
export function newRecordId(): string {
  const bytes = new Uint8Array(RECORD_ID_LENGTH);
  crypto.getRandomValues(bytes);
  let id = '';
  for (const byte of bytes) id += ALPHABET.charAt(byte & 63);
  return id;
}

/**
 * The chain's arithmetic, shared by the store (which appends), the verifier (CLI and public page) and the
 * tests. Canonical JSON is RFC 8785 (JSON Canonicalization Scheme) through the `canonicalize` package, by
 * the RFC's author: keys sorted, no spaces, ECMAScript number and string forms. Any JCS library and any
 * SHA-256 tool gives the same hash (docs/record-log.md shows it with `jq` and `sha256sum`).
 */
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { GENESIS_HASH, RECORD_ENTRY_VERSION, type RecordEntry, type RecordEntryInput, type RecordHead } from './recordEntry.js';

/** The entry without its hash, in canonical JSON (the bytes that are hashed after prevHash). */
export function canonicalBody(entry: Omit<RecordEntry, 'hash'> & { hash?: unknown }): string {
  const { hash: _hash, ...body } = entry;
  const text = canonicalize(body);
  if (text === undefined) throw new TypeError('a record entry must be JSON');
  return text;
}

/** SHA-256 (lower-case hex) of prevHash followed by the canonical body, both as UTF-8. */
export function entryHash(entry: Omit<RecordEntry, 'hash'> & { hash?: unknown }): string {
  return createHash('sha256').update(entry.prevHash, 'utf8').update(canonicalBody(entry), 'utf8').digest('hex');
}

/** Numbers, chains and hashes new entries after `head` (null: the board's log is empty). */
export function chainEntries(boardId: string, head: RecordHead | null, inputs: readonly RecordEntryInput[]): RecordEntry[] {
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  return inputs.map((input) => {
    seq += 1;
    const body = {
      v: RECORD_ENTRY_VERSION as typeof RECORD_ENTRY_VERSION,
      board: boardId,
      seq,
      prevHash,
      at: new Date(input.at).toISOString(),
      who: { id: input.who.id, role: input.who.role },
      kind: input.kind,
      // Through JSON once: `undefined` fields vanish here, not differently in each reader.
      data: JSON.parse(JSON.stringify(input.data)) as Record<string, unknown>,
    };
    const entry: RecordEntry = { ...body, hash: entryHash(body) };
    prevHash = entry.hash;
    return entry;
  });
}

/** One entry as its line in a downloaded log (JSON Lines; the canonical form, hash included). */
export function entryLine(entry: RecordEntry): string {
  return canonicalize(entry) ?? '';
}

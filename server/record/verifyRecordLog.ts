/**
 * Checks a downloaded record log against its chain: every entry must be well formed, follow the one before
 * (seq one more, prevHash its hash, same board) and carry the hash of its own content. The first entry that
 * does not is named, with why. Used by `npm run verify-record` and the public "Check a record" page.
 *
 * A log whose whole tail was rewritten with fresh hashes still chains; what catches that is the final hash
 * the published record shows: pass it as `expectedFinalHash` and the log must contain it.
 */
import { GENESIS_HASH, RECORD_ENTRY_VERSION, type RecordEntry } from './recordEntry.js';
import { entryHash } from './recordHash.js';

export type RecordCheck =
  | { ok: true; entries: number; board: string | null; finalHash: string; finalSeq: number; finalAt: string | null; matchedExpectedAt: number | null }
  /** `line` is the 1-based line (or array position) of the first entry that does not match. */
  | { ok: false; line: number; seq: number | null; problem: string };

/** Most lines a log may have here (the public page and the CLI read it whole). */
export const MAX_LOG_ENTRIES = 200_000;

const HEX_64 = /^[0-9a-f]{64}$/;

/** Splits the text into entries: JSON Lines (blank lines ignored), or one JSON array of entries. */
function parseEntries(text: string): { ok: true; values: Array<{ line: number; value: unknown }> } | { ok: false; line: number; problem: string } {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      const values = JSON.parse(trimmed) as unknown;
      if (!Array.isArray(values)) return { ok: false, line: 1, problem: 'the file is not a list of entries' };
      return { ok: true, values: values.map((value, index) => ({ line: index + 1, value })) };
    } catch {
      return { ok: false, line: 1, problem: 'the file is not valid JSON' };
    }
  }
  const values: Array<{ line: number; value: unknown }> = [];
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    try {
      values.push({ line: index + 1, value: JSON.parse(line) as unknown });
    } catch {
      return { ok: false, line: index + 1, problem: 'this line is not valid JSON' };
    }
  }
  return { ok: true, values };
}

function isEntry(value: unknown): value is RecordEntry {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entry = value as Record<string, unknown>;
  const who = entry.who as Record<string, unknown> | null | undefined;
  return (
    entry.v === RECORD_ENTRY_VERSION &&
    typeof entry.board === 'string' &&
    Number.isSafeInteger(entry.seq) &&
    typeof entry.prevHash === 'string' &&
    typeof entry.at === 'string' &&
    typeof who === 'object' &&
    who !== null &&
    typeof who.id === 'string' &&
    typeof who.role === 'string' &&
    typeof entry.kind === 'string' &&
    typeof entry.data === 'object' &&
    entry.data !== null &&
    typeof entry.hash === 'string'
  );
}

/** Verifies a log given as text. */
export function verifyRecordLog(text: string, expectedFinalHash?: string): RecordCheck {
  const parsed = parseEntries(text);
  if (!parsed.ok) return { ok: false, line: parsed.line, seq: null, problem: parsed.problem };
  if (parsed.values.length === 0) return { ok: false, line: 1, seq: null, problem: 'the log has no entries' };
  if (parsed.values.length > MAX_LOG_ENTRIES) return { ok: false, line: MAX_LOG_ENTRIES + 1, seq: null, problem: 'the log is too long to check here' };
  let prevHash = GENESIS_HASH;
  let board: string | null = null;
  let last: RecordEntry | null = null;
  let matchedExpectedAt: number | null = null;
  const expected = expectedFinalHash?.trim().toLowerCase() || null;
  for (const [index, { line, value }] of parsed.values.entries()) {
    const seqOf = (typeof value === 'object' && value !== null && Number.isSafeInteger((value as { seq?: unknown }).seq)) ? (value as { seq: number }).seq : null;
    const fail = (problem: string): RecordCheck => ({ ok: false, line, seq: seqOf, problem });
    if (!isEntry(value)) return fail('this entry is not a record entry (a field is missing or of the wrong type)');
    if (value.seq !== index + 1) return fail(`expected entry number ${index + 1} here, found ${value.seq} (an entry is missing, added or out of order)`);
    if (board !== null && value.board !== board) return fail('this entry belongs to another board');
    if (value.prevHash !== prevHash) return fail('its previous-entry hash does not match the entry before it (an entry before it was changed, removed or moved)');
    if (!HEX_64.test(value.hash) || entryHash(value) !== value.hash) return fail('its content does not match its hash (this entry was changed)');
    board = value.board;
    prevHash = value.hash;
    last = value;
    if (expected !== null && value.hash === expected) matchedExpectedAt = value.seq;
  }
  if (expected !== null && matchedExpectedAt === null) {
    return { ok: false, line: parsed.values.length, seq: last?.seq ?? null, problem: 'the chain holds together, but no entry has the final hash you gave (the log was rewritten or is from another board)' };
  }
  return { ok: true, entries: parsed.values.length, board, finalHash: prevHash, finalSeq: last?.seq ?? 0, finalAt: last?.at ?? null, matchedExpectedAt };
}

/** The result in one line a person reads (CLI output and the public page). */
export function describeCheck(check: RecordCheck): string {
  if (check.ok) {
    const expected = check.matchedExpectedAt === null ? '' : ` The published final hash is entry ${check.matchedExpectedAt}.`;
    return `OK: ${check.entries} entries, the chain is intact. Final hash ${check.finalHash} (entry ${check.finalSeq}${check.finalAt ? `, ${check.finalAt}` : ''}).${expected}`;
  }
  const which = check.seq === null ? `line ${check.line}` : `entry ${check.seq} (line ${check.line})`;
  return `Does not match at ${which}: ${check.problem}.`;
}

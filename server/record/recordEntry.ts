/**
 * One entry of a board's record log (issue 13): a hash-chained, append-only account of every accepted
 * change. The encoding is a contract with third parties who verify a downloaded log: see docs/record-log.md,
 * and change both together (a new field needs a new `v`).
 */

/** Who made a change: a person on the board (their person id and role), or the server itself. */
export interface RecordWho {
  /** The officer's account id, the participant's id, or 'server' (the publisher and the scheduler). */
  id: string;
  role: 'officer' | 'participant' | 'server';
}

/** What kinds of change the log holds. Each kind's `data` is listed in docs/record-log.md. */
export const RECORD_KINDS = [
  'note.published',
  'note.edited',
  'note.unpublished',
  'comment.published',
  'comment.edited',
  'comment.unpublished',
  'tally.changed',
  'moderation.hidden',
  'moderation.restored',
  'phase.changed',
  'setting.changed',
  'board.details-changed',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number] | (string & { readonly __otherKind?: never });

/** What a caller appends: the store numbers it, chains it and stamps the board. */
export interface RecordEntryInput {
  /** Server time of the change, ms since the epoch. */
  at: number;
  who: RecordWho;
  kind: RecordKind;
  /** Ids and the published fields as they appear on the wall; never confidential or unpublished content. */
  data: Readonly<Record<string, unknown>>;
}

/** Version of the entry's encoding. */
export const RECORD_ENTRY_VERSION = 1;

/** An entry as stored and downloaded (one JSON line each). `hash` covers every other field. */
export interface RecordEntry {
  v: typeof RECORD_ENTRY_VERSION;
  board: string;
  /** 1, 2, 3… per board, no gaps. */
  seq: number;
  /** The previous entry's hash; GENESIS_HASH for seq 1. */
  prevHash: string;
  /** Server time, ISO 8601 in UTC with milliseconds. */
  at: string;
  who: RecordWho;
  kind: string;
  data: Record<string, unknown>;
  /** Lower-case hex SHA-256 of prevHash followed by the canonical JSON of the entry without `hash`. */
  hash: string;
}

/** The hash before the first entry: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** The latest entry's position and hash: what a published record quotes. */
export interface RecordHead {
  seq: number;
  hash: string;
  /** ISO 8601 time of that entry. */
  at: string;
}

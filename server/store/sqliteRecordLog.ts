/**
 * The SQLite side of the record log (see recordLogPort.ts). Each entry is kept as its downloaded line (the
 * canonical JSON, hash included), so a download gives back exactly the bytes that were chained.
 */
import Database from 'better-sqlite3';
import type { RecordEntry, RecordEntryInput, RecordHead } from '../record/recordEntry.js';
import { chainEntries, entryLine } from '../record/recordHash.js';
import { prepared, preparedTransaction } from './sqlitePrepared.js';

type Row = Record<string, unknown>;

/**
 * With `SQLITE_SYNC=full` only (ADR 0010; with `normal` the main connection does it all): a second
 * connection to the store's file that chains the wall's staged entries (ADR 0011) and takes direct
 * appends, with `synchronous = NORMAL`, so a commit reaches the WAL (it survives a crash of the process)
 * without an fsync of its own, which would cost ~3 ms of the event loop each time. Nothing is lost to a
 * power cut that way: the staged entries were fsync'd with their change, and a chaining the cut takes back
 * leaves them staged, to be chained again at the next start. Audits append through the main connection.
 */
export function openRecordConnection(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * Chains and inserts the entries. Call inside a transaction of `db` (it reads the head, then inserts).
 * Entries staged for the board come first: they record changes made before these (ADR 0011).
 */
export function appendInTransaction(db: Database.Database, boardId: string, inputs: readonly RecordEntryInput[]): RecordEntry[] {
  chainStagedInTransaction(db, boardId);
  return insertChained(db, boardId, inputs);
}

function insertChained(db: Database.Database, boardId: string, inputs: readonly RecordEntryInput[]): RecordEntry[] {
  if (inputs.length === 0) return [];
  const entries = chainEntries(boardId, findRecordHead(db, boardId), inputs);
  const insert = prepared(db, 'INSERT INTO record_log (board_id, seq, hash, at, line) VALUES (?, ?, ?, ?, ?)');
  for (const entry of entries) insert.run(boardId, entry.seq, entry.hash, entry.at, entryLine(entry));
  return entries;
}

/**
 * Keeps entries to be chained later, in the caller's transaction (the one that stores the change they
 * record): as stored as the change, without the hashing on the change's way to its readers (ADR 0011).
 */
export function stageInTransaction(db: Database.Database, boardId: string, inputs: readonly RecordEntryInput[]): void {
  const insert = prepared(db, 'INSERT INTO record_staged (board_id, input_json) VALUES (?, ?)');
  for (const input of inputs) insert.run(boardId, JSON.stringify(input));
}

/** Chains the board's staged entries after its head, oldest first, and clears them. Call inside a transaction of `db`. */
function chainStagedInTransaction(db: Database.Database, boardId: string): RecordEntry[] {
  const rows = prepared(db, 'SELECT id, input_json FROM record_staged WHERE board_id = ? ORDER BY id').all(boardId) as Array<{ id: number; input_json: string }>;
  if (rows.length === 0) return [];
  const entries = insertChained(db, boardId, rows.map((row) => JSON.parse(row.input_json) as RecordEntryInput));
  prepared(db, 'DELETE FROM record_staged WHERE board_id = ? AND id <= ?').run(boardId, rows.at(-1)!.id); // reason: not empty (checked above)
  return entries;
}

export function appendRecordEntries(db: Database.Database, boardId: string, inputs: readonly RecordEntryInput[]): RecordEntry[] {
  const append = preparedTransaction(db, 'record-append', () => (board: string, entries: readonly RecordEntryInput[]) => appendInTransaction(db, board, entries));
  return append.immediate(boardId, inputs);
}

/** Chains whatever is staged for the board, in a transaction of its own. */
export function chainStaged(db: Database.Database, boardId: string): RecordEntry[] {
  const chain = preparedTransaction(db, 'record-chain-staged', () => (board: string) => chainStagedInTransaction(db, board));
  return chain.immediate(boardId);
}

/** The boards with staged entries (after a crash between a change's commit and its chaining). */
export function boardsWithStagedEntries(db: Database.Database): string[] {
  return (db.prepare('SELECT DISTINCT board_id FROM record_staged').all() as Array<{ board_id: string }>).map((row) => row.board_id);
}

/** Chains the board's staged entries, if any, so a read sees every entry stored. */
function chainStagedBeforeRead(db: Database.Database, boardId: string): void {
  if (prepared(db, 'SELECT 1 FROM record_staged WHERE board_id = ? LIMIT 1').get(boardId) !== undefined) chainStaged(db, boardId);
}

export function readRecordEntries(db: Database.Database, boardId: string): RecordEntry[] {
  chainStagedBeforeRead(db, boardId);
  return listRecordEntries(db, boardId);
}

export function readRecordHead(db: Database.Database, boardId: string): RecordHead | null {
  chainStagedBeforeRead(db, boardId);
  return findRecordHead(db, boardId);
}

function listRecordEntries(db: Database.Database, boardId: string): RecordEntry[] {
  const rows = db.prepare('SELECT line FROM record_log WHERE board_id = ? ORDER BY seq').all(boardId) as Row[];
  return rows.map((row) => JSON.parse(String(row.line)) as RecordEntry);
}

export function findRecordHead(db: Database.Database, boardId: string): RecordHead | null {
  const row = prepared(db, 'SELECT seq, hash, at FROM record_log WHERE board_id = ? ORDER BY seq DESC LIMIT 1').get(boardId) as Row | undefined;
  return row ? { seq: Number(row.seq), hash: String(row.hash), at: String(row.at) } : null;
}

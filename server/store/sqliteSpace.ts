import type Database from 'better-sqlite3';

/** WAL file size kept after a checkpoint; above it SQLite truncates the file (it otherwise keeps its peak size). */
const JOURNAL_SIZE_LIMIT_BYTES = 4 * 1024 * 1024;
/** At most one reclaim per interval: a checkpoint writes the WAL into the database file and syncs it. */
const RECLAIM_EVERY_MS = 1_000;

/**
 * Makes a database file give space back. Deleted log rows only become free pages; without this the file
 * and its WAL keep their peak size for ever (18 MiB holding 3.4 MiB of live data after 10 minutes).
 *
 * Turns on incremental auto-vacuum once (SQLite only applies that setting to an existing file through a
 * VACUUM, which rewrites it in one transaction: safe to interrupt, and a no-op on a new empty file).
 * Returns false when that VACUUM could not run (e.g. the disk is too full for the copy it makes): the
 * store still works, reusing free pages instead of returning them, and the next start tries again.
 */
export function enableIncrementalVacuum(db: Database.Database): boolean {
  db.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT_BYTES}`);
  if (db.pragma('auto_vacuum', { simple: true }) === INCREMENTAL) return true;
  try {
    db.pragma('auto_vacuum = INCREMENTAL');
    db.exec('VACUUM');
    return true;
  } catch {
    // reason: never stop a start (a full disk is exactly when the server must come up and say so)
    return false;
  }
}

const INCREMENTAL = 2;

/**
 * After compactions, hands freed pages back to the file system (incremental vacuum) and truncates the WAL
 * (checkpoint), at most once a second and off the caller's path.
 */
export class SpaceReclaimer {
  private timer: NodeJS.Timeout | null = null;
  private lastReclaimAt = 0;

  constructor(private readonly db: Database.Database) {}

  /** Rows were deleted: reclaim soon. */
  compacted(): void {
    if (this.timer) return;
    const waitMs = Math.max(0, this.lastReclaimAt + RECLAIM_EVERY_MS - Date.now());
    this.timer = setTimeout(() => this.reclaimNow(), waitMs);
    this.timer.unref();
  }

  reclaimNow(): void {
    this.timer = null;
    if (!this.db.open) return;
    this.lastReclaimAt = Date.now();
    try {
      this.db.exec('PRAGMA incremental_vacuum');
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // reason: reclaiming space is housekeeping; the next compaction tries again, and a store that cannot
      // write shows in appends and readiness, not here.
    }
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

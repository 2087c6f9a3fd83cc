/**
 * When a document's log is folded into a snapshot. By count AND by bytes: a few large updates (a 480 KB
 * value overwritten again and again) must not pile up 50 MB of log that every load and every officer's
 * read would replay. The byte threshold grows with the snapshot, so a large document is not re-encoded
 * after every small change: compaction costs at most about one snapshot's encoding per snapshot's worth
 * of log written.
 */

/** Updates in the log after the snapshot before compacting. */
export const COMPACT_AFTER_UPDATES = 500;
/** Log bytes after the snapshot before compacting, at least. */
export const COMPACT_AFTER_BYTES_MIN = 256 * 1024;

export interface LogSinceSnapshot {
  updates: number;
  updateBytes: number;
  snapshotBytes: number;
}

/** True when the log since the snapshot is long enough (in updates or bytes) to fold into a new snapshot. */
export function isCompactionDue(log: LogSinceSnapshot): boolean {
  if (log.updates === 0) return false;
  return log.updates >= COMPACT_AFTER_UPDATES || log.updateBytes >= Math.max(COMPACT_AFTER_BYTES_MIN, log.snapshotBytes);
}

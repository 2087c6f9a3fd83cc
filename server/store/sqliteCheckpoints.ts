import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/**
 * SQLite's own threshold (pages in the WAL) for a checkpoint inside a commit. Restored whenever the
 * background thread is not running, so the WAL never grows without bound.
 */
export const INLINE_CHECKPOINT_PAGES = 1000;
/**
 * While the background thread runs, a commit checkpoints inline only past this many pages (8 MB with
 * 4 KiB pages): a safety net for commits so close together that the WAL never restarts (the next
 * commit restarts it only if, when it begins, every frame has been copied). It then copies only what
 * the thread has not, and it bounds the WAL on disk (issue 10: the data directory must not only grow).
 */
export const SAFETY_NET_CHECKPOINT_PAGES = 2000;
/** How often the background thread looks at the WAL, in ms. */
const LOOK_EVERY_MS = 100;
/**
 * Frames waiting in the WAL before the thread copies them: half SQLite's own threshold, so that under
 * steady commits it is done long before the safety net. Each copy ends with a WAL restart by the next
 * commit, which costs that commit one fsync of the WAL header (~0.4 ms): about every 5 s in a 50-person
 * workshop, far off most notes' way.
 */
export const CHECKPOINT_AFTER_FRAMES = 500;
/**
 * Passes in a row while the writer keeps adding frames: each pass copies what the one before met, so
 * the last is short and usually ends with every frame copied, which lets the next commit restart the WAL.
 */
const PASSES_TO_CATCH_UP = 4;
/** How long `stop()` waits for the thread to close its connection before ending it. */
const STOP_WAIT_MS = 2_000;

/**
 * The background thread (plain JavaScript: it runs as it is under tsx, vitest and the build). It opens
 * its own connection and never writes: a PASSIVE checkpoint takes no writer lock and waits for nobody,
 * so the main connection's commits go on while it copies and fsyncs. It syncs the database file before
 * it marks frames as copied (its `synchronous` is the main connection's), so a WAL restart never drops
 * anything not yet safe in the database file.
 *
 * How many frames wait is read from the WAL index (the -shm file, https://www.sqlite.org/walformat.html:
 * the header's mxFrame at byte 16, the checkpoint's nBackfill at byte 96, in the machine's byte order),
 * which costs one small read, where asking SQLite would be a checkpoint. A torn read only moves one
 * checkpoint by one look.
 */
const THREAD_SOURCE = `
const fs = require('node:fs');
const os = require('node:os');
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driverPath);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = ' + workerData.synchronous);
db.pragma('busy_timeout = 0');
const header = Buffer.alloc(100);
const readU32 = os.endianness() === 'LE' ? (at) => header.readUInt32LE(at) : (at) => header.readUInt32BE(at);
function framesWaiting() {
  let fd;
  try {
    fd = fs.openSync(workerData.file + '-shm', 'r');
    if (fs.readSync(fd, header, 0, 100, 0) < 100) return 0;
    return readU32(16) - readU32(96);
  } catch {
    return 0;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
function catchUp() {
  for (let pass = 0; pass < ${PASSES_TO_CATCH_UP}; pass += 1) {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    if (!result || result.log <= 0) return;
    parentPort.postMessage({ log: result.log, checkpointed: result.checkpointed, busy: result.busy });
    if (result.busy || result.checkpointed >= result.log) return;
  }
}
const timer = setInterval(() => {
  if (framesWaiting() >= ${CHECKPOINT_AFTER_FRAMES}) catchUp();
}, ${LOOK_EVERY_MS});
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/** What the last pass of the background thread that found frames saw (for tests and diagnosis). */
export interface CheckpointPass {
  /** Frames in the WAL. */
  log: number;
  /** Of those, copied into the database file. */
  checkpointed: number;
  /** 1 when another checkpoint (the safety net, a reclaim) held the checkpoint lock. */
  busy: number;
}

/**
 * Checkpoints beside the event loop (issue 15). A checkpoint copies the WAL into the database file and
 * fsyncs both; run by SQLite inside whichever commit crosses 1,000 pages, it held the event loop for
 * 10–15 ms every ~10 s in a 50-person workshop and 45–200 ms every few seconds at N = 1,000, in front
 * of every broadcast (BENCHMARKS.md). Here a worker thread with its own connection checkpoints at the
 * same threshold instead, and the main connections keep only a far one as a safety net.
 *
 * Nothing about durability changes: a commit is in the WAL file before it returns, as before (ADR 0010),
 * and SQLite's checkpoints are safe from any connection and at any instant of a crash.
 *
 * If the thread cannot start or dies, the main connections go back to SQLite's inline checkpoints.
 */
export class BackgroundCheckpoints {
  private worker: Worker | null;
  /** The last pass that found frames in the WAL, or null before the first. */
  lastPass: CheckpointPass | null = null;
  /** Passes that found frames (each copies what it can and fsyncs). */
  passes = 0;

  private constructor(
    private readonly connections: readonly Database.Database[],
    worker: Worker,
  ) {
    this.worker = worker;
    worker.unref();
    worker.on('message', (pass: CheckpointPass) => {
      this.passes += 1;
      this.lastPass = { log: pass.log, checkpointed: pass.checkpointed, busy: pass.busy };
    });
    // reason: a thread that fails is replaced by SQLite's own inline checkpoints, never by a crash
    worker.on('error', () => this.fallBack());
    worker.on('exit', () => this.fallBack());
    this.setInlineThreshold(SAFETY_NET_CHECKPOINT_PAGES);
  }

  /**
   * Starts the thread for the database `file`. `connections` are the process's connections that write to
   * it (their inline threshold is raised while the thread runs). Returns null, and leaves SQLite's inline
   * checkpoints on, when a thread cannot be started here.
   */
  static start(file: string, synchronous: 'NORMAL' | 'FULL', connections: readonly Database.Database[]): BackgroundCheckpoints | null {
    try {
      const driverPath = createRequire(import.meta.url).resolve('better-sqlite3');
      const worker = new Worker(THREAD_SOURCE, { eval: true, workerData: { file, synchronous, driverPath } });
      return new BackgroundCheckpoints(connections, worker);
    } catch {
      // reason: checkpoints inline (SQLite's default) are slower at the tail, never wrong
      return null;
    }
  }

  /** Whether the thread is running (false once it stopped or failed: checkpoints are inline again). */
  get isRunning(): boolean {
    return this.worker !== null;
  }

  /** Ends the thread after it has closed its connection; the main connections checkpoint inline again. */
  async stop(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.fallBack();
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage('stop');
    const timer = setTimeout(() => void worker.terminate(), STOP_WAIT_MS);
    await exited;
    clearTimeout(timer);
  }

  /** For tests: the thread dies as a crashed one would. */
  async crashForTest(): Promise<void> {
    await this.worker?.terminate();
  }

  private fallBack(): void {
    if (!this.worker) return;
    this.worker = null;
    this.setInlineThreshold(INLINE_CHECKPOINT_PAGES);
  }

  private setInlineThreshold(pages: number): void {
    for (const db of this.connections) if (db.open) db.pragma(`wal_autocheckpoint = ${pages}`);
  }
}

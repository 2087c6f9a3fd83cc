import type { Logger } from '../log.js';
import { BoardRoom, type BoardRoomDeps } from './BoardRoom.js';

/** How long a board with no connections stays loaded, so a quick reconnect does not reload it. */
const UNLOAD_AFTER_IDLE_MS = 15_000;

/**
 * The boards in memory. Loads each on first use (concurrent first uses share one load) and unloads it
 * after it has been idle, once everything it holds is stored. Passed around, never a module global.
 */
export class Rooms {
  private readonly boards = new Map<string, Promise<BoardRoom>>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
  /** Set by `closeAll`: connections that close afterwards schedule no unload. */
  private isClosed = false;

  constructor(
    private readonly deps: BoardRoomDeps,
    private readonly log: Logger,
    private readonly unloadAfterIdleMs = UNLOAD_AFTER_IDLE_MS,
  ) {}

  /**
   * The board's room, loading it if needed, with one more connection counted on it.
   * Call only after access was decided; pair with `release`.
   */
  async acquire(boardId: string): Promise<BoardRoom> {
    for (;;) {
      const room = await this.open(boardId);
      // An unload may have won the race while we waited: then load afresh.
      if (room.isDestroyed) continue;
      room.connectionCount += 1;
      return room;
    }
  }

  private async open(boardId: string): Promise<BoardRoom> {
    this.cancelUnload(boardId);
    let loading = this.boards.get(boardId);
    if (!loading) {
      loading = BoardRoom.load(boardId, this.deps);
      this.boards.set(boardId, loading);
      loading.catch((error: unknown) => {
        this.log.error({ err: error, boardId }, 'board failed to load');
        this.boards.delete(boardId);
      });
    }
    return loading;
  }

  /**
   * Runs `work` on the board's room, loading it if needed and counting it as in use meanwhile, so a command
   * or a scheduled change can act on a board nobody is connected to; the board unloads afterwards as usual.
   */
  async withRoom<T>(boardId: string, work: (room: BoardRoom) => Promise<T> | T): Promise<T> {
    const room = await this.acquire(boardId);
    try {
      return await work(room);
    } finally {
      this.release(room);
    }
  }

  /** The room if it is loaded, without loading it (for notices from REST). */
  async loaded(boardId: string): Promise<BoardRoom | null> {
    return (await this.boards.get(boardId)?.catch(() => null)) ?? null;
  }

  get loadedCount(): number {
    return this.boards.size;
  }

  /** Loaded boards whose wall this instance writes now (several instances: the lease holders'). */
  get publishedHereCount(): number {
    const cluster = this.deps.cluster;
    if (!cluster) return this.boards.size;
    return [...this.boards.keys()].filter((boardId) => cluster.leases.holds(boardId)).length;
  }

  /** A connection to the board closed: unload when idle. */
  release(room: BoardRoom): void {
    room.connectionCount = Math.max(0, room.connectionCount - 1);
    if (room.connectionCount > 0 || this.isClosed) return;
    this.cancelUnload(room.boardId);
    this.unloadTimers.set(
      room.boardId,
      setTimeout(() => void this.unload(room), this.unloadAfterIdleMs),
    );
  }

  /**
   * Shutdown: publishes every board's pending decisions, stores everything, and unloads every board.
   * Bounded: after `timeoutMs` it gives up waiting for the store (and says how much was not stored).
   * Resolves true when everything accepted was stored.
   */
  async closeAll(timeoutMs = Number.POSITIVE_INFINITY): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    this.isClosed = true;
    for (const timer of this.unloadTimers.values()) clearTimeout(timer);
    this.unloadTimers.clear();
    const rooms = await Promise.all([...this.boards.values()].map((loading) => loading.catch(() => null)));
    let isStored = true;
    for (const room of rooms) {
      if (!room) continue;
      try {
        const isRoomStored = await room.settleForShutdown(deadline - Date.now());
        isStored = isRoomStored && isStored;
        // Only what is stored is folded, and only while the shutdown has time for it.
        if (isRoomStored && Date.now() < deadline) await foldWithin(room, deadline - Date.now());
      } catch (error) {
        isStored = false;
        this.log.error({ err: error, boardId: room.boardId }, 'could not settle a board on shutdown');
      }
      room.destroy();
    }
    this.boards.clear();
    return isStored;
  }

  private async unload(room: BoardRoom): Promise<void> {
    this.unloadTimers.delete(room.boardId);
    await room.settle();
    if (room.connectionCount > 0 || room.isDestroyed) return;
    this.boards.delete(room.boardId);
    room.destroy();
  }

  private cancelUnload(boardId: string): void {
    const timer = this.unloadTimers.get(boardId);
    if (timer) clearTimeout(timer);
    this.unloadTimers.delete(boardId);
  }
}

/** The longest delay a Node timer holds (2^31 − 1 ms); a longer one, Infinity included, fires at once. */
const MAX_TIMER_MS = 2_147_483_647;

/** Folds the room's stored logs, or gives up waiting after `timeoutMs` (the fold goes on or fails alone). */
async function foldWithin(room: BoardRoom, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeUp = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, Math.min(timeoutMs, MAX_TIMER_MS));
  });
  try {
    await Promise.race([room.foldStoredLogs(), timeUp]);
  } finally {
    clearTimeout(timer);
  }
}

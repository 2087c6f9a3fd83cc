/**
 * One publisher per board across instances (issue 11, docs/adr/0006-live-boards-across-instances.md).
 * Every instance that has a board loaded competes for the board's lease in Redis; the holder is the only
 * one whose publisher writes the wall. The lease is a key with a time to live, renewed every second; each
 * grant takes the next number of the board's fencing counter (logged, and stamped on the wall's meta by
 * the new holder), so every change of publisher is numbered and the newest grant is always known.
 *
 * Safety rests on the holder's own clock: it stops publishing when its lease may have run out (TTL minus a
 * margin, counted from when it ASKED for the grant or renewal, so a slow reply only shortens it), which is
 * before any other instance can be granted the key. Should two ever overlap (a process paused longer than
 * the margin), the wall still holds each note once: notes are keyed by author and note id, and two writes
 * of one key are one entry.
 */
import type { Logger } from '../log.js';
import type { RedisClient } from './redisConnection.js';

/** What a board does when it becomes, or stops being, its publisher. */
export interface LeaseHolder {
  gained(fencingToken: number): void;
  lost(): void;
}

export const LEASE_TTL_MS = 4_000;
const RENEW_EVERY_MS = 1_000;
/** Stop publishing this long before the lease could run out in Redis (clock rates, a slow event loop). */
const SAFETY_MARGIN_MS = 1_000;

export const publisherLeaseKey = (boardId: string): string => `oiw:board:{${boardId}}:publisher`;
export const fencingCounterKey = (boardId: string): string => `oiw:board:{${boardId}}:fence`;

/** Grant when free: returns the next fencing token, or 0 when another instance holds it. */
const ACQUIRE = `if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return redis.call('INCR', KEYS[2]) end return 0`;
/** Renew only our own lease. */
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
/** Give back only our own lease. */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

interface Tracked {
  holder: LeaseHolder;
  /** Our fencing token while we hold the lease, else null. */
  token: number | null;
  /** Until when (our clock) we may publish. */
  validUntil: number;
  isAsking: boolean;
}

export class PublisherLeases {
  private readonly tracked = new Map<string, Tracked>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly redis: RedisClient,
    private readonly instanceId: string,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.timer = setInterval(() => this.round(), RENEW_EVERY_MS);
    this.timer.unref();
  }

  /** Competes for the board's lease from now on; `holder` hears when it is gained and lost. */
  track(boardId: string, holder: LeaseHolder): void {
    const tracked: Tracked = { holder, token: null, validUntil: 0, isAsking: false };
    this.tracked.set(boardId, tracked);
    void this.ask(boardId, tracked);
  }

  /** Stops competing, and gives the lease back if held, so another instance takes over at once. */
  untrack(boardId: string): void {
    const tracked = this.tracked.get(boardId);
    this.tracked.delete(boardId);
    if (tracked?.token !== null && tracked !== undefined) {
      this.redis.eval(RELEASE, { keys: [publisherLeaseKey(boardId)], arguments: [this.instanceId] }).catch(() => undefined);
    }
  }

  /** True while this instance holds the board's lease and may publish. */
  holds(boardId: string): boolean {
    const tracked = this.tracked.get(boardId);
    return tracked !== undefined && tracked.token !== null && this.now() < tracked.validUntil;
  }

  close(): void {
    clearInterval(this.timer);
    for (const boardId of [...this.tracked.keys()]) this.untrack(boardId);
  }

  private round(): void {
    for (const [boardId, tracked] of this.tracked) {
      // Redis unanswered for too long: stop publishing before anyone else can be granted the lease.
      if (tracked.token !== null && this.now() >= tracked.validUntil) this.lose(boardId, tracked, 'the lease could not be renewed in time');
      void this.ask(boardId, tracked);
    }
  }

  private async ask(boardId: string, tracked: Tracked): Promise<void> {
    if (tracked.isAsking) return;
    tracked.isAsking = true;
    const askedAt = this.now();
    try {
      if (tracked.token === null) {
        const token = Number(await this.redis.eval(ACQUIRE, { keys: [publisherLeaseKey(boardId), fencingCounterKey(boardId)], arguments: [this.instanceId, String(LEASE_TTL_MS)] }));
        if (token > 0 && this.tracked.get(boardId) === tracked) {
          tracked.token = token;
          tracked.validUntil = askedAt + LEASE_TTL_MS - SAFETY_MARGIN_MS;
          this.log.info({ boardId, fencingToken: token }, 'this instance publishes the board\'s wall now');
          tracked.holder.gained(token);
        } else if (token > 0) {
          // Untracked while asking: give it straight back.
          await this.redis.eval(RELEASE, { keys: [publisherLeaseKey(boardId)], arguments: [this.instanceId] });
        }
      } else {
        const renewed = Number(await this.redis.eval(RENEW, { keys: [publisherLeaseKey(boardId)], arguments: [this.instanceId, String(LEASE_TTL_MS)] }));
        if (tracked.token === null) return;
        if (renewed === 1) tracked.validUntil = askedAt + LEASE_TTL_MS - SAFETY_MARGIN_MS;
        else this.lose(boardId, tracked, 'another instance holds the lease');
      }
    } catch {
      // Redis away: the round above notices when the lease may have run out.
    } finally {
      tracked.isAsking = false;
    }
  }

  private lose(boardId: string, tracked: Tracked, why: string): void {
    if (tracked.token === null) return;
    tracked.token = null;
    this.log.warn({ boardId, why }, 'this instance stops publishing the board\'s wall');
    tracked.holder.lost();
  }
}

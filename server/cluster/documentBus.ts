/**
 * The document bus between instances (issue 11, docs/adr/0006-live-boards-across-instances.md): one Redis
 * Stream per board. An instance puts every change it stored on the board's stream (after the commit, so
 * nothing unstored ever leaves it); every other instance that has the board loaded reads the stream,
 * applies the change and relays it to its own connections, without storing it again.
 *
 * The store, not the stream, is the truth. The stream is the fast path; whenever an instance may have
 * missed something, it reads the board's documents again from the store ("catch up"), which is always
 * safe because Yjs updates are idempotent:
 * - its reader lost Redis and got it back (messages may have been added and trimmed, or Redis restarted);
 * - a sender's message numbers jump (a message was lost: a failed XADD, a trimmed entry);
 * - a sender could not put a message on the stream: it owes the board a `gap` message and sends it as soon
 *   as Redis takes it.
 *
 * Streams are trimmed by age (MINID): every entry is already stored, so an entry is only needed by an
 * instance that is reading behind, and one further behind than that catches up from the store.
 */
import type { Logger } from '../log.js';
import { boardStreamKey, ENTRY_FIELD, readEnvelope, type BusPayload } from './busMessages.js';
import type { RedisClient, RedisConnection } from './redisConnection.js';

/** What a loaded board does with what the bus brings. */
export interface BoardOnBus {
  /** A message another instance (`origin`, its instance id) sent (validated). */
  receive(payload: BusPayload, origin: string): void;
  /** This instance may have missed messages: read the board's documents from the store again. */
  catchUp(): void;
}

/** How long entries are kept on a stream, in ms (a reader further behind catches up from the store). */
const KEEP_ENTRIES_MS = 60_000;
/** How long one blocking read waits, in ms: also how soon a newly loaded board joins the read. */
const BLOCK_MS = 200;
/** Wait after a failed read before the next, in ms (Redis away: the client reconnects by itself). */
const RETRY_READ_MS = 250;
/** How often a sender that owes boards a gap message tries again, in ms. */
const RETRY_GAP_MS = 500;
/** A stream nobody writes to goes away after this long (an idle board leaves nothing in Redis). */
const STREAM_IDLE_EXPIRY_MS = 60 * 60_000;
/** How often a board's stream expiry is pushed back while it is written to, in ms. */
const EXPIRY_REFRESH_MS = 60_000;

interface Watched {
  /** The last stream entry id read for this board. */
  lastId: string;
  board: BoardOnBus;
  /** The last message number seen from each sender. */
  lastNumbers: Map<string, number>;
}

export interface BusCounters {
  sent(): void;
  received(lagMs: number): void;
  dropped(reason: string): void;
  gap(): void;
}

export class DocumentBus {
  private readonly watched = new Map<string, Watched>();
  private readonly sentNumbers = new Map<string, number>();
  /** When each board's stream was last given its idle expiry (refreshed once a minute, not per message). */
  private readonly expiryRefreshedAt = new Map<string, number>();
  private readonly owesGap = new Set<string>();
  private gapTimer: NodeJS.Timeout | null = null;
  private isClosed = false;
  private readonly reading: Promise<void>;

  private constructor(
    private readonly commands: RedisClient,
    private readonly reader: RedisClient,
    readonly instanceId: string,
    private readonly log: Logger,
    private readonly counters: BusCounters | null,
  ) {
    this.reading = this.readLoop();
  }

  /** Starts the bus: its reader is a connection of its own (a blocking read holds the connection). */
  static async start(options: { redis: RedisConnection; instanceId: string; log: Logger; counters?: BusCounters }): Promise<DocumentBus> {
    const reader = options.redis.commands.duplicate();
    reader.on('error', () => undefined); // Reported by the read loop; the client reconnects by itself.
    await reader.connect();
    return new DocumentBus(options.redis.commands, reader, options.instanceId, options.log, options.counters ?? null);
  }

  /**
   * Where the board's stream is now: take it BEFORE reading the board from the store, then `watch` from
   * it, so nothing stored after the read is missed (anything read twice is applied twice, harmlessly).
   */
  async positionOf(boardId: string): Promise<string> {
    try {
      const last = await this.commands.xRevRange(boardStreamKey(boardId), '+', '-', { COUNT: 1 });
      return last?.[0]?.id ?? '0-0';
    } catch {
      // Redis is away: the reader will see it fail and catch every board up from the store when it is back.
      return '0-0';
    }
  }

  watch(boardId: string, fromId: string, board: BoardOnBus): void {
    this.watched.set(boardId, { lastId: fromId, board, lastNumbers: new Map() });
  }

  unwatch(boardId: string): void {
    this.watched.delete(boardId);
  }

  /**
   * Puts a message on the board's stream. Never throws and never waits for Redis: a message Redis did not
   * take is owed as a `gap`, so the other instances catch up from the store instead.
   */
  publish(boardId: string, payload: BusPayload): void {
    if (this.isClosed) return;
    const number = (this.sentNumbers.get(boardId) ?? 0) + 1;
    this.sentNumbers.set(boardId, number);
    const entry = JSON.stringify({ origin: this.instanceId, number, payload });
    const key = boardStreamKey(boardId);
    this.commands
      .xAdd(key, '*', { [ENTRY_FIELD]: entry }, { TRIM: { strategy: 'MINID', strategyModifier: '~', threshold: Date.now() - KEEP_ENTRIES_MS } })
      .then(
        () => {
          this.counters?.sent();
          return this.refreshExpiry(boardId, key);
        },
        (error: unknown) => {
          this.log.warn({ boardId, err: describe(error) }, 'could not put a change on the board\'s stream; the other instances will catch up from the store');
          this.oweGap(boardId);
        },
      )
      .catch(() => undefined);
  }

  /** Keeps an idle board's stream from staying in Redis for ever, at one PEXPIRE a minute per board. */
  private async refreshExpiry(boardId: string, key: string): Promise<void> {
    const now = Date.now();
    if (now - (this.expiryRefreshedAt.get(boardId) ?? Number.NEGATIVE_INFINITY) < EXPIRY_REFRESH_MS) return;
    this.expiryRefreshedAt.set(boardId, now);
    await this.commands.pExpire(key, STREAM_IDLE_EXPIRY_MS);
  }

  async close(): Promise<void> {
    this.isClosed = true;
    if (this.gapTimer) clearInterval(this.gapTimer);
    this.reader.destroy();
    await this.reading;
  }

  private oweGap(boardId: string): void {
    this.owesGap.add(boardId);
    this.gapTimer ??= setInterval(() => this.payGaps(), RETRY_GAP_MS);
  }

  private payGaps(): void {
    for (const boardId of [...this.owesGap]) {
      this.owesGap.delete(boardId);
      // A failed publish owes the gap again.
      this.publish(boardId, { kind: 'gap' });
    }
    if (this.owesGap.size === 0 && this.gapTimer) {
      clearInterval(this.gapTimer);
      this.gapTimer = null;
    }
  }

  private async readLoop(): Promise<void> {
    let wasCutOff = false;
    while (!this.isClosed) {
      const streams = [...this.watched].map(([boardId, { lastId }]) => ({ key: boardStreamKey(boardId), id: lastId }));
      if (streams.length === 0) {
        await sleep(BLOCK_MS);
        continue;
      }
      let reply: Awaited<ReturnType<RedisClient['xRead']>>;
      try {
        reply = await this.reader.xRead(streams, { BLOCK: BLOCK_MS, COUNT: 1_000 });
      } catch (error) {
        if (this.isClosed) return;
        if (!wasCutOff) this.log.warn({ err: describe(error) }, 'lost the boards\' streams; serving this instance\'s own people, and catching up from the store when Redis is back');
        wasCutOff = true;
        await sleep(RETRY_READ_MS);
        continue;
      }
      if (wasCutOff) {
        wasCutOff = false;
        this.log.info({ boards: this.watched.size }, 'the boards\' streams are back; catching every loaded board up from the store');
        for (const { board } of this.watched.values()) board.catchUp();
      }
      if (reply) this.deliver(reply);
    }
  }

  private deliver(reply: NonNullable<Awaited<ReturnType<RedisClient['xRead']>>>): void {
    for (const stream of reply as Array<{ name: unknown; messages: Array<{ id: unknown; message: unknown }> }>) {
      const boardId = boardIdOfKey(String(stream.name));
      const watched = boardId === null ? undefined : this.watched.get(boardId);
      if (!watched) continue;
      for (const { id, message } of stream.messages) {
        watched.lastId = String(id);
        this.deliverOne(watched, String(id), fieldOf(message));
      }
    }
  }

  private deliverOne(watched: Watched, id: string, raw: unknown): void {
    const read = readEnvelope(raw);
    if (!read.ok) {
      this.counters?.dropped('malformed');
      this.log.warn({ entryId: id, reason: read.reason }, 'dropped a malformed message from a board\'s stream');
      return;
    }
    const { origin, number, payload } = read.envelope;
    if (origin === this.instanceId) return;
    const last = watched.lastNumbers.get(origin);
    watched.lastNumbers.set(origin, number);
    this.counters?.received(Math.max(0, Date.now() - Number(id.split('-')[0])));
    try {
      // A jump in a sender's numbers: something between was lost. Catch up, then apply this one too.
      if (last !== undefined && number !== last + 1) {
        this.counters?.gap();
        watched.board.catchUp();
      }
      if (payload.kind === 'gap') {
        this.counters?.gap();
        watched.board.catchUp();
      } else {
        watched.board.receive(payload, origin);
      }
    } catch (error) {
      this.log.error({ err: error, entryId: id }, 'a message from a board\'s stream could not be applied; catching up from the store');
      watched.board.catchUp();
    }
  }
}

function boardIdOfKey(key: string): string | null {
  const match = /^oiw:board:\{(.+)\}:updates$/.exec(key);
  return match ? match[1]! : null; // reason: the group always matches when the pattern does
}

/** A stream entry's envelope field, whether the client gave the fields as an object or a Map. */
function fieldOf(message: unknown): unknown {
  if (message instanceof Map) return message.get(ENTRY_FIELD);
  if (message && typeof message === 'object') return (message as Record<string, unknown>)[ENTRY_FIELD];
  return undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]!.slice(0, 200) : String(error); // reason: split returns at least one element
}

/**
 * The connection to Redis when `REDIS_URL` is set (issue 11): one client for commands and one for
 * subscriptions (a subscribed connection can do nothing else). Redis going away must never stop an
 * instance serving its own people, so commands fail at once while it is away instead of queueing (the
 * callers fail open: a rate limit lets requests through, an access event is applied locally), and the
 * clients reconnect by themselves with a capped back-off.
 */
import { createClient } from 'redis';
import type { Logger } from '../log.js';

/** The client as this module creates it (default modules, RESP as negotiated). */
function newClient(url: string) {
  return createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 3_000, reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, MAX_RECONNECT_DELAY_MS) },
  });
}

export type RedisClient = ReturnType<typeof newClient>;

export interface RedisConnection {
  /** For commands (rate-limit counters, publishing). */
  commands: RedisClient;
  /** For subscriptions only. */
  subscriber: RedisClient;
  /** True while both clients are connected. */
  isReady(): boolean;
  close(): Promise<void>;
}

/** Longest wait between two reconnection attempts, in ms: Redis back within seconds is noticed within seconds. */
const MAX_RECONNECT_DELAY_MS = 1_000;

export async function connectRedis(url: string, log: Logger): Promise<RedisConnection> {
  const commands = newClient(url);
  const subscriber = newClient(url);
  let wasReady = false;
  for (const [name, client] of [
    ['commands', commands],
    ['subscriber', subscriber],
  ] as const) {
    // Without an 'error' listener a lost connection would crash the process; the client reconnects itself.
    client.on('error', (error: unknown) => {
      if (wasReady) log.warn({ client: name, err: describe(error) }, 'redis connection problem; serving this instance\'s own people meanwhile');
    });
    client.on('ready', () => {
      if (wasReady) log.info({ client: name }, 'redis connection back');
    });
  }
  await Promise.all([commands.connect(), subscriber.connect()]);
  wasReady = true;
  return {
    commands,
    subscriber,
    isReady: () => commands.isReady && subscriber.isReady,
    async close() {
      // A connected client finishes what it sent; one that is reconnecting would wait for Redis: drop it.
      const closeOne = (client: RedisClient) => (client.isReady ? client.close() : Promise.resolve(client.destroy()));
      await Promise.allSettled([closeOne(commands), closeOne(subscriber)]);
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]!.slice(0, 200) : String(error); // reason: split returns at least one element
}

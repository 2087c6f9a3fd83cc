/**
 * socket.io across instances (issue 11): with the Redis Streams adapter, `io.to(room).emit(...)` on one
 * instance reaches that room's sockets on every instance, e.g. a note's status decided by the instance that
 * publishes the board reaches its author connected to another. The adapter keeps its messages in one Redis
 * stream, so an instance that loses Redis for a few seconds reads on from where it stopped instead of
 * missing what was sent meanwhile (plain pub/sub would drop it).
 *
 * Events that every instance sends itself, each from its own copy of the state (a phase change seen in the
 * brief, an access change applied by each instance, this instance's store status), must NOT go through the
 * adapter, or each person would get them once per instance: their senders use `io.local` (socketServer.ts's
 * relayBoardEvents, and the store status in server.ts).
 */
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { RedisClient, RedisConnection } from './redisConnection.js';

/** The Redis stream the adapter writes to and reads from (one for the whole namespace, in this app's key space). */
export const SOCKET_STREAM_KEY = 'oiw:socket.io';
/** Entries kept in that stream (trimmed approximately): minutes of events, ample to ride out a Redis blip. */
const STREAM_MAX_LENGTH = 10_000;
/** How long one blocking read waits for new entries: also how long a closing instance may wait for its reader. */
const READ_BLOCK_MS = 1_000;

export interface ClusteredSocketAdapter {
  /** For socket.io's `adapter` option. */
  adapter: ReturnType<typeof createAdapter>;
  /** Stops the adapter and ends the Redis clients it opened for itself. Idempotent. */
  close(): void;
}

/**
 * The adapter on `redis`: it publishes with the shared command client and opens two clients of its own (a
 * blocking stream reader and a subscriber for its request/response messages).
 */
export function createSocketAdapter(redis: RedisConnection): ClusteredSocketAdapter {
  const ownClients: RedisClient[] = [];
  const closing = { isClosed: false };
  const publisher = withOwnDuplicates(redis.commands, (client) => ownClients.push(ownClient(client, closing)));
  const createNamespaceAdapter = createAdapter(publisher, { streamName: SOCKET_STREAM_KEY, maxLen: STREAM_MAX_LENGTH, blockTimeInMs: READ_BLOCK_MS });
  const namespaceAdapters: Array<{ close(): unknown }> = [];
  // A function, not an arrow: socket.io calls it with `new` (it returns the adapter, which `new` then yields).
  function adapter(namespace: unknown) {
    const namespaceAdapter = createNamespaceAdapter(namespace);
    namespaceAdapters.push(namespaceAdapter);
    return namespaceAdapter;
  }
  return {
    adapter,
    close() {
      if (closing.isClosed) return;
      closing.isClosed = true;
      // socket.io's close closes the adapters too; twice is harmless (it tells the other instances it left).
      for (const namespaceAdapter of namespaceAdapters) namespaceAdapter.close();
      for (const client of ownClients) client.destroy();
    },
  };
}

/**
 * The command client, except that the clients the adapter duplicates from it keep their commands while
 * Redis is away (offline queue on). Our clients fail commands at once during an outage, so the adapter's
 * reading loop, which retries a failed read immediately, would spin without ever yielding to the event
 * loop; with the queue, a read sent during the outage simply waits for the reconnection and continues from
 * the last entry it read. Every method is bound to the real client (its private fields are not on a proxy).
 */
function withOwnDuplicates(commands: RedisClient, adopt: (client: RedisClient) => void): RedisClient {
  return new Proxy(commands, {
    get(target, property) {
      if (property === 'duplicate') {
        return () => {
          const client = target.duplicate({ disableOfflineQueue: false });
          adopt(client);
          return client;
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * One of the adapter's own clients, made safe to end at any moment. The adapter starts it (connect, then
 * subscribe) without handling a rejection, and its reading loop retries a failed read at once: ended under
 * them, the first two would crash the process with an unhandled rejection and the loop would spin forever.
 * So once closed, starting settles quietly and a read never answers (the loop stops there).
 */
function ownClient(client: RedisClient, closing: { isClosed: boolean }): RedisClient {
  const connect = client.connect.bind(client);
  const subscribe = client.subscribe.bind(client);
  const xRead = client.xRead.bind(client);
  // Own properties over the prototype's methods, on this one client only.
  Object.defineProperties(client, {
    connect: { value: () => connect().catch(() => client) },
    subscribe: { value: (...args: Parameters<typeof subscribe>) => subscribe(...args).catch(() => undefined) },
    xRead: { value: (...args: Parameters<typeof xRead>) => (closing.isClosed ? new Promise(() => {}) : xRead(...args)) },
  });
  return client;
}

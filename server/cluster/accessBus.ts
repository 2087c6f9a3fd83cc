/**
 * Access changes heard by every instance (issue 11): a sign-out, a removal, a revoked link or an archived
 * board on instance A must close the connections the same people hold on instance C. Each change is
 * applied on the instance where it happened at once, then published on one Redis channel; the others apply
 * it when it arrives. Messages are validated like any other input (a bad one is logged and dropped).
 *
 * Pub/sub delivers at most once: a message sent while an instance is cut off from Redis is lost to it. That
 * is acceptable here because access is ALSO checked against the shared store on every new connection and
 * request; what could outlive a lost message is an already-open socket, and an instance that was cut off
 * closes every document socket when Redis comes back (`onReconnected`) so clients re-admit through the store.
 */
import { z } from 'zod';
import { isWellFormedId } from '../../shared/ids.js';
import type { AccessEvents } from '../http/routes/deps.js';
import type { Logger } from '../log.js';
import type { RedisConnection } from './redisConnection.js';

export const ACCESS_CHANNEL = 'oiw:access';

/** Ids as the server makes them (shared/ids.ts): nothing else names a board, link or person. */
const id = z.string().refine(isWellFormedId);

const accessMessage = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('session-ended'), tokenHash: z.string().regex(/^[A-Za-z0-9_-]{43}$/) }),
  z.object({ kind: z.literal('board-status-changed'), boardId: id }),
  z.object({ kind: z.literal('invite-link-revoked'), boardId: id, linkId: id }),
  z.object({ kind: z.literal('participant-removed'), boardId: id, participantId: id }),
  z.object({ kind: z.literal('officer-removed'), boardId: id, accountId: id }),
]);
type AccessMessage = z.infer<typeof accessMessage>;

const envelope = z.object({ origin: z.string().min(1).max(64), message: accessMessage });

/** What an access change does on one instance. */
export interface LocalAccess extends AccessEvents {
  sessionEnded(tokenHash: string): void;
}

export interface AccessBus {
  /** The same events, applied here and published to the other instances. */
  events: LocalAccess;
  close(): Promise<void>;
}

export async function createAccessBus(options: {
  redis: RedisConnection;
  instanceId: string;
  local: LocalAccess;
  log: Logger;
  /** Called when the subscription is back after an outage: messages sent meanwhile were lost to this instance. */
  onReconnected: () => void;
}): Promise<AccessBus> {
  const { redis, instanceId, local, log } = options;
  const apply = (message: AccessMessage) => {
    switch (message.kind) {
      case 'session-ended':
        return local.sessionEnded(message.tokenHash);
      case 'board-status-changed':
        return local.boardStatusChanged(message.boardId);
      case 'invite-link-revoked':
        return local.inviteLinkRevoked(message.boardId, message.linkId);
      case 'participant-removed':
        return local.participantRemoved(message.boardId, message.participantId);
      case 'officer-removed':
        return local.officerRemoved(message.boardId, message.accountId);
    }
  };
  await redis.subscriber.subscribe(ACCESS_CHANNEL, (raw: string) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = null;
    }
    const checked = envelope.safeParse(parsed);
    if (!checked.success) {
      log.warn({ channel: ACCESS_CHANNEL, bytes: raw.length }, 'dropped a malformed access message from redis');
      return;
    }
    if (checked.data.origin === instanceId) return;
    apply(checked.data.message);
  });
  let isSubscribed = true;
  redis.subscriber.on('end', () => (isSubscribed = false));
  redis.subscriber.on('error', () => (isSubscribed = false));
  redis.subscriber.on('ready', () => {
    if (isSubscribed) return;
    isSubscribed = true;
    // The client re-subscribes by itself; what was published while it was away must be found in the store.
    options.onReconnected();
  });
  const publish = (message: AccessMessage) => {
    // Applied here already; a Redis outage only delays the others (see the comment at the top).
    redis.commands.publish(ACCESS_CHANNEL, JSON.stringify({ origin: instanceId, message })).catch((error: unknown) => {
      log.warn({ kind: message.kind, err: error instanceof Error ? error.message : String(error) }, 'could not tell the other instances about an access change');
    });
  };
  return {
    events: {
      sessionEnded(tokenHash) {
        local.sessionEnded(tokenHash);
        publish({ kind: 'session-ended', tokenHash });
      },
      boardStatusChanged(boardId) {
        local.boardStatusChanged(boardId);
        publish({ kind: 'board-status-changed', boardId });
      },
      inviteLinkRevoked(boardId, linkId) {
        local.inviteLinkRevoked(boardId, linkId);
        publish({ kind: 'invite-link-revoked', boardId, linkId });
      },
      participantRemoved(boardId, participantId) {
        local.participantRemoved(boardId, participantId);
        publish({ kind: 'participant-removed', boardId, participantId });
      },
      officerRemoved(boardId, accountId) {
        local.officerRemoved(boardId, accountId);
        publish({ kind: 'officer-removed', boardId, accountId });
      },
    },
    async close() {
      await redis.subscriber.unsubscribe(ACCESS_CHANNEL).catch(() => undefined);
    },
  };
}

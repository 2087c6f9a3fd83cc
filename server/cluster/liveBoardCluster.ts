/**
 * What an instance needs to serve live boards together with other instances (issue 11,
 * docs/adr/0006-live-boards-across-instances.md): the document bus (one Redis Stream per board) and the
 * publisher leases (one wall writer per board). Made once per instance when `REDIS_URL` is set.
 */
import type { Logger } from '../log.js';
import { DocumentBus, type BusCounters } from './documentBus.js';
import { PublisherLeases } from './publisherLease.js';
import type { RedisConnection } from './redisConnection.js';
import { REMOTE_PRESENCE_TIMES, type RemotePresenceTimes } from '../rooms/RemotePresence.js';

export interface LiveBoardCluster {
  readonly instanceId: string;
  readonly bus: DocumentBus;
  readonly leases: PublisherLeases;
  /** How often presence is sent again to the other instances, and when theirs expires here. */
  readonly presenceTimes: RemotePresenceTimes;
  close(): Promise<void>;
}

export async function startLiveBoardCluster(options: {
  redis: RedisConnection;
  instanceId: string;
  log: Logger;
  counters?: BusCounters;
  presenceTimes?: RemotePresenceTimes;
}): Promise<LiveBoardCluster> {
  const bus = await DocumentBus.start(options);
  const leases = new PublisherLeases(options.redis.commands, options.instanceId, options.log);
  return {
    instanceId: options.instanceId,
    bus,
    leases,
    presenceTimes: options.presenceTimes ?? REMOTE_PRESENCE_TIMES,
    async close() {
      leases.close();
      await bus.close();
    },
  };
}

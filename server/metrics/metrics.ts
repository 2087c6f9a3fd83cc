/**
 * Prometheus metrics (`GET /metrics`, text format), with `prom-client`. One registry per server (not the
 * library's global one), so several servers in one process (tests) never mix their numbers. Levels that
 * exist anyway (connections, loaded boards, the writer's backlog) are read at scrape time; events are
 * counted where they happen (refusals by rule).
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { BusCounters } from '../cluster/documentBus.js';
import type { RoomCounters } from '../rooms/BoardRoom.js';
import type { WriterStatus } from '../store/groupCommit.js';

export interface MetricSources {
  /** This instance's id (issue 11): the value its publisher leases hold in Redis. */
  instanceId?: string;
  connections(): number;
  boardsLoaded(): number;
  writer(): WriterStatus;
  /** Whether Redis answers (absent when this instance runs alone). */
  redisReady?: () => boolean;
  /** How many loaded boards this instance publishes (holds the lease of), when several instances serve them. */
  boardsPublishedHere?: () => number;
}

export interface ServerMetrics {
  readonly registry: Registry;
  /** A client's write or message was refused, by rule (close-code name or publisher rule). */
  countRefusal(rule: string): void;
  /** The document bus's counts (issue 11). */
  readonly bus: BusCounters;
  /** Document changes in and messages out, and the publisher's decisions. */
  readonly rooms: RoomCounters;
}

export function createMetrics(sources: MetricSources): ServerMetrics {
  const registry = new Registry();
  // Event-loop lag, heap, CPU and handles, as every Node service reports them.
  collectDefaultMetrics({ register: registry, prefix: 'oiw_' });
  new Gauge({
    name: 'oiw_connections',
    help: 'Open websocket connections (documents and socket.io) on this instance.',
    registers: [registry],
    collect() {
      this.set(sources.connections());
    },
  });
  new Gauge({
    name: 'oiw_boards_loaded',
    help: 'Boards held in memory on this instance.',
    registers: [registry],
    collect() {
      this.set(sources.boardsLoaded());
    },
  });
  new Gauge({
    name: 'oiw_store_backlog_updates',
    help: 'Accepted document updates waiting to be committed to the store.',
    registers: [registry],
    collect() {
      this.set(sources.writer().backlogUpdates);
    },
  });
  new Gauge({
    name: 'oiw_store_can_write',
    help: '1 while the store commits changes, 0 while it cannot (disk full, read-only, unreachable).',
    registers: [registry],
    collect() {
      this.set(sources.writer().canStore ? 1 : 0);
    },
  });
  const redisReady = sources.redisReady;
  if (redisReady) {
    new Gauge({
      name: 'oiw_redis_connected',
      help: '1 while Redis (shared by the instances) answers, 0 while it is away.',
      registers: [registry],
      collect() {
        this.set(redisReady() ? 1 : 0);
      },
    });
  }
  const refusals = new Counter({
    name: 'oiw_refused_total',
    help: 'Writes and messages refused, by rule.',
    labelNames: ['rule'],
    registers: [registry],
  });
  if (sources.instanceId) {
    // An "info" metric: scrapes (never public: deploy/nginx.conf) say which instance holds which lease.
    new Gauge({ name: 'oiw_instance_info', help: 'Always 1; its label is this instance\'s id.', labelNames: ['instance'], registers: [registry] }).set({ instance: sources.instanceId }, 1);
  }
  const publishedHere = sources.boardsPublishedHere;
  if (publishedHere) {
    new Gauge({
      name: 'oiw_boards_published_here',
      help: 'Loaded boards whose wall this instance writes (it holds their publisher lease).',
      registers: [registry],
      collect() {
        this.set(publishedHere());
      },
    });
  }
  return { registry, countRefusal: (rule) => refusals.inc({ rule: rule.slice(0, 64) }), bus: busCounters(registry), rooms: roomCounters(registry) };
}

/** Changes into the documents (by source), messages out to connections, and the publisher's decisions and lag. */
function roomCounters(registry: Registry): RoomCounters {
  const changesIn = new Counter({ name: 'oiw_document_updates_in_total', help: 'Document changes applied, by source (connection, server, bus).', labelNames: ['source'], registers: [registry] });
  const messagesOut = new Counter({ name: 'oiw_document_messages_out_total', help: 'Document messages sent to connections (one per connection).', registers: [registry] });
  const decisions = new Counter({ name: 'oiw_publisher_decisions_total', help: 'Authors decided by the wall publisher and written to the wall.', registers: [registry] });
  const lag = new Histogram({
    name: 'oiw_publisher_lag_seconds',
    help: 'From a draft change to the publisher writing its decision to the wall.',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return {
    documents: {
      changeIn: (source) => changesIn.inc({ source }),
      messagesOut: (count) => {
        if (count > 0) messagesOut.inc(count);
      },
    },
    decided: (people, waitedMs) => {
      decisions.inc(people);
      if (waitedMs !== null) lag.observe(waitedMs / 1000);
    },
  };
}

/** The document bus between instances: messages out and in, how late they arrive, what was dropped or missed. */
function busCounters(registry: Registry): BusCounters {
  const sent = new Counter({ name: 'oiw_bus_messages_sent_total', help: 'Messages this instance put on the boards\' streams.', registers: [registry] });
  const received = new Counter({ name: 'oiw_bus_messages_received_total', help: 'Messages from other instances read from the boards\' streams.', registers: [registry] });
  const lag = new Histogram({
    name: 'oiw_bus_lag_seconds',
    help: 'From a message being put on a board\'s stream to this instance reading it.',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const dropped = new Counter({ name: 'oiw_bus_dropped_total', help: 'Messages dropped from the boards\' streams, by reason.', labelNames: ['reason'], registers: [registry] });
  const gaps = new Counter({ name: 'oiw_bus_catch_ups_total', help: 'Times a board was read again from the store because messages may have been missed.', registers: [registry] });
  return {
    sent: () => sent.inc(),
    received: (lagMs) => {
      received.inc();
      lag.observe(lagMs / 1000);
    },
    dropped: (reason) => dropped.inc({ reason: reason.slice(0, 32) }),
    gap: () => gaps.inc(),
  };
}

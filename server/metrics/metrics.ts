/**
 * Prometheus metrics (`GET /metrics`, text format), with `prom-client`. One registry per server (not the
 * library's global one), so several servers in one process (tests) never mix their numbers. Levels that
 * exist anyway (connections, loaded boards, the writer's backlog) are read at scrape time; events are
 * counted where they happen (refusals by rule).
 */
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { WriterStatus } from '../store/groupCommit.js';

export interface MetricSources {
  connections(): number;
  boardsLoaded(): number;
  writer(): WriterStatus;
  /** Whether Redis answers (absent when this instance runs alone). */
  redisReady?: () => boolean;
}

export interface ServerMetrics {
  readonly registry: Registry;
  /** A client's write or message was refused, by rule (close-code name or publisher rule). */
  countRefusal(rule: string): void;
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
  return {
    registry,
    countRefusal: (rule) => refusals.inc({ rule: rule.slice(0, 64) }),
  };
}

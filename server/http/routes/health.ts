import { Router } from 'express';
import type { GroupCommitWriter, WriterStatus } from '../../store/groupCommit.js';
import { describeStoreError } from '../../store/storeErrors.js';
import type { HealthPort } from '../../store/store.js';

export interface ReadinessSources {
  store: HealthPort;
  /** The document writer: its state says whether changes are being stored. */
  writer: GroupCommitWriter | null;
  /** True once a graceful shutdown began: the load balancer should send new traffic elsewhere. */
  isShuttingDown: () => boolean;
  now: () => number;
  /** Whether Redis (shared by the instances) answers; absent when this instance runs alone. */
  isRedisReady?: () => boolean;
}

/** Least time between two write probes, in ms: a busy load balancer does not cost a commit per check. */
const PROBE_EVERY_MS = 1_000;

/** What /readyz answers: `ready`, or why not in one line an operator can act on. */
export interface Readiness {
  status: 'ready' | 'shutting-down' | 'store-unreachable' | 'store-cannot-write' | 'store-backlog-full';
  reason?: string;
  backlogUpdates?: number;
  /**
   * Set while Redis is unreachable: this instance keeps serving its own people (it stays ready, so a load
   * balancer does not take every instance out at once), but changes between instances wait until it is back.
   */
  degraded?: 'redis-unreachable';
}

/**
 * `/healthz`: the process answers. `/readyz`: the store answers AND can write now (the writer's last
 * commit worked and a tiny write commits), so a load balancer sends traffic only where changes are saved.
 */
export function healthRoutes(sources: ReadinessSources): Router {
  const router = Router();
  const check = readinessCheck(sources);
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const checked = await check();
    const readiness: Readiness = sources.isRedisReady && !sources.isRedisReady() ? { ...checked, degraded: 'redis-unreachable' } : checked;
    res.status(readiness.status === 'ready' ? 200 : 503).json(readiness);
  });
  return router;
}

function readinessCheck(sources: ReadinessSources): () => Promise<Readiness> {
  let lastProbe: { at: number; result: Promise<WriterStatus | string | null> } | null = null;
  /** A WriterStatus (with a writer), or the failure in one line / null (store only). */
  const probe = (): Promise<WriterStatus | string | null> => {
    const now = sources.now();
    if (lastProbe && now - lastProbe.at < PROBE_EVERY_MS) return lastProbe.result;
    const result = sources.writer
      ? sources.writer.probe(now)
      : sources.store.probeWrite(now).then(
          () => null,
          (error: unknown) => describeStoreError(error),
        );
    lastProbe = { at: now, result };
    return result;
  };
  return async () => {
    if (sources.isShuttingDown()) return { status: 'shutting-down' };
    if (!(await sources.store.isReachable())) return { status: 'store-unreachable' };
    const probed = await probe();
    if (typeof probed === 'string') return { status: 'store-cannot-write', reason: probed };
    if (probed === null) return { status: 'ready' };
    // The writer's own state counts even when the tiny probe got through (a nearly full disk).
    const status = sources.writer?.status() ?? probed;
    if (!status.canStore) return { status: 'store-cannot-write', reason: status.reason ?? 'store writes are failing', backlogUpdates: status.backlogUpdates };
    if (status.isFull) return { status: 'store-backlog-full', backlogUpdates: status.backlogUpdates };
    return { status: 'ready' };
  };
}

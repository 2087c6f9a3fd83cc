import { Router } from 'express';
import type { Store } from '../../store/store.js';

/** `/healthz`: the process answers. `/readyz`: the store answers too (a load balancer sends traffic only then). */
export function healthRoutes(store: Store): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const isReady = await store.isReachable();
    res.status(isReady ? 200 : 503).json({ status: isReady ? 'ready' : 'store-unreachable' });
  });
  return router;
}

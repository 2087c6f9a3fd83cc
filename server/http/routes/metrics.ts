import { Router } from 'express';
import type { Registry } from 'prom-client';

/**
 * `GET /metrics` for Prometheus. Served on the app's port for simple set-ups; `deploy/nginx.conf` keeps it
 * off the public side (scrape the instances directly).
 */
export function metricsRoute(registry: Registry): Router {
  const router = Router();
  router.get('/metrics', async (_req, res) => {
    res.set('Content-Type', registry.contentType).set('Cache-Control', 'no-store');
    res.send(await registry.metrics());
  });
  return router;
}

import cookieParser from 'cookie-parser';
import type { Registry } from 'prom-client';
import express, { type Express } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pinoHttp } from 'pino-http';
import { MAX_JSON_BODY_BYTES } from '../shared/limits.js';
import { serveClient } from './http/clientFiles.js';
import { csrfProtection } from './http/middleware/csrf.js';
import { apiNotFound, errorResponder } from './http/middleware/errors.js';
import { createRateLimits } from './http/middleware/rateLimits.js';
import { securityHeaders } from './http/middleware/securityHeaders.js';
import { refuseWritesWhileStoreFails } from './http/middleware/storeWrites.js';
import { loadSession } from './http/middleware/session.js';
import { accountRoutes } from './http/routes/accounts.js';
import { boardRoutes } from './http/routes/boards.js';
import type { RouteDeps } from './http/routes/deps.js';
import { healthRoutes, type ReadinessSources } from './http/routes/health.js';
import { metricsRoute } from './http/routes/metrics.js';
import { inviteLinkRoutes } from './http/routes/inviteLinks.js';
import { roomInviteRoutes } from './http/routes/roomInvite.js';
import { boardSummaryRoutes } from './http/routes/boardSummary.js';
import { joinRoutes } from './http/routes/join.js';
import { officerRoutes } from './http/routes/officers.js';
import { officerInvitationRoutes } from './http/routes/officerInvitations.js';
import { participantRoutes } from './http/routes/participants.js';
import { confidentialNoteRoutes } from './http/routes/confidentialNotes.js';
import { sealedNoteRoutes } from './http/routes/sealedNotes.js';
import { fairnessRoutes } from './http/routes/fairness.js';
import { moderationRoutes } from './http/routes/moderation.js';
import { exportRoutes } from './http/routes/exports.js';
import { recordLogRoutes } from './http/routes/recordLog.js';
import { boardSnapshotRoutes } from './http/routes/boardSnapshot.js';
import { publicPageRoutes } from './http/routes/publicPages.js';
import { pathForLog } from './log.js';
import type { RedisConnection } from './cluster/redisConnection.js';

export interface AppOptions extends Omit<RouteDeps, 'rateLimits'> {
  /** Folder of the built client (dist/client); null serves the API only (tests of the API, `npm run dev`). */
  clientDir: string | null;
  /** What /readyz also checks: the document writer's state and a shutdown in progress. */
  readiness?: Pick<ReadinessSources, 'writer' | 'isShuttingDown' | 'isRedisReady'>;
  /** Served at /metrics when given (the running server always gives it). */
  metricsRegistry?: Registry;
  /** Redis shared by the instances (REDIS_URL): rate-limit counters live there. */
  redis?: RedisConnection | null;
}

/** The express app: middleware, routes and the built client. No listen(), no globals. */
export function createApp(options: AppOptions): Express {
  const deps: RouteDeps = { ...options, rateLimits: createRateLimits(options.redis ?? null, options.log) };
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.config.trustProxy);
  app.use(securityHeaders(options.config.isProduction));
  app.use(healthRoutes({ store: options.store, now: options.now, writer: null, isShuttingDown: () => false, ...options.readiness }));
  if (options.metricsRegistry) app.use(metricsRoute(options.metricsRegistry));

  const api = express.Router();
  api.use(
    pinoHttp({
      logger: options.log,
      autoLogging: { ignore: (req) => req.method === 'GET' },
      // Only what an operator needs: never cookies, tokens or bodies.
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, url: pathForLog(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  api.use(express.json({ limit: MAX_JSON_BODY_BYTES, strict: true, type: ['application/json', 'application/*+json'] }));
  api.use(cookieParser(options.config.sessionSecret));
  api.use(loadSession(options.sessions));
  api.use(csrfProtection(options.config.publicOrigin));
  if (options.readiness?.writer) api.use(refuseWritesWhileStoreFails(options.readiness.writer, options.now));
  api.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  api.use(accountRoutes(deps));
  api.use(boardRoutes(deps));
  api.use(officerRoutes(deps));
  api.use(officerInvitationRoutes(deps));
  api.use(inviteLinkRoutes(deps));
  api.use(roomInviteRoutes(deps));
  api.use(boardSummaryRoutes(deps));
  api.use(joinRoutes(deps));
  api.use(participantRoutes(deps));
  api.use(confidentialNoteRoutes(deps));
  api.use(sealedNoteRoutes(deps));
  api.use(fairnessRoutes(deps));
  api.use(moderationRoutes(deps));
  api.use(exportRoutes(deps));
  api.use(recordLogRoutes(deps));
  api.use(boardSnapshotRoutes(deps));
  api.use(apiNotFound);
  app.use('/api', api);
  app.use('/api', errorResponder(options.log));

  // Public pages (issue 13): published records, the pipeline, how to take part, check a record. No session.
  app.use(publicPageRoutes({ config: options.config, store: options.store, log: options.log, now: options.now }));

  if (options.clientDir && existsSync(path.join(options.clientDir, 'index.html'))) {
    serveClient(app, options.clientDir);
  }
  return app;
}

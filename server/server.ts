import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_CONNECTIONS_PER_SESSION } from '../shared/limits.js';
import { CLOSE_CODES } from '../shared/protocol/closeCodes.js';
import { createApp } from './app.js';
import { createSessions } from './auth/sessions.js';
import type { Config } from './config.js';
import type { AccessEvents, BoardActivity, LiveDocuments, ModerationActions } from './http/routes/deps.js';
import { countStoredIdeas } from './http/routes/boardSummary.js';
import type { Logger } from './log.js';
import { hideEverythingOf } from './moderation/moderateItems.js';
import { attachSocketServer, type RealtimeServer } from './realtime/socketServer.js';
import { BoardEvents } from './rooms/BoardEvents.js';
import { ConnectionRegistry } from './rooms/ConnectionRegistry.js';
import type { PresenceIdentity } from './rooms/Presence.js';
import { createRefusalAudit, type RefusalAudit } from './rooms/refusalAudit.js';
import { hiddenNotesFromModeration } from './export/readers/hiddenNotes.js';
import { createMetrics, type ServerMetrics } from './metrics/metrics.js';
import { measuredStore } from './metrics/measuredStore.js';
import { Rooms } from './rooms/Rooms.js';
import { SHUTDOWN_MAX_MS } from '../shared/limits.js';
import { GroupCommitWriter, type WriterLimits } from './store/groupCommit.js';
import { ConnectionGate, withDeadline } from './shutdown.js';
import type { Store } from './store/store.js';
import { attachYjsEndpoint } from './yjs/upgrade.js';
import { Scheduler } from './schedule/Scheduler.js';
import { createWorkshopEvents } from './schedule/workshopEvents.js';
import { publishBoardRecord } from './published/publishBoard.js';
import type { WebSocketServer } from 'ws';
import { createAccessBus, type LocalAccess } from './cluster/accessBus.js';
import { newInstanceId } from './cluster/instanceId.js';
import type { RedisConnection } from './cluster/redisConnection.js';
import { revalidateSessions } from './cluster/revalidateSessions.js';
import { startLiveBoardCluster } from './cluster/liveBoardCluster.js';
import type { RemotePresenceTimes } from './rooms/RemotePresence.js';

export interface RunningServer {
  httpServer: Server;
  /** The address it listens on, e.g. http://127.0.0.1:41234 */
  url: string;
  rooms: Rooms;
  writer: GroupCommitWriter;
  /** Every live connection, by board and session (to end them, or count them). */
  registry: ConnectionRegistry;
  /**
   * Stops accepting (new requests and websockets are refused first), tells clients the server is going
   * away, publishes pending decisions, stores everything, and closes: within `shutdownMaxMs` whatever
   * clients or the store do. Resolves true when everything accepted was stored.
   */
  close(): Promise<boolean>;
}

export interface ServerDeps {
  config: Config;
  store: Store;
  log: Logger;
  clientDir: string | null;
  now?: () => number;
  /** How long a board with no connections stays loaded, in ms (default: Rooms' own). */
  unloadAfterIdleMs?: number;
  /** Bounds of the writer's backlog and batches (tests make them small). */
  writerLimits?: Partial<WriterLimits>;
  /** Longest a shutdown may take, in ms (default SHUTDOWN_MAX_MS). */
  shutdownMaxMs?: number;
  /** Redis shared with the other instances (REDIS_URL), connected; the caller closes it after `close()`. */
  redis?: RedisConnection | null;
  /** With Redis: how often presence is sent again to the other instances, and when theirs expires (tests make them short). */
  presenceTimes?: RemotePresenceTimes;
}

/** Wires the app, the realtime endpoints and the store together and starts listening. */
export async function startServer(deps: ServerDeps): Promise<RunningServer> {
  const { config, log } = deps;
  const now = deps.now ?? Date.now;
  const registry = new ConnectionRegistry({ perSession: MAX_CONNECTIONS_PER_SESSION, total: config.maxConnections });
  // Read at scrape time, after everything below exists.
  // This process's name among the instances: on the boards' streams, in the publisher leases, in /metrics.
  const instanceId = newInstanceId();
  const metrics = createMetrics({
    instanceId,
    connections: () => registry.size,
    boardsLoaded: () => rooms.loadedCount,
    writer: () => writer.status(),
    redisReady: deps.redis ? () => deps.redis?.isReady() ?? false : undefined,
    boardsPublishedHere: deps.redis ? () => rooms.publishedHereCount : undefined,
  });
  // Every store call below is timed and its failures counted (oiw_store_call_seconds, oiw_store_errors_total).
  const store = measuredStore(deps.store, metrics.registry);
  // Ending a session (sign-out, a new sign-in) closes every socket it opened, on every tab and board —
  // and, through Redis, on every instance (`access` is set below, before anything can end a session).
  let access: LocalAccess | null = null;
  const sessions = createSessions(store, now, (tokenHash) => access?.sessionEnded(tokenHash));
  const writer = new GroupCommitWriter(store, log, deps.writerLimits);
  const audit = countedAudit(createRefusalAudit(store, log, now), metrics);
  let io: RealtimeServer | null = null;
  // What happens on boards, heard by the socket.io connections once they exist (attachSocketServer listens).
  const boardEvents = new BoardEvents(log);
  let scheduler: Scheduler | null = null;
  const workshop = createWorkshopEvents({
    store,
    log,
    now,
    registry,
    tellBoard: (boardId, payload) => boardEvents.emit('phaseChanged', { boardId, payload }),
    scheduler: () => scheduler,
    published: (boardId) => {
      publishBoardRecord({ rooms, store, log, now }, boardId).catch((error: unknown) => log.error({ err: error, boardId }, 'could not make the published record'));
    },
  });
  // Several instances (issue 11): live boards travel between them on Redis Streams, one publisher per board.
  const cluster = deps.redis ? await startLiveBoardCluster({ redis: deps.redis, instanceId, log, counters: metrics.bus, presenceTimes: deps.presenceTimes }) : null;
  const rooms = new Rooms(
    {
      store,
      cluster,
      counters: metrics.rooms,
      writer,
      log,
      identityOf: (personId) => identityOf(store, personId),
      audit,
      workshop,
      notices: {
        noteStatusChanged: (boardId, personId, report) => boardEvents.emit('noteStatus', { boardId, personId, report }),
      },
    },
    log,
    deps.unloadAfterIdleMs,
  );
  const localAccess: LocalAccess = {
    sessionEnded(tokenHash) {
      registry.endSession(tokenHash, CLOSE_CODES.unauthenticated.code, 'you signed out or your session ended; sign in again');
    },
    boardStatusChanged(boardId) {
      // Reconnecting clients get the board's new rights (an archived board is read-only).
      // Document connections reconnect and get the board's new rights (an archived board is read-only);
      // the session-event channel stays open to carry the notice.
      registry.endWhere(boardId, (connection) => connection.kind === 'yjs', CLOSE_CODES.outOfSync.code, 'board status changed; reconnect');
      boardEvents.emit('boardStatusChanged', { boardId });
    },
    inviteLinkRevoked(boardId, linkId) {
      registry.endWhere(boardId, (connection) => connection.inviteLinkId === linkId, CLOSE_CODES.removed.code, 'your invitation was withdrawn');
    },
    participantRemoved(boardId, participantId) {
      registry.endPerson(boardId, participantId, CLOSE_CODES.removed.code, 'you were removed from this board');
      void rooms.loaded(boardId).then((room) => room?.presence.removePerson(participantId));
    },
    officerRemoved(boardId, accountId) {
      // Only this board's connections: the account stays an officer of its other boards.
      registry.endPerson(boardId, accountId, CLOSE_CODES.removed.code, 'you are no longer an officer of this board');
      void rooms.loaded(boardId).then((room) => room?.presence.removePerson(accountId));
    },
  };
  const redis = deps.redis ?? null;
  const accessBus = redis
    ? await createAccessBus({
        redis,
        instanceId,
        local: localAccess,
        log,
        onReconnected: () => void revalidateSessions({ registry, store, log, now }),
      })
    : null;
  access = accessBus?.events ?? localAccess;
  const accessEvents: AccessEvents = access;
  const liveDocuments: LiveDocuments = {
    async storedContentOf(boardId, documentName) {
      const room = await rooms.loaded(boardId);
      if (!room || room.isDestroyed) return null;
      return room.documents.find((document) => document.name === documentName)?.storedContent() ?? null;
    },
  };
  // The dashboard's live counts (issue 14): presence of a loaded board only; a board nobody uses is not loaded.
  const boardActivity: BoardActivity = {
    async peopleNow(boardId) {
      const room = await rooms.loaded(boardId);
      return room && !room.isDestroyed ? room.presence.peopleCount : 0;
    },
    ideasOnWall: (boardId) => countStoredIdeas({ store, log, liveDocuments }, boardId),
  };
  const moderation: ModerationActions = {
    async hideEverythingOf(boardId, personId, officerId, why) {
      const outcome = await rooms.withRoom(boardId, (room) => hideEverythingOf(room, store, { boardId, officerId, now: now() }, personId, why));
      return outcome.ok ? outcome.changed : 0;
    },
  };
  let gate: ConnectionGate | null = null;
  const readiness = { writer, isShuttingDown: () => gate?.isShuttingDown ?? false, ...(redis ? { isRedisReady: () => redis.isReady() } : {}) };
  const app = createApp({
    config,
    store,
    log,
    clientDir: deps.clientDir,
    sessions,
    accessEvents,
    now,
    readiness,
    liveDocuments,
    boardActivity,
    metricsRegistry: metrics.registry,
    moderation,
    rooms,
    hiddenNotes: hiddenNotesFromModeration((boardId) => store.listHiddenItems(boardId)),
    redis,
  });
  const httpServer = createHttpServer();
  gate = new ConnectionGate(httpServer);
  httpServer.on('request', gate.handler(app));
  // Slow-loris and header-flood bounds: a request must arrive whole, with a sane number of headers.
  httpServer.headersTimeout = 20_000;
  httpServer.requestTimeout = 60_000;
  httpServer.maxHeadersCount = 100;
  // A phone reads the join notice and types for longer than Node's default 5 s: keep its connection, so
  // pressing Join and opening the wall do not each start with a new TCP handshake on a slow venue link.
  // (Below headersTimeout, which bounds how long an idle-then-slow request may take to arrive.)
  httpServer.keepAliveTimeout = 15_000;
  const realtimeDeps = { httpServer, sessions, store, rooms, registry, audit, sessionSecret: config.sessionSecret, log, publicOrigin: config.publicOrigin, boardEvents, redis };
  io = attachSocketServer(realtimeDeps);
  const wss = attachYjsEndpoint({ ...realtimeDeps, isCompressionEnabled: config.wsCompression });
  tellClientsWhetherChangesAreStored(io, writer, log);
  // Phases change on time with nobody connected; times that passed while the server was down fire now.
  const boardScheduler = new Scheduler({ rooms, store, log, now });
  scheduler = boardScheduler;
  await boardScheduler.start();

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const address = httpServer.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;
  let closing: Promise<boolean> | null = null;
  return {
    httpServer,
    url,
    rooms,
    writer,
    registry,
    close: () => {
      boardScheduler.stop();
      void accessBus?.close();
      closing ??= shutDown({ gate: gate!, wss, io: io!, rooms, writer, log, maxMs: deps.shutdownMaxMs ?? SHUTDOWN_MAX_MS }) // reason: both set above
        // Boards were unloaded (their leases given back) by the shutdown: the bus can stop now.
        .finally(() => cluster?.close());
      return closing;
    },
  };
}

/**
 * The order matters: refuse new connections first (so nothing new arrives), tell clients to go, publish
 * and store what was accepted, then end whatever is still open. Every wait has a deadline.
 */
async function shutDown(parts: {
  gate: ConnectionGate;
  wss: WebSocketServer;
  io: RealtimeServer;
  rooms: Rooms;
  writer: GroupCommitWriter;
  log: Logger;
  maxMs: number;
}): Promise<boolean> {
  const { gate, wss, io, rooms, writer, log, maxMs } = parts;
  const deadline = Date.now() + maxMs;
  const closed = gate.begin();
  for (const client of wss.clients) client.close(1001, 'server going away');
  // socket.io's own close also closes the HTTP server, already closing: its callback may carry that error.
  const ioClosed = new Promise<void>((resolve) => io.close(() => resolve()));
  // Most of the time goes to storing; a little is kept to end the connections.
  const isStored = await rooms.closeAll(Math.max(0, deadline - Date.now() - maxMs / 10));
  if (!isStored) {
    const { backlogUpdates, reason } = writer.status();
    log.error({ backlogUpdates, reason }, 'ALERT: shutting down with changes the store could not take; they are lost unless clients send them again');
  }
  gate.destroyAll(wss);
  await withDeadline(Promise.all([closed, ioClosed]), deadline - Date.now(), undefined);
  return isStored;
}

/** Clients show "Not saved" while the store cannot write: told when it changes, and on connect. */
function tellClientsWhetherChangesAreStored(io: RealtimeServer, writer: GroupCommitWriter, log: Logger): void {
  let canStore = true;
  writer.onStatusChange((status) => {
    if (status.canStore === canStore) return;
    canStore = status.canStore;
    if (canStore) log.info('the store can write again; clients are told their changes are saved');
    else log.error({ reason: status.reason }, 'ALERT: the store cannot write; clients are told their changes are not saved');
    // Local: this is this instance's own writer; the others tell their sockets about theirs.
    io.local.emit('store-status', { canStore });
  });
  io.on('connection', (socket) => {
    if (!canStore) socket.emit('store-status', { canStore: false });
  });
}

async function identityOf(store: Store, personId: string): Promise<PresenceIdentity | null> {
  const participant = await store.findParticipant(personId);
  if (participant) {
    return { personId, name: participant.name, organisation: participant.organisation, role: participant.role };
  }
  const account = await store.findAccountById(personId);
  return account ? { personId, name: account.name, organisation: 'Council officer', role: 'officer' } : null;
}

/** Every refusal is also counted in the metrics, by rule. */
function countedAudit(audit: RefusalAudit, metrics: ServerMetrics): RefusalAudit {
  return {
    record(refusal) {
      metrics.countRefusal(refusal.rule);
      audit.record(refusal);
    },
  };
}

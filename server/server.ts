import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CLOSE_CODES } from '../shared/protocol/closeCodes.js';
import { createApp } from './app.js';
import { createSessions } from './auth/sessions.js';
import type { Config } from './config.js';
import type { AccessEvents, LiveDocuments } from './http/routes/deps.js';
import type { Logger } from './log.js';
import { attachSocketServer, boardRoom, sendNoteStatus, type RealtimeServer } from './realtime/socketServer.js';
import { ConnectionRegistry } from './rooms/ConnectionRegistry.js';
import type { PresenceIdentity } from './rooms/Presence.js';
import { createRefusalAudit } from './rooms/refusalAudit.js';
import { Rooms } from './rooms/Rooms.js';
import { GroupCommitWriter } from './store/groupCommit.js';
import type { Store } from './store/store.js';
import { attachYjsEndpoint } from './yjs/upgrade.js';

export interface RunningServer {
  httpServer: Server;
  /** The address it listens on, e.g. http://127.0.0.1:41234 */
  url: string;
  rooms: Rooms;
  writer: GroupCommitWriter;
  /** Stops accepting, tells clients the server is going away, stores everything, and closes. */
  close(): Promise<void>;
}

export interface ServerDeps {
  config: Config;
  store: Store;
  log: Logger;
  clientDir: string | null;
  now?: () => number;
}

/** Wires the app, the realtime endpoints and the store together and starts listening. */
export async function startServer(deps: ServerDeps): Promise<RunningServer> {
  const { config, store, log } = deps;
  const now = deps.now ?? Date.now;
  const sessions = createSessions(store, now);
  const registry = new ConnectionRegistry();
  const writer = new GroupCommitWriter(store, log);
  const audit = createRefusalAudit(store, log, now);
  let io: RealtimeServer | null = null;
  const rooms = new Rooms(
    {
      store,
      writer,
      log,
      identityOf: (personId) => identityOf(store, personId),
      audit,
      notices: {
        noteStatusChanged: (boardId, personId, report) => {
          if (io) sendNoteStatus(io, boardId, personId, report);
        },
      },
    },
    log,
  );
  const accessEvents: AccessEvents = {
    boardStatusChanged(boardId) {
      // Reconnecting clients get the board's new rights (an archived board is read-only).
      // Document connections reconnect and get the board's new rights (an archived board is read-only);
      // the session-event channel stays open to carry the notice.
      registry.endWhere(boardId, (connection) => connection.kind === 'yjs', CLOSE_CODES.outOfSync.code, 'board status changed; reconnect');
      io?.to(boardRoom(boardId)).emit('board-status-changed', {});
    },
    inviteLinkRevoked(boardId, linkId) {
      registry.endWhere(boardId, (connection) => connection.inviteLinkId === linkId, CLOSE_CODES.removed.code, 'your invitation was withdrawn');
    },
    participantRemoved(boardId, participantId) {
      registry.endWhere(boardId, (connection) => connection.personId === participantId, CLOSE_CODES.removed.code, 'you were removed from this board');
      void rooms.loaded(boardId).then((room) => room?.presence.removePerson(participantId));
    },
  };
  const liveDocuments: LiveDocuments = {
    async storedContentOf(boardId, documentName) {
      const room = await rooms.loaded(boardId);
      if (!room || room.isDestroyed) return null;
      return room.documents.find((document) => document.name === documentName)?.storedContent() ?? null;
    },
  };
  const app = createApp({ config, store, log, clientDir: deps.clientDir, sessions, accessEvents, now, liveDocuments });
  const httpServer = createHttpServer(app);
  // Slow-loris and header-flood bounds: a request must arrive whole, with a sane number of headers.
  httpServer.headersTimeout = 20_000;
  httpServer.requestTimeout = 60_000;
  httpServer.maxHeadersCount = 100;
  const realtimeDeps = { httpServer, sessions, store, rooms, registry, audit, sessionSecret: config.sessionSecret, log };
  io = attachSocketServer(realtimeDeps);
  const wss = attachYjsEndpoint(realtimeDeps);

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const address = httpServer.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;
  return {
    httpServer,
    url,
    rooms,
    writer,
    async close() {
      await rooms.closeAll();
      for (const client of wss.clients) client.close(1001, 'server going away');
      await new Promise<void>((resolve) => io?.close(() => resolve()) ?? resolve());
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}

async function identityOf(store: Store, personId: string): Promise<PresenceIdentity | null> {
  const participant = await store.findParticipant(personId);
  if (participant) {
    return { personId, name: participant.name, organisation: participant.organisation, role: participant.role };
  }
  const account = await store.findAccountById(personId);
  return account ? { personId, name: account.name, organisation: 'Council officer', role: 'officer' } : null;
}

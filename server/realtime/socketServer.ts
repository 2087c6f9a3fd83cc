import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { isWellFormedId } from '../../shared/ids.js';
import { CLOSE_CODES } from '../../shared/protocol/closeCodes.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/socketEvents.js';
import type { Sessions, Viewer } from '../auth/sessions.js';
import { isSameOrigin } from '../http/middleware/csrf.js';
import type { Logger } from '../log.js';
import type { ConnectionRegistry, LiveConnection } from '../rooms/ConnectionRegistry.js';
import type { Rooms } from '../rooms/Rooms.js';
import type { NoteStatusReport } from '../rooms/WallPublisher.js';
import type { Store } from '../store/store.js';
import { viewerFromHandshake } from '../yjs/viewerFromHandshake.js';

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

interface SocketData {
  boardId: string;
  personId: string;
  viewer: Viewer;
}

/** Largest socket.io message we read, in bytes: our events are small JSON objects. */
const MAX_SOCKET_MESSAGE_BYTES = 16 * 1024;

export interface SocketServerDeps {
  httpServer: HttpServer;
  sessions: Sessions;
  store: Store;
  rooms: Rooms;
  registry: ConnectionRegistry;
  sessionSecret: string;
  /** PUBLIC_URL's origin when set: the Origin check compares with it (see isSameOrigin). */
  publicOrigin?: string | null;
  log: Logger;
}

export const personRoom = (boardId: string, personId: string) => `person:${boardId}:${personId}`;
export const boardRoom = (boardId: string) => `board:${boardId}`;

/**
 * socket.io for session events that are not document state: a note not published and why, removal from
 * the board, the board archived. Websocket transport only (no sticky sessions needed behind a balancer),
 * same-origin only, authenticated by the session cookie and scoped to one board given at connect.
 */
export function attachSocketServer(deps: SocketServerDeps): RealtimeServer {
  const io: RealtimeServer = new Server(deps.httpServer, {
    path: '/socket.io',
    transports: ['websocket'],
    serveClient: false,
    // Leave upgrades for other paths (our /yjs endpoint) alone instead of destroying them.
    destroyUpgrade: false,
    maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
    allowRequest: (req, callback) => callback(null, isSameOrigin(req, deps.publicOrigin)),
  });
  io.use((socket, next) => {
    authenticate(deps, socket).then(
      () => next(),
      (error: unknown) => next(error instanceof Error ? error : new Error('unauthenticated')),
    );
  });
  io.on('connection', (socket) => onConnection(deps, socket));
  return io;
}

async function authenticate(deps: SocketServerDeps, socket: Socket): Promise<void> {
  const viewer = await viewerFromHandshake(socket.request.headers, deps.sessions, deps.sessionSecret);
  if (!viewer) throw new Error('unauthenticated');
  const boardId: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.boardId;
  if (!isWellFormedId(boardId)) throw new Error('unknown-board');
  const isOnBoard =
    viewer.kind === 'officer'
      ? await deps.store.isBoardOfficer(boardId, viewer.account.id)
      : viewer.participant.boardId === boardId;
  if (!isOnBoard) throw new Error('unknown-board');
  const data = socket.data as SocketData;
  data.boardId = boardId;
  data.personId = viewer.kind === 'officer' ? viewer.account.id : viewer.participant.id;
  data.viewer = viewer;
}

function onConnection(deps: SocketServerDeps, socket: Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>): void {
  const { boardId, personId, viewer } = socket.data;
  void socket.join([boardRoom(boardId), personRoom(boardId, personId)]);
  const live: LiveConnection = {
    kind: 'events',
    boardId,
    personId,
    inviteLinkId: viewer.kind === 'officer' ? null : viewer.participant.inviteLinkId,
    end(code, reason) {
      if (code === CLOSE_CODES.removed.code) socket.emit('participant-removed', { reason });
      socket.disconnect(true);
    },
  };
  deps.registry.add(live);
  socket.on('disconnect', () => deps.registry.remove(live));
  // Anything the client sends that we do not know is ignored; every known event validates its payload.
  socket.onAny((event: unknown) => {
    deps.log.info({ boardId, personId, event: typeof event === 'string' ? event.slice(0, 40) : typeof event }, 'unknown socket.io event ignored');
  });
  void deps.rooms.loaded(boardId).then((room) => {
    if (room && socket.connected) socket.emit('note-status', room.publisher.reportFor(personId));
  });
}

/** Sends an author the state of their notes that are not on the wall. */
export function sendNoteStatus(io: RealtimeServer, boardId: string, personId: string, report: NoteStatusReport): void {
  io.to(personRoom(boardId, personId)).emit('note-status', report);
}

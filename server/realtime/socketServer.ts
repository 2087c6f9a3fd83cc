import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { isWellFormedId } from '../../shared/ids.js';
import { ERROR_CODES } from '../../shared/protocol/api.js';
import { CLOSE_CODES } from '../../shared/protocol/closeCodes.js';
import {
  CLIENT_PAYLOAD_SCHEMAS,
  OUTDATED_CLIENT,
  PROTOCOL_VERSION,
  type Ack,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../../shared/protocol/socketEvents.js';
import { atExpiry } from '../auth/expiryTimer.js';
import type { Sessions, SessionViewer } from '../auth/sessions.js';
import { isSameOrigin } from '../http/middleware/csrf.js';
import { createSocketAdapter } from '../cluster/socketAdapter.js';
import type { RedisConnection } from '../cluster/redisConnection.js';
import type { Logger } from '../log.js';
import type { BoardEvents } from '../rooms/BoardEvents.js';
import type { ConnectionRegistry, LiveConnection } from '../rooms/ConnectionRegistry.js';
import type { Rooms } from '../rooms/Rooms.js';
import type { NoteStatusReport } from '../rooms/WallPublisher.js';
import type { Store } from '../store/store.js';
import { viewerFromHandshake } from '../yjs/viewerFromHandshake.js';
import { BadEventGuard } from './badEventGuard.js';
import { attachCommands, COMMAND_EVENTS } from './commands/attachCommands.js';

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

interface SocketData {
  boardId: string;
  personId: string;
  viewer: SessionViewer;
  /** Its place in the connection registry, taken at the handshake (counted against the caps from then on). */
  live: LiveConnection;
}

/** Largest socket.io message we read, in bytes: our events are small JSON objects. */
const MAX_SOCKET_MESSAGE_BYTES = 16 * 1024;

/** The `connect_error` messages a client can get, besides network failures. */
export const SOCKET_REFUSALS = {
  unauthenticated: 'unauthenticated',
  unknownBoard: 'unknown-board',
  /** The session holds MAX_CONNECTIONS_PER_SESSION connections already. */
  tooManyConnections: CLOSE_CODES.tooManyConnections.name,
  /** The server holds its configured most connections. */
  serverBusy: CLOSE_CODES.serverBusy.name,
} as const;

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
  /** What happens on boards: relayed to the board's (or the author's) connections. */
  boardEvents?: BoardEvents;
  /** Redis shared with the other instances: rooms then span every instance (see cluster/socketAdapter.ts). */
  redis?: RedisConnection | null;
}

export const personRoom = (boardId: string, personId: string) => `person:${boardId}:${personId}`;
export const boardRoom = (boardId: string) => `board:${boardId}`;

/**
 * socket.io for session events that are not document state: a note not published and why, removal from
 * the board, the board archived, the session ended. Websocket transport only (no sticky sessions needed
 * behind a balancer), same-origin only, authenticated by the session cookie and scoped to one board given
 * at connect; counted against the per-session and global connection caps. With Redis, an emit to a room
 * reaches its sockets on every instance; `io.local` keeps one to this instance's own.
 */
export function attachSocketServer(deps: SocketServerDeps): RealtimeServer {
  const clustered = deps.redis ? createSocketAdapter(deps.redis) : null;
  const io: RealtimeServer = new Server(deps.httpServer, {
    ...(clustered ? { adapter: clustered.adapter } : {}),
    path: '/socket.io',
    // Never long-polling: its requests would have to come back to the same instance (sticky sessions).
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
      (error: unknown) => next(error instanceof Error ? error : new Error(SOCKET_REFUSALS.unauthenticated)),
    );
  });
  io.on('connection', (socket) => onConnection(deps, socket));
  if (deps.boardEvents) relayBoardEvents(io, deps.boardEvents);
  // socket.io's close (at shutdown) stops the adapter first; its own Redis clients go once the server is closed.
  if (clustered) deps.httpServer.once('close', () => clustered.close());
  return io;
}

/** The board events people's pages listen for, each to the sockets it concerns. */
function relayBoardEvents(io: RealtimeServer, events: BoardEvents): void {
  // Through the Redis adapter when clustered: only the board's publisher decides an author's notes, and the
  // author may be connected to another instance.
  events.on('noteStatus', ({ boardId, personId, report }) => sendNoteStatus(io, boardId, personId, report));
  // Local: every instance with the board's brief loaded sees the phase change and tells its own sockets.
  events.on('phaseChanged', ({ boardId, payload }) => io.local.to(boardRoom(boardId)).emit('phase-changed', payload));
  // Local: every instance applies this access change itself (through Redis), then tells its own sockets.
  events.on('boardStatusChanged', ({ boardId }) => io.local.to(boardRoom(boardId)).emit('board-status-changed', {}));
}

async function authenticate(deps: SocketServerDeps, socket: RealtimeSocket): Promise<void> {
  const viewer = await viewerFromHandshake(socket.request.headers, deps.sessions, deps.sessionSecret);
  if (!viewer) throw new Error(SOCKET_REFUSALS.unauthenticated);
  const boardId: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.boardId;
  if (!isWellFormedId(boardId)) throw new Error(SOCKET_REFUSALS.unknownBoard);
  const isOnBoard =
    viewer.kind === 'officer'
      ? await deps.store.isBoardOfficer(boardId, viewer.account.id)
      : viewer.participant.boardId === boardId;
  if (!isOnBoard) throw new Error(SOCKET_REFUSALS.unknownBoard);
  const data = socket.data;
  data.boardId = boardId;
  data.personId = viewer.kind === 'officer' ? viewer.account.id : viewer.participant.id;
  data.viewer = viewer;
  // Take a place in the registry now, with no await between the cap check and the count.
  data.live = registerSocket(deps, socket, viewer);
}

/**
 * Counts the socket in the registry (or refuses it at a cap), ends it when its session expires, and gives
 * its place back when it goes, whether it got as far as 'connection' or not.
 */
function registerSocket(deps: SocketServerDeps, socket: RealtimeSocket, viewer: SessionViewer): LiveConnection {
  let cancelExpiry = () => {};
  const live: LiveConnection = {
    kind: 'events',
    boardId: socket.data.boardId,
    personId: socket.data.personId,
    inviteLinkId: viewer.kind === 'officer' ? null : viewer.participant.inviteLinkId,
    tokenHash: viewer.tokenHash,
    end(code, reason) {
      release();
      if (!socket.connected) return void socket.conn.close();
      // Tell the page why before the socket goes, so it can say so instead of retrying.
      if (code === CLOSE_CODES.removed.code) socket.emit('participant-removed', { reason });
      if (code === CLOSE_CODES.unauthenticated.code) socket.emit('session-ended', { code, reason });
      socket.disconnect(true);
    },
  };
  const release = () => {
    cancelExpiry();
    deps.registry.remove(live);
  };
  const refusal = deps.registry.tryAdd(live);
  if (refusal === 'session-full') throw new Error(SOCKET_REFUSALS.tooManyConnections);
  if (refusal === 'server-full') throw new Error(SOCKET_REFUSALS.serverBusy);
  if (refusal === 'session-ended') throw new Error(SOCKET_REFUSALS.unauthenticated);
  // A socket that goes away before 'connection' (or after) gives its place back either way.
  socket.conn.once('close', release);
  socket.once('disconnect', release);
  cancelExpiry = atExpiry(viewer.expiresAt, () => live.end(CLOSE_CODES.unauthenticated.code, 'your session has expired; sign in again'));
  return live;
}

function onConnection(deps: SocketServerDeps, socket: RealtimeSocket): void {
  const { boardId, personId, live } = socket.data;
  // Ended (session expired, person removed) between the handshake and now: nothing more to do.
  if (!deps.registry.has(live)) return void socket.disconnect(true);
  void socket.join([boardRoom(boardId), personRoom(boardId, personId)]);
  const guard = new BadEventGuard({ id: socket.id, boardId, personId, disconnect: () => socket.disconnect(true) }, deps.log);
  socket.on('hello', (payload: unknown, ack: unknown) => {
    const parsed = CLIENT_PAYLOAD_SCHEMAS.hello.safeParse(payload);
    const isValid = parsed.success && parsed.data.boardId === boardId;
    if (!isValid) guard.strike('bad-payload', 'hello');
    if (typeof ack !== 'function') return;
    const answer = ack as (response: Ack<{ protocolVersion: number }>) => void;
    if (!isValid) {
      return answer({ ok: false, error: { code: ERROR_CODES.invalidInput, message: 'hello needs a protocolVersion and this board’s id' } });
    }
    if (parsed.data.protocolVersion < PROTOCOL_VERSION) {
      return answer({ ok: false, error: { code: OUTDATED_CLIENT, message: 'This page is out of date. Reload it to keep working.' } });
    }
    answer({ ok: true, protocolVersion: PROTOCOL_VERSION });
  });
  const isOfficer = socket.data.viewer.kind === 'officer';
  attachCommands({ rooms: deps.rooms, store: deps.store, log: deps.log }, socket, { boardId, personId, viewer: socket.data.viewer, isOfficer }, guard);
  // Events we do not know are refused and counted, never handled and never logged one line each.
  socket.onAny((event: unknown) => {
    if (typeof event === 'string' && (Object.hasOwn(CLIENT_PAYLOAD_SCHEMAS, event) || COMMAND_EVENTS.has(event))) return;
    guard.strike('unknown-event', event);
  });
  void deps.rooms.loaded(boardId).then((room) => {
    if (!room || !socket.connected) return;
    // Several instances: the board's publisher may be elsewhere; it answers through the socket.io adapter.
    if (room.onCluster) room.onCluster.noteStatusWanted(personId);
    else socket.emit('note-status', room.publisher.reportFor(personId));
  });
}

/** Sends an author the state of their notes that are not on the wall. */
export function sendNoteStatus(io: RealtimeServer, boardId: string, personId: string, report: NoteStatusReport): void {
  io.to(personRoom(boardId, personId)).emit('note-status', report);
}

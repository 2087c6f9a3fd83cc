import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_WS_FRAME_BYTES } from '../../shared/limits.js';
import { accessFor, parseRoomName, type ParsedRoom } from '../../shared/permissions.js';
import { CLOSE_CODES } from '../../shared/protocol/closeCodes.js';
import type { Sessions, Viewer } from '../auth/sessions.js';
import { isSameOrigin } from '../http/middleware/csrf.js';
import type { Logger } from '../log.js';
import type { RefusalAudit } from '../rooms/refusalAudit.js';
import type { Rooms } from '../rooms/Rooms.js';
import type { Store } from '../store/store.js';
import { YjsConnection, type ConnectionRegistry } from './connection.js';
import { viewerFromHandshake } from './viewerFromHandshake.js';

export const YJS_PATH_PREFIX = '/yjs/';

export interface YjsEndpointDeps {
  httpServer: Server;
  rooms: Rooms;
  sessions: Sessions;
  store: Store;
  log: Logger;
  sessionSecret: string;
  /** PUBLIC_URL's origin when set: the Origin check compares with it (see isSameOrigin). */
  publicOrigin?: string | null;
  registry: ConnectionRegistry;
  audit: RefusalAudit;
}

type Refusal = { code: number; reason: string };
type Admission = { viewer: Viewer; room: ParsedRoom; mode: 'read' | 'write' };

/**
 * Our y-websocket endpoint at `/yjs/<room>`. Access is decided from the cookie, the Origin header and the
 * room name BEFORE anything is allocated: a refused connection never creates or loads a document. Refusals
 * complete the handshake and close with a code, so the client can tell why (the stock provider retries).
 */
export function attachYjsEndpoint(deps: YjsEndpointDeps): WebSocketServer {
  // No per-message compression: it costs CPU per frame and has a history of memory bugs.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_FRAME_BYTES, perMessageDeflate: false });
  deps.httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (!path.startsWith(YJS_PATH_PREFIX)) {
      // socket.io answers its own path; anything else is not ours to keep open.
      if (!path.startsWith('/socket.io/')) socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      void admit(deps, req, path.slice(YJS_PATH_PREFIX.length)).then(
        (result) => ('code' in result ? refuse(ws, result) : open(deps, ws, result)),
        (error: unknown) => {
          deps.log.error({ err: error }, 'websocket admission failed');
          refuse(ws, { code: CLOSE_CODES.internal.code, reason: 'internal error' });
        },
      );
    });
  });
  return wss;
}

async function admit(deps: YjsEndpointDeps, req: IncomingMessage, roomName: string): Promise<Admission | Refusal> {
  if (!isSameOrigin(req, deps.publicOrigin)) return { code: CLOSE_CODES.forbidden.code, reason: 'connections from other websites are refused' };
  const room = parseRoomName(roomName);
  if (!room) return { code: CLOSE_CODES.unknownRoom.code, reason: 'unknown room' };
  const viewer = await viewerFromHandshake(req.headers, deps.sessions, deps.sessionSecret);
  if (!viewer) return { code: CLOSE_CODES.unauthenticated.code, reason: 'sign in or join the board first' };
  const board = await deps.store.findBoard(room.boardId);
  const isOfficerOfBoard = viewer.kind === 'officer' && board !== null && (await deps.store.isBoardOfficer(board.id, viewer.account.id));
  const isParticipantOfBoard = viewer.kind !== 'officer' && viewer.participant.boardId === room.boardId;
  if (!board || (!isOfficerOfBoard && !isParticipantOfBoard)) return { code: CLOSE_CODES.unknownRoom.code, reason: 'unknown board' };
  const personId = viewer.kind === 'officer' ? viewer.account.id : viewer.participant.id;
  const access = accessFor(
    { role: viewer.kind, personId, isOfficerOfBoard, boardId: viewer.kind === 'officer' ? null : viewer.participant.boardId },
    room,
  );
  if (access === 'none') return { code: CLOSE_CODES.forbidden.code, reason: 'this document is not yours to open' };
  // A draft exists only for someone who may write on this board: never allocate one for an unknown id.
  if (room.kind === 'draft' && room.personId !== personId && !(await isContributorOfBoard(deps.store, room.boardId, room.personId))) {
    return { code: CLOSE_CODES.unknownRoom.code, reason: 'no such person on this board' };
  }
  // An archived board is read-only for everyone: nothing new is written to any of its documents.
  const mode = access === 'write' && board.status === 'open' ? 'write' : 'read';
  return { viewer, room, mode };
}

/** True for a participant (not an observer) of the board, or one of its officers. */
async function isContributorOfBoard(store: Store, boardId: string, personId: string): Promise<boolean> {
  const participant = await store.findParticipant(personId);
  if (participant) return participant.boardId === boardId && participant.role === 'participant';
  return store.isBoardOfficer(boardId, personId);
}

function refuse(ws: WebSocket, refusal: Refusal): void {
  ws.close(refusal.code, refusal.reason);
}

async function open(deps: YjsEndpointDeps, ws: WebSocket, admission: Admission): Promise<void> {
  const board = await deps.rooms.acquire(admission.room.boardId);
  try {
    const document =
      admission.room.kind === 'brief'
        ? board.brief
        : admission.room.kind === 'wall'
          ? board.wall
          : await board.openDraft(admission.room.personId);
    const connection = new YjsConnection({
      ws,
      board,
      document,
      isWall: admission.room.kind === 'wall',
      isDraft: admission.room.kind === 'draft',
      mode: admission.mode,
      viewer: admission.viewer,
      log: deps.log,
      registry: deps.registry,
      audit: deps.audit,
      onClose: () => deps.rooms.release(board),
    });
    connection.start();
  } catch (error) {
    deps.rooms.release(board);
    throw error;
  }
}

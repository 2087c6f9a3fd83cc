import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_WS_FRAME_BYTES } from '../../shared/limits.js';
import { accessFor, parseRoomName, type ParsedRoom } from '../../shared/permissions.js';
import { CLOSE_CODES } from '../../shared/protocol/closeCodes.js';
import type { Sessions, SessionViewer } from '../auth/sessions.js';
import { isSameOrigin } from '../http/middleware/csrf.js';
import type { Logger } from '../log.js';
import type { CapacityRefusal, LiveConnection } from '../rooms/ConnectionRegistry.js';
import type { RefusalAudit } from '../rooms/refusalAudit.js';
import { currentPhase } from '../rooms/boardPhase.js';
import type { Rooms } from '../rooms/Rooms.js';
import type { Store } from '../store/store.js';
import { AdmissionQueue } from './AdmissionQueue.js';
import { perMessageDeflateFor } from './compression.js';
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
  /** permessage-deflate for big messages (config WS_COMPRESSION; see compression.ts). */
  isCompressionEnabled: boolean;
}

type Refusal = { code: number; reason: string };
type Admission = { viewer: SessionViewer; room: ParsedRoom; mode: 'read' | 'write' };

/**
 * Our y-websocket endpoint at `/yjs/<room>`. Access is decided from the cookie, the Origin header and the
 * room name BEFORE anything is allocated: a refused connection never creates or loads a document. Refusals
 * complete the handshake and close with a code, so the client can tell why (the stock provider retries).
 *
 * Admission never loses a frame or a connection: listeners are attached at the upgrade and frames queued
 * until the connection is open (AdmissionQueue); after every await the socket is checked again and what was
 * acquired is given back if it went; the connection caps are checked before any document is loaded.
 */
export function attachYjsEndpoint(deps: YjsEndpointDeps): WebSocketServer {
  // maxPayload also bounds a compressed message: ws stops inflating at this many bytes and closes with 1009.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_FRAME_BYTES, perMessageDeflate: perMessageDeflateFor(deps.isCompressionEnabled) });
  deps.httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (!path.startsWith(YJS_PATH_PREFIX)) {
      // socket.io answers its own path; anything else is not ours to keep open.
      if (!path.startsWith('/socket.io/')) socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const queue = new AdmissionQueue(ws, deps.log);
      admitAndOpen(deps, req, path.slice(YJS_PATH_PREFIX.length), queue).catch((error: unknown) => {
        deps.log.error({ err: error }, 'websocket admission failed');
        refuse(ws, { code: CLOSE_CODES.internal.code, reason: 'internal error' });
      });
    });
  });
  return wss;
}

async function admitAndOpen(deps: YjsEndpointDeps, req: IncomingMessage, roomName: string, queue: AdmissionQueue): Promise<void> {
  const result = await admit(deps, req, roomName);
  if ('code' in result) return refuse(queue.ws, result);
  // Closed while we checked: nothing was acquired, nothing to give back.
  if (!queue.isOpen) return;
  // The socket's place in the registry from now on: counted against the caps, and ended with its session.
  const seat = admissionSeat(queue.ws, result);
  const capacity = deps.registry.tryAdd(seat);
  if (capacity) return refuse(queue.ws, CAPACITY_REFUSALS[capacity]);
  try {
    await open(deps, queue, result, seat);
  } finally {
    // Once open, the connection holds the place instead (a no-op then); otherwise the place is free again.
    deps.registry.remove(seat);
  }
}

const CAPACITY_REFUSALS: Record<CapacityRefusal, Refusal> = {
  'session-full': { code: CLOSE_CODES.tooManyConnections.code, reason: CLOSE_CODES.tooManyConnections.reason },
  'server-full': { code: CLOSE_CODES.serverBusy.code, reason: CLOSE_CODES.serverBusy.reason },
  'session-ended': { code: CLOSE_CODES.unauthenticated.code, reason: 'your session has ended; sign in again' },
};

/** A socket being admitted, as the registry sees it: ending it closes the socket before it opens. */
function admissionSeat(ws: WebSocket, admission: Admission): LiveConnection {
  const { viewer, room } = admission;
  return {
    kind: 'yjs',
    boardId: room.boardId,
    personId: viewer.kind === 'officer' ? viewer.account.id : viewer.participant.id,
    inviteLinkId: viewer.kind === 'officer' ? null : viewer.participant.inviteLinkId,
    tokenHash: viewer.tokenHash,
    end: (code, reason) => ws.close(code, reason),
  };
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
  // In draft only the board's officers see anything: no brief, wall or draft for participants or observers.
  if (!isOfficerOfBoard && (await currentPhase(deps.rooms, deps.store, board.id)) === 'draft') {
    return { code: CLOSE_CODES.notOpenYet.code, reason: CLOSE_CODES.notOpenYet.reason };
  }
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

/** Loads what the connection needs, re-checking the socket after every await, and hands the socket over. */
async function open(deps: YjsEndpointDeps, queue: AdmissionQueue, admission: Admission, seat: LiveConnection): Promise<void> {
  const board = await deps.rooms.acquire(admission.room.boardId);
  let isHandedOver = false;
  try {
    if (!queue.isOpen) return;
    const { room } = admission;
    const document = room.kind === 'brief' ? board.brief : room.kind === 'wall' ? board.wall : await board.openDraft(room.personId);
    if (!queue.isOpen) return;
    const connection = new YjsConnection({
      ws: queue.ws,
      board,
      document,
      isWall: room.kind === 'wall',
      isDraft: room.kind === 'draft',
      mode: admission.mode,
      viewer: admission.viewer,
      log: deps.log,
      registry: deps.registry,
      audit: deps.audit,
      onClose: () => deps.rooms.release(board),
    });
    deps.registry.replace(seat, connection);
    // From here the connection gives the board back when it closes, whatever happens in start().
    isHandedOver = true;
    connection.start(queue);
  } finally {
    if (!isHandedOver) deps.rooms.release(board);
  }
}

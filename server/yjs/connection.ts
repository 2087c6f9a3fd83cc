import { randomUUID } from 'node:crypto';
import type { RawData, WebSocket } from 'ws';
import { DOCUMENT_MESSAGE_BURST, MAX_DOCUMENT_MESSAGES_PER_SECOND, MAX_DRAFT_DOC_BYTES } from '../../shared/limits.js';
import { CLOSE_CODES } from '../../shared/protocol/closeCodes.js';
import { atExpiry } from '../auth/expiryTimer.js';
import type { SessionViewer } from '../auth/sessions.js';
import type { Logger } from '../log.js';
import type { BoardRoom } from '../rooms/BoardRoom.js';
import type { ConnectionRegistry, LiveConnection } from '../rooms/ConnectionRegistry.js';
import type { RefusalAudit } from '../rooms/refusalAudit.js';
import type { PresenceIdentity, PresencePeer } from '../rooms/Presence.js';
import type { DocumentPeer, SharedDocument } from '../rooms/SharedDocument.js';
import type { AdmissionQueue } from './AdmissionQueue.js';
import { encodeAwarenessMessage, parseClientMessage } from './syncProtocol.js';
import { TokenBucket } from '../limits/TokenBucket.js';
import { UpdatesBeforeHandshake } from './UpdatesBeforeHandshake.js';
import { checkUpdateDecodesExactly, hasMissingDependencies, updateCarriesNothingNew, wouldNestTooDeep } from './updateChecks.js';

export type { ConnectionRegistry };

/** Above this many unsent bytes, presence to this connection is dropped (document messages still go). */
const PRESENCE_DROP_BUFFERED_BYTES = 256 * 1024;
/** Above this, the connection is too far behind to catch up by streaming: close it; it resyncs on reconnect. */
const CLOSE_BUFFERED_BYTES = 8 * 1024 * 1024;
/** An awareness message with no states: keeps a stock provider's socket alive, changes nothing. */
const EMPTY_AWARENESS_MESSAGE = encodeAwarenessMessage(new Uint8Array([0]));
/** Least time between two such answers on one connection, in ms (the provider renews every 15 s). */
const AWARENESS_ANSWER_EVERY_MS = 5_000;
/** A ping every interval; a connection that missed one pong is gone (a vanished phone leaves within 30 s). */
const HEARTBEAT_MS = 12_000;

export interface YjsConnectionOptions {
  ws: WebSocket;
  board: BoardRoom;
  document: SharedDocument;
  isWall: boolean;
  isDraft: boolean;
  mode: 'read' | 'write';
  viewer: SessionViewer;
  log: Logger;
  registry: ConnectionRegistry;
  audit: RefusalAudit;
  onClose: () => void;
}

/** One client's websocket on one document: the y-websocket protocol, with the server's rules. */
export class YjsConnection implements DocumentPeer, PresencePeer, LiveConnection {
  readonly id = randomUUID();
  readonly kind = 'yjs' as const;
  readonly identity: PresenceIdentity;
  readonly boardId: string;
  readonly personId: string;
  readonly inviteLinkId: string | null;
  readonly tokenHash: string;
  private isAlive = true;
  private isClosed = false;
  private heartbeat: NodeJS.Timeout | null = null;
  private cancelExpiry: () => void = () => {};
  private readonly documentMessages = new TokenBucket(MAX_DOCUMENT_MESSAGES_PER_SECOND, DOCUMENT_MESSAGE_BURST);
  /** Updates sent before this client's sync step 2 that could not be integrated yet (UpdatesBeforeHandshake.ts). */
  private readonly beforeHandshake = new UpdatesBeforeHandshake();
  /** When this (brief or draft) connection was last answered an awareness message (ms). */
  private awarenessAnsweredAt = 0;

  constructor(private readonly options: YjsConnectionOptions) {
    const { viewer, board } = options;
    this.boardId = board.boardId;
    this.personId = viewer.kind === 'officer' ? viewer.account.id : viewer.participant.id;
    this.inviteLinkId = viewer.kind === 'officer' ? null : viewer.participant.inviteLinkId;
    this.tokenHash = viewer.tokenHash;
    this.identity =
      viewer.kind === 'officer'
        ? { personId: this.personId, name: viewer.account.name, organisation: 'Council officer', role: 'officer' }
        : { personId: this.personId, name: viewer.participant.name, organisation: viewer.participant.organisation, role: viewer.kind };
  }

  /**
   * Starts the protocol on an admitted socket: joins the document (and presence on the wall), sends our sync
   * step 1, then handles the frames queued during admission in order, then each as it comes. The socket's
   * close is wired first, so whatever happens here the connection is cleaned up and the board released.
   */
  start(queue: AdmissionQueue): void {
    const { ws, document, board, isWall, registry, viewer } = this.options;
    queue.whenClosed(() => this.cleanUp());
    if (this.isClosed) return;
    document.peers.add(this);
    registry.add(this);
    ws.on('pong', () => {
      this.isAlive = true;
    });
    this.heartbeat = setInterval(() => {
      if (!this.isAlive) return void ws.terminate();
      this.isAlive = false;
      ws.ping();
    }, HEARTBEAT_MS);
    // A session ends on its own at its expiry: its sockets end with it, not at their next reconnect.
    this.cancelExpiry = atExpiry(viewer.expiresAt, () => this.end(CLOSE_CODES.unauthenticated.code, 'your session has expired; sign in again'));
    if (this.isClosed) return;
    // Like the reference server: our sync step 1 first, so a writer sends what we lack.
    document.sendSyncStep1(this);
    if (isWall) board.presence.addPeer(this);
    queue.deliverTo((data, isBinary) => this.onFrame(data, isBinary));
  }

  private onFrame(data: RawData, isBinary: boolean): void {
    try {
      this.handleFrame(data, isBinary);
    } catch (error) {
      // Nothing a client sends may take the process down: the sender goes, the room stays.
      this.options.log.error({ err: error, boardId: this.boardId, personId: this.personId }, 'websocket message failed');
      this.refuse(CLOSE_CODES.internal.code, 'message-failed', 'the server could not handle that message');
    }
  }

  sendDocumentMessage(message: Uint8Array): void {
    const { ws } = this.options;
    if (this.isClosed || ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > CLOSE_BUFFERED_BYTES) {
      return this.end(CLOSE_CODES.tooFarBehind.code, 'connection too far behind; reconnect to resync');
    }
    ws.send(message, { binary: true });
  }

  sendPresenceMessage(message: Uint8Array): void {
    const { ws } = this.options;
    if (this.isClosed || ws.readyState !== ws.OPEN || ws.bufferedAmount > PRESENCE_DROP_BUFFERED_BYTES) return;
    ws.send(message, { binary: true });
  }

  end(code: number, reason: string): void {
    if (this.isClosed) return;
    this.options.ws.close(code, reason);
    this.cleanUp();
  }

  private handleFrame(data: RawData, isBinary: boolean): void {
    if (this.isClosed) return;
    if (!isBinary || !(data instanceof Buffer)) {
      return this.refuse(CLOSE_CODES.malformedMessage.code, 'text-frame', 'text frames are not part of the protocol');
    }
    const message = parseClientMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    if ('error' in message) {
      const code = message.error === 'too-large' ? CLOSE_CODES.tooLarge.code : CLOSE_CODES.malformedMessage.code;
      return this.refuse(code, `message-${message.error}`, `${message.error} message`, data.byteLength);
    }
    // Presence is coalesced per board, so only document messages (which cost work per message) are limited.
    if (message.type !== 'awareness' && message.type !== 'query-awareness' && !this.documentMessages.take()) {
      return this.refuse(CLOSE_CODES.rateLimited.code, 'document-message-flood', 'too many messages: slow down');
    }
    switch (message.type) {
      case 'sync-step-1':
        return this.options.document.replyToSyncStep1(this, message.stateVector);
      case 'sync-step-2':
        return this.handleSyncStep2(message.update);
      case 'update':
        return this.handleUpdate(message.update);
      case 'awareness':
        return this.handleAwareness(message.update);
      case 'query-awareness':
        if (this.options.isWall) this.options.board.presence.addPeer(this);
        return;
      case 'auth':
        return;
    }
  }

  /**
   * The client's answer to our sync step 1. Once it is applied, whatever was held before it is checked
   * again, in order: what its dependencies now cover is applied; what still lacks them is a real gap (4409).
   */
  private handleSyncStep2(update: Uint8Array): void {
    const held = this.beforeHandshake.end();
    this.handleUpdate(update);
    for (const heldUpdate of held) {
      if (this.isClosed) return;
      // Often the step 2 already carried it: nothing to apply (or to store) twice.
      if (updateCarriesNothingNew(this.options.document.doc, heldUpdate)) continue;
      this.handleUpdate(heldUpdate);
    }
  }

  /** The client held updates but never answered our sync step 1: what it holds cannot be integrated. */
  private handleHandshakeOverdue(): void {
    if (this.isClosed || this.beforeHandshake.isOver) return;
    this.beforeHandshake.end();
    this.refuse(CLOSE_CODES.outOfSync.code, 'missing-dependencies', 'update depends on changes the server does not have; resync');
  }

  private handleUpdate(update: Uint8Array): void {
    const { document, mode, isDraft } = this.options;
    const decoded = checkUpdateDecodesExactly(update);
    if (!decoded.ok) return this.refuse(CLOSE_CODES.malformedMessage.code, 'update-not-exact', `update refused: ${decoded.reason}`, update.byteLength);
    if (mode === 'read') {
      // An honest client's sync step 2 on a read-only document carries nothing we lack: fine.
      if (updateCarriesNothingNew(document.doc, update)) return;
      return this.refuse(CLOSE_CODES.forbidden.code, 'read-only-write', 'this document is read-only for you', update.byteLength);
    }
    if (this.options.board.refusesNewWrites() && !updateCarriesNothingNew(document.doc, update)) {
      // Not abuse: the store cannot keep up (disk full). The client keeps the change and sends it again.
      return this.end(CLOSE_CODES.cannotStore.code, CLOSE_CODES.cannotStore.reason);
    }
    if (hasMissingDependencies(document.doc, update)) {
      // Before the client's sync step 2, what it depends on may be in that step 2 (the stock provider sends
      // edits as soon as the socket opens): hold it in this connection and check again then (bounded).
      if (this.beforeHandshake.hold(update, () => this.handleHandshakeOverdue())) return;
      // Never park it in the server's document: the client reconnects and resyncs.
      return this.refuse(CLOSE_CODES.outOfSync.code, 'missing-dependencies', 'update depends on changes the server does not have; resync', update.byteLength);
    }
    if (wouldNestTooDeep(document.doc, update)) {
      return this.refuse(CLOSE_CODES.malformedMessage.code, 'nesting-too-deep', 'update nests shared types too deeply', update.byteLength);
    }
    if (isDraft && document.wouldExceed(update.byteLength, MAX_DRAFT_DOC_BYTES)) {
      return this.refuse(CLOSE_CODES.tooLarge.code, 'draft-too-large', 'your draft is full; delete some notes first', update.byteLength);
    }
    try {
      document.applyUpdate(update, { source: 'connection', connectionId: this.id });
    } catch (error) {
      // The checks above should make this unreachable; if yjs still throws, the sender goes, the room stays.
      this.options.log.error({ err: error, boardId: this.boardId, personId: this.personId }, 'update failed to apply');
      this.refuse(CLOSE_CODES.malformedMessage.code, 'update-failed', 'update could not be applied', update.byteLength);
    }
  }

  private handleAwareness(update: Uint8Array): void {
    // Presence travels on the wall connection only; the other providers' awareness is ignored, but
    // answered (now and then) with an empty awareness message: the stock provider closes a socket that
    // receives nothing for 30 s, and renews its own state every 15 s expecting to hear back.
    if (!this.options.isWall) return this.answerAwarenessElsewhere();
    const result = this.options.board.presence.receive(this, update);
    if (!result.ok) {
      this.refuse(
        result.reason === 'too-large' ? CLOSE_CODES.tooLarge.code : CLOSE_CODES.malformedMessage.code,
        `presence-${result.reason}`,
        `presence refused: ${result.reason}`,
        update.byteLength,
      );
    }
  }

  private answerAwarenessElsewhere(): void {
    const now = Date.now();
    if (now - this.awarenessAnsweredAt < AWARENESS_ANSWER_EVERY_MS) return;
    this.awarenessAnsweredAt = now;
    this.sendPresenceMessage(EMPTY_AWARENESS_MESSAGE);
  }

  /** Closes the connection with a code and reason, and records the refusal (rule and size, never content). */
  private refuse(code: number, rule: string, reason: string, sizeBytes?: number): void {
    this.options.audit.record({ boardId: this.boardId, personId: this.personId, rule, sizeBytes, connectionId: this.id });
    this.end(code, reason);
  }

  private cleanUp(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.cancelExpiry();
    const { document, board, isWall, registry } = this.options;
    document.peers.delete(this);
    if (isWall) board.presence.removePeer(this);
    registry.remove(this);
    this.options.onClose();
  }
}

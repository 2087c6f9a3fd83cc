/**
 * The board page's one socket.io connection: session events that are not document state. It carries
 * the author's note status (which of their notes are not on the wall, and why), removal from the board,
 * and board status changes. Payloads are validated here: TS types are not validation.
 */
import { io, type Socket } from 'socket.io-client';
import { z } from 'zod';
import {
  OUTDATED_CLIENT,
  PROTOCOL_VERSION,
  type Ack,
  type ClientToServerEvents,
  type NoteStatusPayload,
  type ServerToClientEvents,
} from '../../shared/protocol/socketEvents.js';

export interface BoardSocketSnapshot {
  isConnected: boolean;
  /** The server refused the connection (session ended or not on this board): it will not retry. */
  isRefused: boolean;
  /** The latest note status, or null before the first one arrives. */
  noteStatus: NoteStatusPayload | null;
  /** The reason given with 'participant-removed', if it came. */
  removedReason: string | null;
  /** Counts board status changes and reconnections (either may mean new rights): reload the board's rights. */
  boardChanges: number;
  /** False while the server says it cannot store changes (disk full): the wall shows "Not saved". */
  canStore: boolean;
  /** The server speaks another protocol version than this page (it was updated): the page must be reloaded. */
  isOutdated: boolean;
  /** Counts 'phase-changed' events: the page reads the board again (in draft it may not open the documents). */
  phaseChanges: number;
  /**
   * Sends a command (`server/realtime/commands/`) and resolves with its acknowledgement; never rejects:
   * no connection or no answer within COMMAND_TIMEOUT_MS resolves as an error the page can show.
   */
  sendCommand: SendCommand;
}

export type SendCommand = (event: string, payload: unknown) => Promise<Ack<Record<string, unknown>>>;

export interface BoardSocket {
  subscribe(listener: () => void): () => void;
  getSnapshot(): BoardSocketSnapshot;
  destroy(): void;
}

/** How long a command waits for its acknowledgement before the page says it did not go through, in ms. */
const COMMAND_TIMEOUT_MS = 10_000;

const NOT_SENT = { ok: false, error: { code: 'not-connected', message: 'Not connected to the board. Check your connection and try again.' } } as const;

/** Sends nothing: for snapshots before the socket exists. */
export const sendNowhere: SendCommand = () => Promise.resolve(NOT_SENT);

/** How long to wait before reconnecting after the server disconnected us without removing us, in ms. */
const RECONNECT_AFTER_SERVER_DISCONNECT_MS = 1_000;

const noteStatusSchema = z.object({
  notPublished: z
    .array(
      z.object({
        noteId: z.string().max(64),
        rule: z.string().max(64),
        message: z.string().max(1_000),
        kind: z.enum(['refused', 'deferred', 'private']),
        retryAt: z.number().optional(),
      }),
    )
    .max(10_000),
});

/** The payload as the shared type, or null when it is not one. */
export function parseNoteStatus(payload: unknown): NoteStatusPayload | null {
  const result = noteStatusSchema.safeParse(payload);
  // The rule id is shown to nobody and compared with nothing: a rule this client does not know is fine.
  return result.success ? (result.data as NoteStatusPayload) : null;
}

/** Opens the socket for one board. Call `destroy()` when the board page goes away. */
export function connectBoardSocket(boardId: string): BoardSocket {
  let snapshot: BoardSocketSnapshot = {
    isConnected: false,
    isRefused: false,
    noteStatus: null,
    removedReason: null,
    boardChanges: 0,
    canStore: true,
    isOutdated: false,
    phaseChanges: 0,
    sendCommand: (event, payload) => {
      if (!socket.connected) return Promise.resolve(NOT_SENT);
      return new Promise((resolve) => {
        // Commands are not in the typed event maps one by one: each is validated by the server anyway.
        (socket as unknown as Socket).timeout(COMMAND_TIMEOUT_MS).emit(event, payload, (error: unknown, answer: unknown) => {
          if (error) return resolve({ ok: false, error: { code: 'timeout', message: 'The server did not answer. Try again.' } });
          resolve(isAck(answer) ? answer : { ok: false, error: { code: 'internal', message: 'The server’s answer could not be read.' } });
        });
      });
    },
  };
  const listeners = new Set<() => void>();
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let isDestroyed = false;
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
    path: '/socket.io',
    transports: ['websocket'],
    auth: { boardId },
  });

  function publish(changes: Partial<BoardSocketSnapshot>): void {
    if (isDestroyed) return;
    snapshot = { ...snapshot, ...changes };
    for (const listener of listeners) listener();
  }

  let hasConnected = false;
  socket.on('connect', () => {
    // The board may have been archived or restored while we were away: have its rights read again.
    // The server says 'store-status' right after connecting while it cannot store; silence means it can.
    publish({ isConnected: true, isRefused: false, boardChanges: snapshot.boardChanges + (hasConnected ? 1 : 0), canStore: true });
    hasConnected = true;
    // Versions are compared at every connect: the server may have been updated while we were away.
    socket.timeout(COMMAND_TIMEOUT_MS).emit('hello', { protocolVersion: PROTOCOL_VERSION, boardId }, (error, answer) => {
      if (error) return;
      const isOutdated = answer.ok ? answer.protocolVersion !== PROTOCOL_VERSION : answer.error.code === OUTDATED_CLIENT;
      if (isOutdated !== snapshot.isOutdated) publish({ isOutdated });
    });
  });
  socket.on('connect_error', () => {
    // A refusal by the server's middleware is final; a network failure retries on its own.
    publish({ isConnected: false, isRefused: !socket.active });
  });
  socket.on('disconnect', (reason) => {
    publish({ isConnected: false });
    if (reason !== 'io server disconnect' || isDestroyed) return;
    // The server ends our socket on removal and also when the board's status changes. Try again: a
    // removed person is refused at the handshake; anyone else reconnects and reloads the board's rights.
    reconnectTimer = setTimeout(() => socket.connect(), RECONNECT_AFTER_SERVER_DISCONNECT_MS);
  });
  socket.on('note-status', (payload: unknown) => {
    const noteStatus = parseNoteStatus(payload);
    if (noteStatus) publish({ noteStatus });
    else console.error('Ignored a malformed note-status event');
  });
  socket.on('participant-removed', (payload: unknown) => {
    const reason = (payload as { reason?: unknown } | null)?.reason;
    publish({ removedReason: typeof reason === 'string' ? reason.slice(0, 200) : '' });
  });
  socket.on('board-status-changed', () => publish({ boardChanges: snapshot.boardChanges + 1 }));
  // The payload is not needed: the board is read again (REST), which carries the phase and opening time.
  socket.on('phase-changed', () => publish({ phaseChanges: snapshot.phaseChanges + 1 }));
  socket.on('store-status', (payload: unknown) => {
    const canStore = (payload as { canStore?: unknown } | null)?.canStore;
    if (typeof canStore === 'boolean') publish({ canStore });
    else console.error('Ignored a malformed store-status event');
  });

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    destroy() {
      isDestroyed = true;
      if (reconnectTimer !== null) clearTimeout(reconnectTimer);
      listeners.clear();
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
}

function isAck(value: unknown): value is Ack<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null) return false;
  const { ok, error } = value as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (ok === true) return true;
  return ok === false && typeof error?.code === 'string' && typeof error.message === 'string';
}

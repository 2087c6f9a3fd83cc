/**
 * Socket.io events between client and server, as typed maps for `Server<ClientToServerEvents,
 * ServerToClientEvents>` and `io<ServerToClientEvents, ClientToServerEvents>`, plus a zod schema for
 * every client→server payload: TS types are not validation, the server parses each payload.
 * Requests are imperative (`hello`); notifications say what happened (`note-not-published`).
 */
import { z } from 'zod';
import { isWellFormedId } from '../ids.js';
import type { RuleId } from '../publisher.js';
import type { BoardPhase } from '../schema/briefMeta.js';

/**
 * Version of the realtime protocol (socket.io events, the y-websocket rooms and what their documents hold).
 * Bump on breaking changes. Exchanged at connect: the page says `hello` with its version, the server
 * answers with its own and refuses an older page ('outdated-client'); a page that finds the server on
 * another version tells its person to reload, rather than misreading what it receives.
 * 1 — the first release; 2 — workshop phases, commands, tallies and comments.
 */
export const PROTOCOL_VERSION = 2;

/** The ack error code of `hello` when the page is older than the server. */
export const OUTDATED_CLIENT = 'outdated-client';

/** Event names, kebab-case. */
export const SOCKET_EVENTS = {
  hello: 'hello',
  noteStatus: 'note-status',
  participantRemoved: 'participant-removed',
  boardStatusChanged: 'board-status-changed',
  sessionEnded: 'session-ended',
  storeStatus: 'store-status',
  phaseChanged: 'phase-changed',
} as const;

/** One of the author's notes is not on the wall, and why (refused, deferred or kept private). */
export interface NoteNotPublishedPayload {
  noteId: string;
  rule: RuleId;
  /** Plain English for the author. */
  message: string;
  /** When the server will try again (ms epoch), for deferrals on a timer such as 'rate-limit'. */
  retryAt?: number;
}

/** Every one of the author's notes that is not (or not in its latest version) on the wall. */
export interface NoteStatusPayload {
  notPublished: Array<NoteNotPublishedPayload & { kind: 'refused' | 'deferred' | 'private' }>;
}

/** Events the server sends. */
export interface ServerToClientEvents {
  /**
   * The author's notes that are not on the wall, and why; sent when it changes and when the socket
   * connects. A note not listed is on the wall (or waiting to reach the server).
   */
  'note-status': (payload: NoteStatusPayload) => void;
  /** This person was removed from the board or their link revoked; their sockets close next. */
  'participant-removed': (payload: { reason: string }) => void;
  /** The board was archived or restored: reload its rights (the documents reconnect on their own). */
  'board-status-changed': (payload: Record<string, never>) => void;
  /**
   * The session behind this socket ended (signed out, expired, or replaced by a new sign-in): the server
   * disconnects next and refuses it from now on. Sign in or join again. `code` is the Yjs close code
   * the document connections of that session get (4401).
   */
  'session-ended': (payload: { code: number; reason: string }) => void;
  /**
   * Whether the server can store changes now; sent to everyone when it changes, and on connect while it
   * cannot. While `canStore` is false a writer's client shows "Not saved — the server cannot store
   * changes" and keeps its changes (they are sent again).
   */
  'store-status': (payload: StoreStatusPayload) => void;
  /**
   * The board's phase changed (an officer's `phase-set`, the schedule, or an older officer page writing
   * the brief): sent to everyone on the board, so a page waiting on "not open yet" moves on without the
   * brief, which it cannot open in draft. `opensAt` is the scheduled opening, if any (ms epoch). Also sent
   * when a draft board's schedule changes, so the "not open yet" page shows the new opening time.
   */
  'phase-changed': (payload: PhaseChangedPayload) => void;
}

/** See 'phase-changed'. */
export interface PhaseChangedPayload {
  phase: BoardPhase;
  opensAt: number | null;
}

/** The store's state as clients see it (no operator detail such as file names). */
export interface StoreStatusPayload {
  canStore: boolean;
}

/** Every acknowledgement has this shape; the error code comes from `ERROR_CODES` in `api.ts`. */
export type Ack<T = Record<string, never>> =
  | ({ ok: true } & T)
  | { ok: false; error: { code: string; message: string } };

/** `hello`: the first event a client sends, naming its protocol version and the board it is looking at. */
export const helloPayload = z.strictObject({
  protocolVersion: z.number().int().positive(),
  boardId: z.string().refine(isWellFormedId),
});
export type HelloPayload = z.infer<typeof helloPayload>;

/** Events the client sends. */
export interface ClientToServerEvents {
  hello: (payload: HelloPayload, ack: (response: Ack<{ protocolVersion: number }>) => void) => void;
}

/** Zod schema of each client→server payload, by event name. */
export const CLIENT_PAYLOAD_SCHEMAS = {
  hello: helloPayload,
} as const satisfies Record<keyof ClientToServerEvents, z.ZodType>;

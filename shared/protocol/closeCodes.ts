/**
 * Websocket close codes of the y-websocket endpoint, one table for server and client. The server
 * closes with `code` and `reason`; the client looks the code up and does `clientAction`.
 * Reasons are short: a close frame's reason may be at most 123 bytes of UTF-8.
 */

/** What the client should do after a close with this code. */
export const CLIENT_ACTIONS = {
  /** Reconnect with backoff, keeping the local copy. */
  reconnect: 'reconnect',
  /** Reconnect at once and resync from the server's state; the local copy is still good. */
  resync: 'resync',
  /** Drop the local copy (memory and IndexedDB) and load the document afresh. */
  reloadFresh: 'reload-fresh',
  /** Do not reconnect: sign in again, or tell the person they no longer have access. */
  stop: 'stop',
} as const;
export type ClientAction = (typeof CLIENT_ACTIONS)[keyof typeof CLIENT_ACTIONS];

/** Every close code the server uses, with its name, default reason and the client's response. */
export const CLOSE_CODES = {
  policy: { code: 1008, name: 'policy', reason: 'Policy violation', clientAction: 'stop' },
  frameTooBig: { code: 1009, name: 'frame-too-big', reason: 'Message too big', clientAction: 'reconnect' },
  internal: { code: 1011, name: 'internal', reason: 'Internal server error', clientAction: 'reconnect' },
  malformedMessage: { code: 4400, name: 'malformed-message', reason: 'Malformed message', clientAction: 'reconnect' },
  unauthenticated: { code: 4401, name: 'unauthenticated', reason: 'Sign in to continue', clientAction: 'stop' },
  forbidden: {
    code: 4403,
    name: 'forbidden',
    reason: 'Read-only document: changes are not accepted',
    clientAction: 'reload-fresh',
  },
  unknownRoom: { code: 4404, name: 'unknown-room', reason: 'No such board or document', clientAction: 'stop' },
  tooFarBehind: {
    code: 4408,
    name: 'too-far-behind',
    reason: 'Connection too far behind: reconnect to catch up',
    clientAction: 'resync',
  },
  outOfSync: { code: 4409, name: 'out-of-sync', reason: 'Out of sync: reconnect and resync', clientAction: 'resync' },
  removed: { code: 4410, name: 'removed', reason: 'Removed from the board', clientAction: 'stop' },
  tooLarge: { code: 4413, name: 'too-large', reason: 'Update or document too large', clientAction: 'reconnect' },
  /**
   * The board is in its draft phase: only its officers may open its documents. The page shows "not open
   * yet" with the opening time and connects again when socket.io says 'phase-changed'.
   */
  notOpenYet: { code: 4425, name: 'not-open-yet', reason: 'The board is not open yet: wait for it to open', clientAction: 'stop' },
  rateLimited: { code: 4429, name: 'rate-limited', reason: 'Too many messages: slow down', clientAction: 'reconnect' },
  /** This session already holds MAX_CONNECTIONS_PER_SESSION connections: close another tab (retrying may then work). */
  tooManyConnections: {
    code: 4430,
    name: 'too-many-connections',
    reason: 'Too many open connections for this session: close another tab',
    clientAction: 'reconnect',
  },
  /** The server holds its configured most connections (MAX_CONNECTIONS): try again later (as HTTP 503). */
  serverBusy: { code: 4503, name: 'server-busy', reason: 'The server is busy: try again later', clientAction: 'reconnect' },
  /**
   * The server cannot store changes now (disk full, read-only) and holds as many unsaved ones as it may:
   * a new change is refused. The client keeps it (draft and offline cache), shows "Not saved", and
   * reconnects with backoff; its sync then sends the change again.
   */
  cannotStore: {
    code: 4507,
    name: 'cannot-store',
    reason: 'Not saved: the server cannot store changes now; they are kept on your device',
    clientAction: 'reconnect',
  },
} as const satisfies Record<string, { code: number; name: string; reason: string; clientAction: ClientAction }>;

export type CloseCodeKey = keyof typeof CLOSE_CODES;
/** A close code entry of the table. */
export type CloseCode = (typeof CLOSE_CODES)[CloseCodeKey];
/** Kebab-case names of the codes, e.g. 'out-of-sync'. */
export type CloseCodeName = CloseCode['name'];

/** The table entry for a numeric close code, or null for codes this table does not define (e.g. 1000, 1006). */
export function closeCodeFor(code: number): CloseCode | null {
  for (const entry of Object.values(CLOSE_CODES)) if (entry.code === code) return entry;
  return null;
}

/** A live connection (Yjs websocket or socket.io) that access changes may have to end. */
export interface LiveConnection {
  /** A document connection (`yjs`) or the session-event channel (`events`, socket.io). */
  readonly kind: 'yjs' | 'events';
  readonly boardId: string;
  readonly personId: string;
  /** The invite link the person joined by (null for officers). */
  readonly inviteLinkId: string | null;
  /** Hash of the session token that opened it: ending that session ends this connection. */
  readonly tokenHash: string;
  /** Ends the connection with a close code and a reason the client can show. */
  end(code: number, reason: string): void;
}

/** Why a connection was not admitted: too many on its session or on the whole server, or its session just ended. */
export type CapacityRefusal = 'session-full' | 'server-full' | 'session-ended';

/**
 * How long an ended session is remembered, in ms: a connection whose admission was already past the session
 * check when the session ended (an await on the store away) is refused when it asks for its place.
 */
const ENDED_SESSION_MEMORY_MS = 60_000;

export interface ConnectionCaps {
  /** Open connections one session may hold (every tab, every document, socket.io included). */
  perSession: number;
  /** Open connections the whole process may hold. */
  total: number;
}

/**
 * Every live connection, by board and by session, so that revoking a link, removing a person, archiving a
 * board or ending a session reaches their open sockets at once instead of at their next reconnect.
 *
 * Single-instance for now: when the server is scaled out, `endSession` and `endWhere` are the seams a bus
 * message calls on every instance.
 */
export class ConnectionRegistry {
  private readonly byBoard = new Map<string, Set<LiveConnection>>();
  private readonly bySession = new Map<string, Set<LiveConnection>>();
  private total = 0;
  /** Sessions ended lately, with when; pruned as new ones end. */
  private readonly endedSessions = new Map<string, number>();

  constructor(private readonly caps: ConnectionCaps = { perSession: Number.POSITIVE_INFINITY, total: Number.POSITIVE_INFINITY }) {}

  /**
   * Adds the connection unless its session or the server is at its cap. Check and add happen together
   * (no await between), so parallel admissions of one session cannot all slip under the cap.
   */
  tryAdd(connection: LiveConnection): CapacityRefusal | null {
    if (this.has(connection)) return null;
    if (this.endedSessions.has(connection.tokenHash)) return 'session-ended';
    if (this.total >= this.caps.total) return 'server-full';
    if (this.countForSession(connection.tokenHash) >= this.caps.perSession) return 'session-full';
    this.add(connection);
    return null;
  }

  /** Adds without a cap check: for a connection taking over the place of one already counted (`replace`). */
  add(connection: LiveConnection): void {
    if (this.has(connection)) return;
    addTo(this.byBoard, connection.boardId, connection);
    addTo(this.bySession, connection.tokenHash, connection);
    this.total += 1;
  }

  /** Removes the connection; removing one that is not here does nothing (closes may be reported twice). */
  remove(connection: LiveConnection): void {
    if (!this.has(connection)) return;
    removeFrom(this.byBoard, connection.boardId, connection);
    removeFrom(this.bySession, connection.tokenHash, connection);
    this.total -= 1;
  }

  /** Puts `next` in the place of `previous` (same session, same count), e.g. when an admitted socket opens. */
  replace(previous: LiveConnection, next: LiveConnection): void {
    this.remove(previous);
    this.add(next);
  }

  has(connection: LiveConnection): boolean {
    return this.byBoard.get(connection.boardId)?.has(connection) ?? false;
  }

  /** Ends every connection on the board that matches. Returns how many were ended. */
  endWhere(boardId: string, matches: (connection: LiveConnection) => boolean, code: number, reason: string): number {
    return endAll([...(this.byBoard.get(boardId) ?? [])].filter(matches), code, reason);
  }

  /** Ends every connection one person has on a board (any session of theirs: every tab and device). */
  endPerson(boardId: string, personId: string, code: number, reason: string): number {
    return this.endWhere(boardId, (connection) => connection.personId === personId, code, reason);
  }

  /**
   * Ends every connection a session opened, on every board (sign-out, expiry, a new sign-in replacing it).
   * Returns how many were ended.
   */
  endSession(tokenHash: string, code: number, reason: string, now = Date.now()): number {
    this.rememberEnded(tokenHash, now);
    return endAll([...(this.bySession.get(tokenHash) ?? [])], code, reason);
  }

  private rememberEnded(tokenHash: string, now: number): void {
    // Oldest first (insertion order): drop those past the memory, so the map stays as small as recent sign-outs.
    for (const [ended, at] of this.endedSessions) {
      if (now - at < ENDED_SESSION_MEMORY_MS) break;
      this.endedSessions.delete(ended);
    }
    this.endedSessions.delete(tokenHash);
    this.endedSessions.set(tokenHash, now);
  }

  /** Hashes of the sessions that hold connections now (to re-check them against the store). */
  sessionHashes(): string[] {
    return [...this.bySession.keys()];
  }

  countOnBoard(boardId: string): number {
    return this.byBoard.get(boardId)?.size ?? 0;
  }

  countForSession(tokenHash: string): number {
    return this.bySession.get(tokenHash)?.size ?? 0;
  }

  get size(): number {
    return this.total;
  }
}

function endAll(connections: LiveConnection[], code: number, reason: string): number {
  for (const connection of connections) connection.end(code, reason);
  return connections.length;
}

function addTo(index: Map<string, Set<LiveConnection>>, key: string, connection: LiveConnection): void {
  let set = index.get(key);
  if (!set) {
    set = new Set();
    index.set(key, set);
  }
  set.add(connection);
}

function removeFrom(index: Map<string, Set<LiveConnection>>, key: string, connection: LiveConnection): void {
  const set = index.get(key);
  set?.delete(connection);
  if (set?.size === 0) index.delete(key);
}

/** A live connection (Yjs websocket or socket.io) that access changes may have to end. */
export interface LiveConnection {
  /** A document connection (`yjs`) or the session-event channel (`events`, socket.io). */
  readonly kind: 'yjs' | 'events';
  readonly boardId: string;
  readonly personId: string;
  /** The invite link the person joined by (null for officers). */
  readonly inviteLinkId: string | null;
  /** Ends the connection with a close code and a reason the client can show. */
  end(code: number, reason: string): void;
}

/**
 * Every live connection, by board, so that revoking a link, removing a person or archiving a board reaches
 * their open sockets at once instead of at their next reconnect.
 */
export class ConnectionRegistry {
  private readonly byBoard = new Map<string, Set<LiveConnection>>();

  add(connection: LiveConnection): void {
    let set = this.byBoard.get(connection.boardId);
    if (!set) {
      set = new Set();
      this.byBoard.set(connection.boardId, set);
    }
    set.add(connection);
  }

  remove(connection: LiveConnection): void {
    const set = this.byBoard.get(connection.boardId);
    set?.delete(connection);
    if (set?.size === 0) this.byBoard.delete(connection.boardId);
  }

  /** Ends every connection on the board that matches. Returns how many were ended. */
  endWhere(boardId: string, matches: (connection: LiveConnection) => boolean, code: number, reason: string): number {
    let ended = 0;
    for (const connection of [...(this.byBoard.get(boardId) ?? [])]) {
      if (!matches(connection)) continue;
      connection.end(code, reason);
      ended += 1;
    }
    return ended;
  }

  countOnBoard(boardId: string): number {
    return this.byBoard.get(boardId)?.size ?? 0;
  }
}

import { MAX_BAD_SOCKET_EVENTS } from '../../shared/limits.js';
import type { Logger } from '../log.js';

/** What a guard needs of a socket: its ids for the log, and a way to cut it off. */
export interface GuardedSocket {
  readonly id: string;
  readonly boardId: string;
  readonly personId: string;
  disconnect(): void;
}

/**
 * Counts one socket's unknown events and events with bad payloads. Logs the first one and the disconnect,
 * nothing in between, so a client sending 2,000 junk events writes two log lines, not 2,000; at
 * MAX_BAD_SOCKET_EVENTS the socket is disconnected. An honest client sends none.
 */
export class BadEventGuard {
  private count = 0;

  constructor(
    private readonly socket: GuardedSocket,
    private readonly log: Logger,
    private readonly limit = MAX_BAD_SOCKET_EVENTS,
  ) {}

  /** Records one bad event (`kind` says which sort, `event` its name as sent). */
  strike(kind: 'unknown-event' | 'bad-payload', event: unknown): void {
    if (this.count >= this.limit) return;
    this.count += 1;
    const context = { boardId: this.socket.boardId, personId: this.socket.personId, socketId: this.socket.id, kind, event: eventName(event) };
    if (this.count === 1) this.log.warn(context, 'socket.io event refused (later ones on this socket are only counted)');
    if (this.count < this.limit) return;
    this.log.warn({ ...context, badEvents: this.count }, 'socket.io socket disconnected after too many unknown or malformed events');
    this.socket.disconnect();
  }

  get strikes(): number {
    return this.count;
  }
}

/** An event name safe to log: a short printable string, or its type. */
function eventName(event: unknown): string {
  if (typeof event !== 'string') return `(${typeof event})`;
  return event.slice(0, 40).replace(/[^\x20-\x7e]/g, '?');
}

/**
 * The seam between the boards and the people's socket.io connections (issue 11): rooms, the publisher and
 * the workshop watcher say what happened on a board here; the realtime server (or anything else: tests,
 * a future notifier) listens. Nothing on the board side holds or waits for a socket server.
 *
 * Events are synchronous and each listener is isolated: one that throws is logged, and the others still hear.
 */
import type { PhaseChangedPayload } from '../../shared/protocol/socketEvents.js';
import type { Logger } from '../log.js';
import type { NoteStatusReport } from './WallPublisher.js';

export interface BoardEventMap {
  /** The publisher's latest report for an author: what of theirs is not on the wall, and why. */
  noteStatus: { boardId: string; personId: string; report: NoteStatusReport };
  /** The board's phase (or its opening time while in draft) changed. */
  phaseChanged: { boardId: string; payload: PhaseChangedPayload };
  /** The board was archived, closed or reopened: pages reload the board's rights. */
  boardStatusChanged: { boardId: string };
}

type Listener<K extends keyof BoardEventMap> = (event: BoardEventMap[K]) => void;

export class BoardEvents {
  private readonly listeners: { [K in keyof BoardEventMap]: Array<Listener<K>> } = { noteStatus: [], phaseChanged: [], boardStatusChanged: [] };

  constructor(private readonly log: Logger) {}

  /** Listens to one kind of event; returns the function that stops listening. */
  on<K extends keyof BoardEventMap>(name: K, listener: Listener<K>): () => void {
    const list = this.listeners[name] as Array<Listener<K>>;
    list.push(listener);
    return () => {
      const index = list.indexOf(listener);
      if (index >= 0) list.splice(index, 1);
    };
  }

  emit<K extends keyof BoardEventMap>(name: K, event: BoardEventMap[K]): void {
    for (const listener of [...(this.listeners[name] as Array<Listener<K>>)]) {
      try {
        listener(event);
      } catch (error) {
        this.log.error({ err: error, event: name, boardId: event.boardId }, 'a board event listener failed; the others still heard it');
      }
    }
  }
}

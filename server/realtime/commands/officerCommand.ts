/**
 * One socket.io command a person sends about their board (an officer starting the timer, hiding a note,
 * changing the phase). Each command is one file under `server/realtime/commands/` exporting a
 * `BoardCommand`, listed once in `allCommands.ts`; `socketServer.ts` wires every listed command the same
 * way: parse the payload with its zod schema, check the sender's role, load the board, run, acknowledge.
 * A handler never trusts the payload's types, only what its schema returned.
 */
import type { z } from 'zod';
import type { Ack } from '../../../shared/protocol/socketEvents.js';
import type { SessionViewer } from '../../auth/sessions.js';
import type { Logger } from '../../log.js';
import type { BoardRoom } from '../../rooms/BoardRoom.js';
import type { Store } from '../../store/store.js';

/** Who sent a command, from the socket's authenticated session (never from the payload). */
export interface CommandSender {
  boardId: string;
  personId: string;
  viewer: SessionViewer;
  /** An officer of this board (checked at connect: an officer socket is only admitted to its own boards). */
  isOfficer: boolean;
}

export interface CommandContext {
  sender: CommandSender;
  /** The board, loaded (commands run on the instance that holds it). */
  room: BoardRoom;
  store: Store;
  log: Logger;
  now: number;
}

/** What a handler answers: the acknowledgement's extra fields, or an error for the sender. */
export type CommandResult<T extends object = Record<string, never>> = Ack<T>;

export interface BoardCommand<P = unknown, T extends object = Record<string, never>> {
  /** The socket.io event name, kebab-case (`timer-set`), also a key of `ClientToServerEvents`. */
  readonly event: string;
  readonly payload: z.ZodType<P>;
  /** Only the board's officers may send it (participants and observers get 'forbidden'). */
  readonly officersOnly: boolean;
  run(context: CommandContext, payload: P): Promise<CommandResult<T>> | CommandResult<T>;
}

/** A refusal acknowledgement with a plain-English message for the sender. */
export function refuse(code: string, message: string): { ok: false; error: { code: string; message: string } } {
  return { ok: false, error: { code, message } };
}

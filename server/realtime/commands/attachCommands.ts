/**
 * Wires every command of `ALL_COMMANDS` on one socket the same way: a payload that does not parse is a
 * strike against the socket (`BadEventGuard`) and an 'invalid-input' acknowledgement; a participant
 * sending an officers' command gets 'forbidden'; a handler that throws gets 'internal' and is logged,
 * never crashing the process. A command without an acknowledgement callback is refused and counted.
 */
import { ERROR_CODES } from '../../../shared/protocol/api.js';
import type { Logger } from '../../log.js';
import type { Rooms } from '../../rooms/Rooms.js';
import type { Store } from '../../store/store.js';
import type { BadEventGuard } from '../badEventGuard.js';
import { ALL_COMMANDS } from './allCommands.js';
import { refuse, type CommandSender, type CommandResult } from './officerCommand.js';

export interface CommandDeps {
  rooms: Rooms;
  store: Store;
  log: Logger;
  now?: () => number;
}

/** The event names of every command, for the unknown-event guard. */
export const COMMAND_EVENTS: ReadonlySet<string> = new Set(ALL_COMMANDS.map((command) => command.event));

interface CommandSocket {
  on(event: string, listener: (payload: unknown, ack: unknown) => void): unknown;
}

export function attachCommands(deps: CommandDeps, socket: CommandSocket, sender: CommandSender, guard: BadEventGuard): void {
  for (const command of ALL_COMMANDS) {
    socket.on(command.event, (payload: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return void guard.strike('bad-payload', command.event);
      const answer = ack as (response: CommandResult<object>) => void;
      const parsed = command.payload.safeParse(payload);
      if (!parsed.success) {
        guard.strike('bad-payload', command.event);
        return answer(refuse(ERROR_CODES.invalidInput, parsed.error.issues[0]?.message ?? 'The command could not be read.'));
      }
      if (command.officersOnly && !sender.isOfficer) {
        return answer(refuse(ERROR_CODES.forbidden, 'Only the board’s officers can do this.'));
      }
      deps.rooms
        .withRoom(sender.boardId, (room) =>
          command.run({ sender, room, store: deps.store, log: deps.log, now: (deps.now ?? Date.now)() }, parsed.data),
        )
        .then(answer, (error: unknown) => {
          deps.log.error({ err: error, boardId: sender.boardId, event: command.event }, 'a command failed');
          answer(refuse(ERROR_CODES.internal, 'Something went wrong. Try again.'));
        });
    });
  }
}

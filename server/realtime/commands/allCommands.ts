/**
 * Every socket.io command the server accepts, one line each (see `officerCommand.ts`). Add a command by
 * writing its file beside this one and listing it here.
 */
import { anonymitySet } from './anonymitySet.js';
import type { BoardCommand } from './officerCommand.js';
import { phaseSetCommand } from './phaseSet.js';
import { scheduleSetCommand } from './scheduleSet.js';
import { serverTimeCommand } from './serverTimeCommand.js';
import { spotlightSetCommand } from './spotlightSetCommand.js';
import { timerSetCommand } from './timerSetCommand.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each command has its own payload type
export const ALL_COMMANDS: ReadonlyArray<BoardCommand<any, any>> = [
  phaseSetCommand,
  scheduleSetCommand,
  serverTimeCommand,
  timerSetCommand,
  spotlightSetCommand,
  anonymitySet,
];

/**
 * Every socket.io command the server accepts, one line each (see `officerCommand.ts`). Add a command by
 * writing its file beside this one and listing it here.
 */
import { anonymitySet } from './anonymitySet.js';
import { commentHideCommand } from './commentHideCommand.js';
import { commentRestoreCommand } from './commentRestoreCommand.js';
import { noteHideCommand } from './noteHideCommand.js';
import { noteRestoreCommand } from './noteRestoreCommand.js';
import type { BoardCommand } from './officerCommand.js';
import { personHideAllCommand } from './personHideAllCommand.js';
import { phaseSetCommand } from './phaseSet.js';
import { outcomeSetCommand } from './outcomeSetCommand.js';
import { questionAnswerCommand } from './questionAnswerCommand.js';
import { questionAskCommand } from './questionAskCommand.js';
import { questionsListCommand } from './questionsListCommand.js';
import { sealedSetCommand } from './sealedSet.js';
import { scheduleSetCommand } from './scheduleSet.js';
import { serverTimeCommand } from './serverTimeCommand.js';
import { spotlightSetCommand } from './spotlightSetCommand.js';
import { timerSetCommand } from './timerSetCommand.js';
import { votingSettingsSetCommand } from './votingSettingsSet.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each command has its own payload type
export const ALL_COMMANDS: ReadonlyArray<BoardCommand<any, any>> = [
  phaseSetCommand,
  scheduleSetCommand,
  serverTimeCommand,
  timerSetCommand,
  spotlightSetCommand,
  votingSettingsSetCommand,
  noteHideCommand,
  noteRestoreCommand,
  commentHideCommand,
  commentRestoreCommand,
  personHideAllCommand,
  anonymitySet,
  sealedSetCommand,
  questionAskCommand,
  questionAnswerCommand,
  questionsListCommand,
  outcomeSetCommand,
];

/**
 * `server-time {}`: anyone on the board asks for the server's clock, so their screen can show the timer
 * (and every other countdown) on the server's time whatever their own clock says. The client takes a few
 * samples and keeps the one with the shortest round trip (`client/board/serverClockOffset.ts`).
 */
import { z } from 'zod';
import { TIMER_EVENTS } from '../../../shared/schema/timer.js';
import type { BoardCommand } from './officerCommand.js';

export const serverTimeCommand: BoardCommand<Record<string, never>, { now: number }> = {
  event: TIMER_EVENTS.serverTime,
  payload: z.strictObject({}),
  officersOnly: false,
  // The command's `now` is read once the board is loaded, right before this runs and the ack is sent.
  run: ({ now }) => ({ ok: true, now }),
};

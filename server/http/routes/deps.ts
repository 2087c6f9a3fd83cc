import type { Sessions } from '../../auth/sessions.js';
import type { Config } from '../../config.js';
import type { Logger } from '../../log.js';
import type { Store } from '../../store/store.js';
import type { RateLimits } from '../middleware/rateLimits.js';

/** Signals from the REST side that live connections must hear about (sockets closed, boards frozen). */
export interface AccessEvents {
  /** A board was archived or restored: live documents become read-only or writable again. */
  boardStatusChanged(boardId: string): void;
  /** An invite link was revoked: everyone who joined through it loses access at once. */
  inviteLinkRevoked(boardId: string, linkId: string): void;
  /** A participant was removed: their sockets close and their presence goes at once. */
  participantRemoved(boardId: string, participantId: string): void;
  /** An officer was removed from a board, or left it: their sockets on that board close and their presence goes at once. */
  officerRemoved(boardId: string, accountId: string): void;
}

/** What every route module is given: explicit dependencies, no globals. */
export interface RouteDeps {
  config: Config;
  store: Store;
  sessions: Sessions;
  log: Logger;
  rateLimits: RateLimits;
  accessEvents: AccessEvents;
  now: () => number;
}

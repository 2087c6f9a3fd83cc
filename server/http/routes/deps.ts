import type * as Y from 'yjs';
import type { ModerationReason } from '../../../shared/schema/moderation.js';
import type { Sessions } from '../../auth/sessions.js';
import type { Config } from '../../config.js';
import type { HiddenNotesSource } from '../../export/readers/hiddenNotes.js';
import type { Logger } from '../../log.js';
import type { Rooms } from '../../rooms/Rooms.js';
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

/** The documents of boards loaded in this process, for reads that must not replay the store's log. */
export interface LiveDocuments {
  /**
   * The document's content if its board is loaded here and everything in it is stored (so a read shows
   * nothing a crash could take back); null otherwise (read the store).
   */
  storedContentOf(boardId: string, documentName: string): Promise<Y.Doc | null>;
}

/** Moderation done from REST (removal with "Also hide everything they posted"), through the board's room. */
export interface ModerationActions {
  /** Hides every note and comment `personId` posted on the board; resolves with how many items it hid. */
  hideEverythingOf(boardId: string, personId: string, officerId: string, why: { reason: ModerationReason; detail: string }): Promise<number>;
}

/** What is live on a board now, for its officers' dashboard (issue 14), without loading boards nobody uses. */
export interface BoardActivity {
  /** People (not tabs) with the board's wall open in this process now; 0 when the board is not loaded. */
  peopleNow(boardId: string): Promise<number>;
  /** Notes published on the board's wall, from the loaded wall or else the stored one. */
  ideasOnWall(boardId: string): Promise<number>;
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
  /** Loaded documents (absent in tests that build the app without rooms: reads then use the store). */
  liveDocuments?: LiveDocuments;
  /** Hiding through the rooms (absent in tests that build the app without rooms: asking to hide is then refused). */
  moderation?: ModerationActions;
  /** The boards in memory, for reads that must see the latest state (exports); absent in app-only tests. */
  rooms?: Pick<Rooms, 'withRoom' | 'loaded'>;
  /** Moderation's hidden notes for exports (wired at merge with moderation; absent: nothing reads as hidden). */
  hiddenNotes?: HiddenNotesSource;
  /** Live counts for the dashboard (absent in app-only tests: nobody is here, ideas read from the store). */
  boardActivity?: BoardActivity;
}

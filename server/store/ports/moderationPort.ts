/**
 * The store's port for moderation (issue 12): an append-only log of officers hiding and restoring notes and
 * comments, and the hidden set it implies. Contract: tests/contract/moderationStoreContract.ts.
 */
import type { ModeratedKind, ModerationAction, ModerationReason } from '../../../shared/schema/moderation.js';

/** One moderation action (issue 12): an officer hid or restored a note or comment. The log is append-only. */
export interface ModerationActionRecord {
  boardId: string;
  kind: ModeratedKind;
  /** The item's wall key (`<personId>:<itemId>`). */
  key: string;
  action: ModerationAction;
  /** Why (hide only; null for restore). */
  reason: ModerationReason | null;
  /** The officer's free text (at most 500 characters; empty when none). */
  detail: string;
  /** The officer's account id. */
  officerId: string;
  at: number;
}

export interface ModerationPort {
  /** Appends moderation actions (all of one board) in ONE transaction, in order: all are stored or none. */
  appendModerationActions(actions: readonly ModerationActionRecord[]): Promise<void>;
  /** The board's moderation log, oldest first. */
  listModerationActions(boardId: string): Promise<ModerationActionRecord[]>;
  /** What is hidden on the board now: for each item whose latest action is 'hide', that action. */
  listHiddenItems(boardId: string): Promise<ModerationActionRecord[]>;
}

/**
 * What is hidden on one board now, in memory while the board is loaded: read from the store's log at
 * board load (before the publisher decides anything, so a hidden note is never republished by a load)
 * and changed by the moderation commands only AFTER their action is stored.
 * The publisher asks it per author (`hiddenNotesOf`, `hiddenCommentsOf`): a hidden item is not published.
 */
import { hiddenItemMessage, type ModeratedKind } from '../../shared/schema/moderation.js';
import { parseWallKey } from '../../shared/schema/wall.js';
import type { ModerationActionRecord, ModerationPort } from '../store/store.js';

export class ModerationState {
  /** Latest hide action per item, keyed by `<kind>|<wallKey>`. */
  private readonly hidden = new Map<string, ModerationActionRecord>();

  private constructor(hidden: readonly ModerationActionRecord[]) {
    for (const action of hidden) this.apply(action);
  }

  /** The board's hidden set, from the store. */
  static async load(store: ModerationPort, boardId: string): Promise<ModerationState> {
    return new ModerationState(await store.listHiddenItems(boardId));
  }

  /** Replaces the whole hidden set with the store's (another instance moderated the board: issue 11). */
  replaceAll(hidden: readonly ModerationActionRecord[]): void {
    this.hidden.clear();
    for (const action of hidden) this.apply(action);
  }

  /** Applies a stored action: a hide hides (or replaces the reason), a restore shows again. */
  apply(action: ModerationActionRecord): void {
    const id = itemId(action.kind, action.key);
    if (action.action === 'hide') this.hidden.set(id, action);
    else this.hidden.delete(id);
  }

  isHidden(kind: ModeratedKind, key: string): boolean {
    return this.hidden.has(itemId(kind, key));
  }

  /** The hide action of an item, or null when it is not hidden. */
  hideOf(kind: ModeratedKind, key: string): ModerationActionRecord | null {
    return this.hidden.get(itemId(kind, key)) ?? null;
  }

  /** Every hidden item, in the order they were hidden. */
  all(): ModerationActionRecord[] {
    return [...this.hidden.values()].sort((a, b) => a.at - b.at);
  }

  /** This author's hidden notes: note id → the message the author reads (the publisher's `hiddenNotes`). */
  hiddenNotesOf(personId: string): Map<string, string> {
    return this.hiddenOf('note', personId);
  }

  /** This author's hidden comments: comment id → the message the author reads (for the comments decision). */
  hiddenCommentsOf(personId: string): Map<string, string> {
    return this.hiddenOf('comment', personId);
  }

  /**
   * Every hidden comment of the board, by its wall key, with the message for its author: the comments
   * decision's `hiddenComments` (votes helper: `WallPublisherDeps.hiddenComments = () => this`).
   */
  hiddenCommentsByKey(): Map<string, string> {
    const found = new Map<string, string>();
    for (const action of this.hidden.values()) {
      if (action.kind === 'comment' && action.reason !== null) found.set(action.key, hiddenItemMessage('comment', action.reason, action.detail));
    }
    return found;
  }

  private hiddenOf(kind: ModeratedKind, personId: string): Map<string, string> {
    const found = new Map<string, string>();
    for (const action of this.hidden.values()) {
      const ids = action.kind === kind ? parseWallKey(action.key) : null;
      if (ids && ids.personId === personId && action.reason !== null) {
        found.set(ids.noteId, hiddenItemMessage(kind, action.reason, action.detail));
      }
    }
    return found;
  }
}

function itemId(kind: ModeratedKind, key: string): string {
  return `${kind}|${key}`;
}

/**
 * The export asks for hidden notes through this small interface; `server.ts` wires it to the moderation
 * store's items whose latest action is 'hide' (`hiddenNotesFromModeration` below maps them).
 */
import { parseWallKey } from '../../../shared/schema/wall.js';

/** One note an officer hid, as moderation recorded it. */
export interface HiddenNoteEntry {
  /** The author (the note stays in their draft: the export reads its content there). */
  personId: string;
  noteId: string;
  /** Reason id from moderation's short list ('off-topic', 'duplicate', 'offensive', 'personal-data', 'commercial-in-confidence'). */
  reason: string;
  /** The officer's own words, if any. */
  reasonText: string | null;
  /** ms epoch. */
  hiddenAt: number;
}

/** Where the export finds the hidden notes of a board. */
export interface HiddenNotesSource {
  listHiddenNotes(boardId: string): Promise<HiddenNoteEntry[]>;
}

/** A hidden item as the moderation log records it (its `ModerationActionRecord`, the fields used here). */
export interface ModerationHiddenItem {
  kind: string;
  /** The item's wall key, `<personId>:<itemId>`. */
  key: string;
  reason: string | null;
  /** The officer's own words ('' for none). */
  detail: string;
  at: number;
}

/** The moderation store's hidden items of a board as the export's hidden notes (comments and bad keys skipped). */
export function hiddenNotesFromModeration(listHiddenItems: (boardId: string) => Promise<readonly ModerationHiddenItem[]>): HiddenNotesSource {
  return {
    async listHiddenNotes(boardId) {
      const entries: HiddenNoteEntry[] = [];
      for (const item of await listHiddenItems(boardId)) {
        const ids = parseWallKey(item.key);
        if (item.kind !== 'note' || !ids) continue;
        const detail = item.detail.trim();
        entries.push({ ...ids, reason: item.reason ?? 'hidden', reasonText: detail === '' ? null : detail, hiddenAt: item.at });
      }
      return entries;
    },
  };
}

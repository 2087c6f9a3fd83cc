/**
 * STAND-IN SEAM (export helper, issue 12): the moderation helper owns the moderation table and its store
 * methods. The export asks for hidden notes through this small interface; until moderation is merged no
 * source is wired, so no note reads as hidden. At merge: wire `RouteDeps.hiddenNotes` (server.ts) to the
 * moderation store's list of hidden notes of a board, mapped to `HiddenNoteEntry`.
 */

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

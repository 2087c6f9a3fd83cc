/**
 * Which notes of a list are on the page (issue 15, phones). A 2,000-note wall rendered every card at once:
 * 75–89 s on a phone with a 4× slower CPU before the first screen could be used. Each list (a problem's or
 * stage's notes, or one group of them) now starts with its first few notes and a "Show more notes" button,
 * so a page mounts a few dozen cards whatever the size of the board.
 *
 * Some notes are shown even beyond the window: the viewer's own notes (a note they have just added must not
 * vanish behind "Show more") and a note that is to take focus (it was just moved here).
 */

/** Notes a list shows before "Show more notes": about two phone screens of cards. */
export const NOTES_SHOWN_AT_FIRST = 12;

/** Notes each press of "Show more notes" adds. */
export const MORE_NOTES_STEP = 24;

export interface NoteWindow<T> {
  /** The notes on the page, in the list's order. */
  shown: T[];
  /** Notes of the list not on the page. */
  hiddenCount: number;
}

/**
 * The first `limit` of `notes`, plus any later note for which `isAlwaysShown` is true, in the list's
 * order. `limit` below 0 counts as 0.
 */
export function noteWindow<T>(notes: readonly T[], limit: number, isAlwaysShown: (note: T) => boolean): NoteWindow<T> {
  if (notes.length <= limit) return { shown: [...notes], hiddenCount: 0 };
  const first = Math.max(0, limit);
  const shown = notes.slice(0, first);
  for (let index = first; index < notes.length; index += 1) {
    const note = notes[index]!; // reason: index < length
    if (isAlwaysShown(note)) shown.push(note);
  }
  return { shown, hiddenCount: notes.length - shown.length };
}

/** How many notes the next press of "Show more notes" adds: a step, or fewer when fewer are left. */
export function nextStepCount(hiddenCount: number): number {
  return Math.min(MORE_NOTES_STEP, Math.max(0, hiddenCount));
}

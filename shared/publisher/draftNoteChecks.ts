/**
 * Each draft note's checks before the board's rules (hidden characters, then the schema), remembered per
 * author until the note's fields change (issue 15). A decision reads all of an author's notes, and each
 * check is a scan of the text and a zod parse: an author with twenty notes paid for twenty of each to
 * publish one. The checks are pure functions of the record's own fields (`readRawDraftNotes` gives
 * primitives, or one frozen marker for nested types), so a record whose fields are the same values as
 * last time gets last time's answers.
 */
import { isWellFormedId } from '../ids.js';
import { validateDraftNote, type DraftNoteCheck } from '../schema/draftNotes.js';
import { findHiddenCharacter, type HiddenCharacter } from '../text/hiddenCharacters.js';

/** A note's checks: its first hidden character (the publisher names it to the author), and the schema's answer. */
export interface NoteChecks {
  hidden: HiddenCharacter | null;
  schema: DraftNoteCheck;
}

interface Remembered {
  raw: unknown;
  checks: NoteChecks;
}

export class DraftNoteChecks {
  private readonly byAuthor = new Map<string, Map<string, Remembered>>();

  /**
   * The check of every note in `draftNotes` (raw records keyed by note id), reusing remembered ones.
   * Only the notes passed now are remembered afterwards, so the memory is bounded by the drafts.
   */
  checkAll(personId: string, draftNotes: ReadonlyMap<string, unknown>): Map<string, NoteChecks> {
    const before = this.byAuthor.get(personId);
    const next = new Map<string, Remembered>();
    const found = new Map<string, NoteChecks>();
    for (const [noteId, raw] of draftNotes) {
      const remembered = before?.get(noteId);
      const checks = remembered && sameOwnFields(remembered.raw, raw) ? remembered.checks : checkOne(noteId, raw);
      next.set(noteId, { raw, checks });
      found.set(noteId, checks);
    }
    this.byAuthor.set(personId, next);
    return found;
  }
}

/** The checks `decidePublication` makes of one note before its rules (a note id that is not well formed is refused). */
export function checkOne(noteId: string, raw: unknown): NoteChecks {
  return {
    hidden: hiddenCharacterIn(raw),
    schema: isWellFormedId(noteId) ? validateDraftNote(raw) : { ok: false, problem: 'The note’s id is not valid' },
  };
}

/** The first hidden character in a raw record's text, when the text is a string. */
function hiddenCharacterIn(raw: unknown): HiddenCharacter | null {
  const text = typeof raw === 'object' && raw !== null ? (raw as { text?: unknown }).text : undefined;
  return typeof text === 'string' ? findHiddenCharacter(text, 'multi-line') : null;
}

/** True when both are plain records with the same own keys and identical values (no deep comparison). */
function sameOwnFields(a: unknown, b: unknown): boolean {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  for (const key of keysA) {
    if (!Object.hasOwn(b, key) || (a as Record<string, unknown>)[key] !== (b as Record<string, unknown>)[key]) return false;
  }
  return true;
}

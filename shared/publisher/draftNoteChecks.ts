/**
 * Each draft note's schema check, remembered per author until the note's fields change (issue 15). A
 * decision reads all of an author's notes, and each check is a zod parse (~15–25 µs): an author with
 * twenty notes paid for twenty parses to publish one. The check is a pure function of the record's own
 * fields (`readRawDraftNotes` gives primitives, or one frozen marker for nested types), so a record whose
 * fields are the same values as last time gets last time's answer.
 */
import { isWellFormedId } from '../ids.js';
import { validateDraftNote, type DraftNoteCheck } from '../schema/draftNotes.js';

interface Remembered {
  raw: unknown;
  check: DraftNoteCheck;
}

export class DraftNoteChecks {
  private readonly byAuthor = new Map<string, Map<string, Remembered>>();

  /**
   * The check of every note in `draftNotes` (raw records keyed by note id), reusing remembered ones.
   * Only the notes passed now are remembered afterwards, so the memory is bounded by the drafts.
   */
  checkAll(personId: string, draftNotes: ReadonlyMap<string, unknown>): Map<string, DraftNoteCheck> {
    const before = this.byAuthor.get(personId);
    const next = new Map<string, Remembered>();
    const checks = new Map<string, DraftNoteCheck>();
    for (const [noteId, raw] of draftNotes) {
      const remembered = before?.get(noteId);
      const check = remembered && sameOwnFields(remembered.raw, raw) ? remembered.check : checkOne(noteId, raw);
      next.set(noteId, { raw, check });
      checks.set(noteId, check);
    }
    this.byAuthor.set(personId, next);
    return checks;
  }

  /** Forgets an author (their draft was unloaded). */
  forget(personId: string): void {
    this.byAuthor.delete(personId);
  }
}

/** The schema check `decidePublication` makes of one note (a note id that is not well formed is refused). */
export function checkOne(noteId: string, raw: unknown): DraftNoteCheck {
  return isWellFormedId(noteId) ? validateDraftNote(raw) : { ok: false, problem: 'The note’s id is not valid' };
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

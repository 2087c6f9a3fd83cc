/**
 * What the author sees on each of their own notes: waiting, on the wall, or not published and why.
 * ARCHITECTURE.md: a note is *published* when the wall holds it as it is in the draft (text, colour and
 * target); *not published* when the server said so (refused, or kept private); otherwise *waiting*
 * (offline, still being sent, or deferred by a rule the server will re-decide).
 */
import type { NoteStatusPayload } from '../../shared/protocol/socketEvents.js';
import { RULE_IDS } from '../../shared/publisher.js';
import { isOnWallAsDrafted } from '../../shared/publisher/sameAsWall.js';
import type { WallNote } from '../../shared/schema/wall.js';
import type { MyNote } from './myNotes.js';

export type NoteState = 'waiting' | 'published' | 'not-published';

export interface NoteStateView {
  state: NoteState;
  /** Shown on the note, and read by screen readers. Never colour alone. */
  label: string;
  /** Waiting because the change has not reached the server (counted in the offline status). */
  isUnsent: boolean;
}

export const CONFIDENTIAL_LABEL = 'Confidential: only council officers can see this';

const PUBLISHED: NoteStateView = { state: 'published', label: 'On the wall', isUnsent: false };
const UNSENT: NoteStateView = { state: 'waiting', label: 'Waiting to send', isUnsent: true };

/** The state of one note, given its wall copy (if any) and the latest note status from the server. */
export function noteStateOf(
  note: MyNote,
  onWall: WallNote | undefined,
  reported: NoteStatusPayload['notPublished'][number] | undefined,
): NoteStateView {
  if (note.visibility === 'confidential') {
    // Known here without asking: a confidential note is never published. Until the server takes an
    // earlier public version down, it is still on the wall.
    return onWall === undefined
      ? { state: 'not-published', label: CONFIDENTIAL_LABEL, isUnsent: false }
      : { state: 'waiting', label: 'Waiting to be taken off the wall', isUnsent: true };
  }
  if (isOnWallAsDrafted(note, onWall)) return PUBLISHED;
  if (reported === undefined) return UNSENT;
  switch (reported.kind) {
    case 'deferred':
      return { state: 'waiting', label: `Waiting: ${reported.message}`, isUnsent: false };
    case 'private':
      return {
        state: 'not-published',
        label: reported.rule === RULE_IDS.confidential ? CONFIDENTIAL_LABEL : `Not published: ${reported.message}`,
        isUnsent: false,
      };
    case 'refused':
      return { state: 'not-published', label: `Not published: ${reported.message}`, isUnsent: false };
  }
}

/** States of all the author's notes, by note id. `mineOnWall` is the wall's notes of this author by note id. */
export function noteStatesOf(
  notes: readonly MyNote[],
  mineOnWall: ReadonlyMap<string, WallNote>,
  status: NoteStatusPayload | null,
): Map<string, NoteStateView> {
  const reportedById = new Map((status?.notPublished ?? []).map((entry) => [entry.noteId, entry] as const));
  return new Map(notes.map((note) => [note.noteId, noteStateOf(note, mineOnWall.get(note.noteId), reportedById.get(note.noteId))]));
}

/** How many notes are waiting to reach the server. */
export function countUnsent(states: ReadonlyMap<string, NoteStateView>): number {
  let count = 0;
  for (const view of states.values()) if (view.isUnsent) count += 1;
  return count;
}

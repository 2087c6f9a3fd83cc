/**
 * What every part of the wall needs to know about the viewer and their documents, so lanes and notes
 * do not pass it down by hand. Provided once by `WallView`.
 */
import { createContext, useContext } from 'react';
import type * as Y from 'yjs';
import type { NoteTarget } from './noteTargets.js';
import type { NoteStateView } from './noteStates.js';
import type { PresentPerson } from './presence.js';

export interface WallContextValue {
  personId: string;
  /** May add, edit and move their own notes now (a writer, board open, phase open, draft loaded). */
  canPost: boolean;
  /** May delete their own notes (authors may always withdraw while their draft is writable). */
  canWithdraw: boolean;
  /** May change the brief (an officer of an open board). */
  canEditBrief: boolean;
  briefDoc: Y.Doc | null;
  draftDoc: Y.Doc | null;
  targets: NoteTarget[];
  noteStates: ReadonlyMap<string, NoteStateView>;
  typingByTarget: ReadonlyMap<string, PresentPerson[]>;
  /** A keystroke in a note form (or its "confidential" box changed): see `useTyping`. */
  noteTyping(targetId: string, isConfidential?: boolean): void;
  stopTyping(): void;
  /** Says something to screen reader users (polite). */
  announce(text: string): void;
  /** A note (by page key) that should take focus when it next mounts, e.g. after moving lanes. */
  focusNoteKey: string | null;
  requestFocus(noteKey: string | null): void;
}

export const WallContext = createContext<WallContextValue | null>(null);

export function useWallContext(): WallContextValue {
  const value = useContext(WallContext);
  if (value === null) throw new Error('useWallContext must be used inside <WallContext.Provider>');
  return value;
}

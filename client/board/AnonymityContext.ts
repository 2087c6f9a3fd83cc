/**
 * Anonymous mode as the wall page needs it (shared/schema/anonymity.ts): whether the board is anonymous,
 * and for officers only the names of the authors, from the officer-only REST participants list (the wall
 * itself carries no participant's name in this mode). Provided once by `WallView`.
 */
import { createContext, useContext } from 'react';

export interface AuthorName {
  name: string;
  organisation: string;
}

export interface AnonymityView {
  isAnonymous: boolean;
  /** The viewer is one of the board's officers (may switch the mode, sees authors from REST). */
  isOfficer: boolean;
  /** Officers only, while anonymous: who each person id is. Null for everyone else, or not loaded yet. */
  officerNames: ReadonlyMap<string, AuthorName> | null;
}

export const NOT_ANONYMOUS: AnonymityView = { isAnonymous: false, isOfficer: false, officerNames: null };

export const AnonymityContext = createContext<AnonymityView>(NOT_ANONYMOUS);

export function useAnonymityView(): AnonymityView {
  return useContext(AnonymityContext);
}

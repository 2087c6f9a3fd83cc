import { useEffect, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { readAnonymous } from '../../shared/schema/anonymity.js';
import { WALL_ROOTS } from '../../shared/schema/roots.js';
import { parseWallKey, readWallPeople } from '../../shared/schema/wall.js';
import { useSession } from '../session/SessionContext.js';
import type { AnonymityView, AuthorName } from './AnonymityContext.js';
import { useDocSnapshot } from './useDocSnapshot.js';

/** Least time between two loads of the participants list, in ms (a burst of new authors loads it once). */
const RELOAD_NAMES_AFTER_MS = 5_000;

/**
 * The board's anonymous mode from the brief, and for officers the authors' names from the REST
 * participants list: loaded while anonymous, and again (at most every RELOAD_NAMES_AFTER_MS) when a note
 * by someone the list does not name appears.
 */
export function useAnonymity(boardId: string, briefDoc: Y.Doc | null, wallDoc: Y.Doc | null, isOfficer: boolean): AnonymityView {
  const isAnonymous = useDocSnapshot(briefDoc, readAnonymous, false);
  const wantsNames = isAnonymous && isOfficer;
  // Only officers of an anonymous board read the wall's authors here (a string, so React skips equal reads).
  const authorIds = useDocSnapshot(wantsNames ? wallDoc : null, readParticipantAuthorIds, '');
  const { api } = useSession();
  const [names, setNames] = useState<ReadonlyMap<string, AuthorName> | null>(null);
  const [lastLoadAt, setLastLoadAt] = useState(0);
  /** The authors the last load was for: not loaded again for them (someone may no longer be listed). */
  const [loadedFor, setLoadedFor] = useState<string | null>(null);

  const hasUnknownAuthor = useMemo(
    () => names === null || (authorIds !== loadedFor && authorIds.split(' ').some((id) => id !== '' && !names.has(id))),
    [names, authorIds, loadedFor],
  );

  useEffect(() => {
    if (!wantsNames || !hasUnknownAuthor) return;
    let isCurrent = true;
    const timer = setTimeout(
      () => {
        api.listParticipants(boardId).then(
          ({ participants }) => {
            if (!isCurrent) return;
            setNames(new Map(participants.map((person) => [person.id, { name: person.name, organisation: person.organisation }])));
            setLoadedFor(authorIds);
            setLastLoadAt(Date.now());
          },
          // The names stay as they were; tried again after the wait.
          () => isCurrent && setLastLoadAt(Date.now()),
        );
      },
      Math.max(0, lastLoadAt + RELOAD_NAMES_AFTER_MS - Date.now()),
    );
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [api, boardId, wantsNames, hasUnknownAuthor, authorIds, lastLoadAt]);

  return useMemo(() => ({ isAnonymous, isOfficer, officerNames: wantsNames ? names : null }), [isAnonymous, isOfficer, wantsNames, names]);
}

/** Person ids of the wall's note authors who are not officers on the wall, sorted, space-separated. */
function readParticipantAuthorIds(wall: Y.Doc): string {
  const officers = new Set([...readWallPeople(wall)].filter(([, person]) => person.role === 'officer').map(([personId]) => personId));
  const ids = new Set<string>();
  wall.getMap<unknown>(WALL_ROOTS.notes).forEach((_, key) => {
    const personId = parseWallKey(key)?.personId;
    if (personId && !officers.has(personId)) ids.add(personId);
  });
  return [...ids].sort().join(' ');
}

/** The author's person id of a wall note's page key (`<personId>:<noteId>`), or null for one's own drafts. */
export function authorIdOfKey(key: string): string | null {
  return parseWallKey(key)?.personId ?? null;
}

/**
 * Anonymous mode (issue 12), the brief's `meta.anonymous`: a boolean written by the server on an officer's
 * `anonymity-set` command. Absent or anything but `true` reads as false (boards made before it existed
 * show authors).
 *
 * What it means is decided by the server, not hidden by the client:
 * - the wall carries no `people` entry of a participant while it is on (the publisher removes them when
 *   it is switched on and writes them back when it is switched off); officers' own entries stay;
 * - presence sent to anyone but officers carries no person id, name or organisation of a participant;
 * - officers still see who wrote what, from the officer-only REST participants list.
 * Note records keep `author` = person id (their key is `<personId>:<noteId>`), so a person id must never
 * be linkable to a name for a participant while the board is anonymous.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { BRIEF_ROOTS } from './roots.js';
import type { WallRole } from './wall.js';

/** Field of the brief's meta map holding anonymous mode. */
export const ANONYMOUS_FIELD = 'anonymous';

/** True when the board is in anonymous mode now; absent or malformed reads as false. */
export function readAnonymous(doc: Y.Doc): boolean {
  return doc.getMap<unknown>(BRIEF_ROOTS.meta).get(ANONYMOUS_FIELD) === true;
}

/** Payload of the officers' `anonymity-set` command. */
export const anonymitySetPayload = z.strictObject({ anonymous: z.boolean() });
export type AnonymitySetPayload = z.infer<typeof anonymitySetPayload>;

/** The socket.io event name of the command. */
export const ANONYMITY_SET_EVENT = 'anonymity-set';

/**
 * Whether the wall may carry this author's name and organisation: always for officers (an officer's note
 * shows who in the council wrote it), for participants only while the board is not anonymous.
 */
export function mayShowAuthorOnWall(role: WallRole, isAnonymous: boolean): boolean {
  return role === 'officer' || !isAnonymous;
}

/** The author line a participant's view shows for a note in anonymous mode. */
export const ANONYMOUS_AUTHOR_LABEL = 'Anonymous';
/** The author line of one's own note in anonymous mode. */
export const OWN_NOTE_AUTHOR_LABEL = 'You';
/** The name presence shows non-officers for a participant in anonymous mode. */
export const ANONYMOUS_PRESENCE_NAME = 'Participant';
/** The name presence shows non-officers for an observer in anonymous mode. */
export const ANONYMOUS_OBSERVER_NAME = 'Observer';

/** Prefix of the presence id of a participant shown without identity (anonymous mode). */
export const ANONYMOUS_PRESENCE_ID_PREFIX = 'anonymous-';

/**
 * The `user` of a participant's presence state as non-officers see it in anonymous mode: no person id,
 * name or organisation; the id is made from the awareness client id, which the message carries anyway.
 */
export function anonymousPresenceUser(
  clientId: number,
  role: 'participant' | 'observer',
): { id: string; name: string; organisation: string; role: 'participant' | 'observer' } {
  const name = role === 'observer' ? ANONYMOUS_OBSERVER_NAME : ANONYMOUS_PRESENCE_NAME;
  return { id: `${ANONYMOUS_PRESENCE_ID_PREFIX}${clientId}`, name, organisation: '', role };
}

/** True for a presence id made by `anonymousPresenceUser` (the client shows it as one more participant). */
export function isAnonymousPresenceId(id: string): boolean {
  return id.startsWith(ANONYMOUS_PRESENCE_ID_PREFIX);
}

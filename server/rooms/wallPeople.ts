/**
 * The wall's `people` root under anonymous mode (shared/schema/anonymity.ts). The publisher is the wall's
 * only writer; these helpers are the part of it that keeps `people` in step with the brief's
 * `meta.anonymous`:
 * - switched on: every participant's entry is deleted in one wall transaction (officers' stay). The
 *   server's wall has gc on, so a deleted entry's content (the name and organisation) is dropped from the
 *   document at once: a late joiner's sync carries none of it. The caller then compacts the stored wall
 *   so the stored log does not replay them either (after a restart, or when a reader is served from the
 *   store).
 * - switched off: every author with something on the wall gets their entry back.
 */
import type * as Y from 'yjs';
import { isWellFormedId } from '../../shared/ids.js';
import { WALL_ROOTS } from '../../shared/schema/roots.js';
import { parseWallKey, putWallPerson, wallPersonSchema, type WallRole } from '../../shared/schema/wall.js';
import type { PresenceIdentity } from './Presence.js';

/** Wall roots whose records name their author in an `author` field (notes, and comments once they exist). */
const AUTHORED_ROOTS = [WALL_ROOTS.notes, 'comments'] as const;

/**
 * Deletes the `people` entry of everyone who is not an officer (inside the caller's transaction, or its
 * own). An entry that does not parse is deleted too: only a well-formed officer entry is known to be safe.
 * Returns how many were deleted.
 */
export function removeParticipantPeople(wall: Y.Doc, origin: unknown): number {
  const people = wall.getMap<unknown>(WALL_ROOTS.people);
  const doomed: string[] = [];
  people.forEach((value, personId) => {
    const parsed = wallPersonSchema.safeParse(value);
    if (!parsed.success || parsed.data.role !== 'officer') doomed.push(personId);
  });
  if (doomed.length > 0) wall.transact(() => doomed.forEach((personId) => people.delete(personId)), origin);
  return doomed.length;
}

/** True when the wall holds any entry in `people` that is not a well-formed officer's. */
export function hasParticipantPeople(wall: Y.Doc): boolean {
  for (const value of wall.getMap<unknown>(WALL_ROOTS.people).values()) {
    const parsed = wallPersonSchema.safeParse(value);
    if (!parsed.success || parsed.data.role !== 'officer') return true;
  }
  return false;
}

/**
 * Person ids of everyone with a record on the wall (a note, or a comment once comments exist) who has no
 * entry in `people`: the entries to write back when anonymous mode is switched off (or was switched off
 * while the server was down). Read tolerantly: only the `author` field (or a note's key) matters here.
 */
export function authorsWithoutPeople(wall: Y.Doc): string[] {
  const people = wall.getMap<unknown>(WALL_ROOTS.people);
  const missing = new Set<string>();
  for (const root of AUTHORED_ROOTS) {
    wall.getMap<unknown>(root).forEach((value, key) => {
      const author = authorOf(value) ?? parseWallKey(key)?.personId ?? null;
      if (author && !people.has(author)) missing.add(author);
    });
  }
  return [...missing];
}

function authorOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const author = (value as { author?: unknown }).author;
  return isWellFormedId(author) ? author : null;
}

/** The wall role of a person who may author (observers never write, so they have none). */
export function wallRoleOf(identity: PresenceIdentity): WallRole | null {
  if (identity.role === 'observer') return null;
  return identity.role;
}

/** Writes back the entries of these people (inside the caller's transaction). Unknown people are skipped. */
export function restorePeople(wall: Y.Doc, identities: ReadonlyArray<PresenceIdentity | null>): void {
  for (const identity of identities) {
    const role = identity && wallRoleOf(identity);
    if (!identity || !role) continue;
    putWallPerson(wall, identity.personId, { name: identity.name, organisation: identity.organisation, role });
  }
}

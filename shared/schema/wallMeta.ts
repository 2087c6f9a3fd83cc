/**
 * The wall's `meta` root: its schema version. Readers of the wall are tolerant (unknown fields and roots
 * are ignored), so adding a field or a root does not need a new version; a change an older reader would
 * misread (a record's meaning or shape changing) does. A page whose reader knows an older version than the
 * wall's tells its person to reload instead of showing a wall it may misread.
 *
 * Versions: 1 — notes and people (no `meta` root); 2 — `meta`, and the workshop roots (tallies, comments);
 * 3 — compact note records (`wallNoteRecord.ts`: a positional array an older page cannot read);
 * 4 — a compact record's target is a number in the wall's `targets` table (`wallTargets.ts`), and its
 *     last entry is left out when 0: a page of version 3 would drop every such note.
 */
import type * as Y from 'yjs';
import { WALL_ROOTS } from './roots.js';

export const WALL_SCHEMA_VERSION = 4;
const SCHEMA_VERSION_FIELD = 'schemaVersion';

/** The version the server wrote, or 1 when there is none yet (a wall from before versions). */
export function readWallSchemaVersion(doc: Y.Doc): number {
  const value = doc.getMap<unknown>(WALL_ROOTS.meta).get(SCHEMA_VERSION_FIELD);
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : 1;
}

/** Server only: stamps this server's version on the wall when it differs (in a transaction tagged `origin`). */
export function stampWallSchemaVersion(doc: Y.Doc, origin: unknown): void {
  if (readWallSchemaVersion(doc) === WALL_SCHEMA_VERSION && doc.getMap<unknown>(WALL_ROOTS.meta).has(SCHEMA_VERSION_FIELD)) return;
  doc.transact(() => doc.getMap<unknown>(WALL_ROOTS.meta).set(SCHEMA_VERSION_FIELD, WALL_SCHEMA_VERSION), origin);
}

/** True when a page reading with `WALL_SCHEMA_VERSION` cannot follow this wall: it should reload. */
export function isWallNewerThanThisPage(doc: Y.Doc): boolean {
  return readWallSchemaVersion(doc) > WALL_SCHEMA_VERSION;
}

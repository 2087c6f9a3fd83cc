/**
 * The wall's time base (`meta.timeBase`, ms epoch): compact note records store their creation time as a
 * distance from it, a small integer instead of an 8-byte float (`wallNoteRecord.ts`). Set ONCE, by the
 * server, with the first compact note it writes; never changed afterwards (every stored record depends
 * on it). A wall without one reads as base 0, i.e. absolute times.
 */
import type * as Y from 'yjs';
import { WALL_ROOTS } from './roots.js';

const TIME_BASE_FIELD = 'timeBase';

/** The wall's time base, or 0 when it has none (yet). */
export function readWallTimeBase(doc: Y.Doc): number {
  const value = doc.getMap<unknown>(WALL_ROOTS.meta).get(TIME_BASE_FIELD);
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0;
}

/**
 * Server only, inside the transaction that writes notes: the wall's time base, set to `proposed` first
 * when the wall has none.
 */
export function ensureWallTimeBase(doc: Y.Doc, proposed: number): number {
  const meta = doc.getMap<unknown>(WALL_ROOTS.meta);
  if (meta.has(TIME_BASE_FIELD)) return readWallTimeBase(doc);
  const base = Math.max(0, Math.floor(proposed));
  meta.set(TIME_BASE_FIELD, base);
  return base;
}

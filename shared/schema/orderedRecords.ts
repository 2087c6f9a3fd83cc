/**
 * Ordered collections: a Y.Map<id, Y.Map> whose records carry a fractional `order` number.
 * Problems, service maps and stages all use this. Readers sort by `order` (ties by id, so every
 * device shows the same order after concurrent inserts); writers insert between two neighbours by
 * taking the midpoint, and renumber the siblings when floating point runs out of room.
 */
import * as Y from 'yjs';

/** The field every ordered record keeps its position in. */
export const ORDER_FIELD = 'order';

/** One record of an ordered collection, with its position as read (non-numbers sort last). */
export interface OrderedEntry {
  id: string;
  record: Y.Map<unknown>;
  order: number;
}

/** The `order` of a record as a finite number, or +Infinity when it is missing or not a finite number. */
export function orderOf(record: Y.Map<unknown>): number {
  const order = record.get(ORDER_FIELD);
  return typeof order === 'number' && Number.isFinite(order) ? order : Number.POSITIVE_INFINITY;
}

/** Records of `collection` that are Y.Maps, sorted by order then id. Other values are ignored. */
export function sortedEntries(collection: Y.Map<unknown>): OrderedEntry[] {
  const entries: OrderedEntry[] = [];
  collection.forEach((value, id) => {
    if (value instanceof Y.Map) entries.push({ id, record: value as Y.Map<unknown>, order: orderOf(value) });
  });
  return entries.sort(compareEntries);
}

function compareEntries(a: OrderedEntry, b: OrderedEntry): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}

/**
 * The order number that places a record at `index` among `siblings` (sorted, not containing it).
 * `index` is clamped to 0…siblings.length. Between a and b it is (a+b)/2; before the first, first−1;
 * after the last, last+1; in an empty collection, 0. When the midpoint is not strictly between its
 * neighbours (floating point exhausted, equal or non-finite orders), the siblings are renumbered
 * 0, 1, 2… first. Call inside a transaction.
 */
export function orderForIndex(siblings: OrderedEntry[], index: number): number {
  const at = Math.max(0, Math.min(siblings.length, Math.trunc(Number.isFinite(index) ? index : siblings.length)));
  const before = siblings[at - 1];
  const after = siblings[at];
  let candidate: number;
  if (before === undefined) candidate = after === undefined ? 0 : after.order - 1;
  else candidate = after === undefined ? before.order + 1 : (before.order + after.order) / 2;
  const fits =
    Number.isFinite(candidate) &&
    (before === undefined || candidate > before.order) &&
    (after === undefined || candidate < after.order);
  if (fits) return candidate;
  siblings.forEach((entry, position) => {
    entry.record.set(ORDER_FIELD, position);
    entry.order = position;
  });
  return at === siblings.length ? at : at - 0.5;
}

/**
 * Moves the record `id` of `collection` to `newIndex` (its index in the sorted list after the move), in
 * one transaction (renumbering siblings, when needed, goes in the same one). Returns false, changing
 * nothing, when there is no such record.
 */
export function moveEntry(collection: Y.Map<unknown>, id: string, newIndex: number): boolean {
  const entries = sortedEntries(collection);
  const moving = entries.find((entry) => entry.id === id);
  if (moving === undefined) return false;
  const move = () => {
    const siblings = entries.filter((entry) => entry.id !== id);
    moving.record.set(ORDER_FIELD, orderForIndex(siblings, newIndex));
  };
  if (collection.doc) collection.doc.transact(move);
  else move();
  return true;
}

/** Removes the record `id` of `collection`. False when there was no such record. */
export function removeEntry(collection: Y.Map<unknown> | undefined, id: string): boolean {
  if (collection === undefined || !collection.has(id)) return false;
  collection.delete(id);
  return true;
}

/** The plain text of a Y.Text field of `record`, or '' when it is missing or not a Y.Text. */
export function textOf(record: Y.Map<unknown>, field: string): string {
  const value = record.get(field);
  return value instanceof Y.Text ? value.toString() : '';
}

/** The Y.Text field of `record` (for binding to an editor), or null when it is missing or not a Y.Text. */
export function textFieldOf(record: Y.Map<unknown> | undefined, field: string): Y.Text | null {
  const value = record?.get(field);
  return value instanceof Y.Text ? value : null;
}

/** The Y.Map record `id` of `collection`, or undefined when absent or not a Y.Map. */
export function recordOf(collection: Y.Map<unknown>, id: string): Y.Map<unknown> | undefined {
  const value = collection.get(id);
  return value instanceof Y.Map ? (value as Y.Map<unknown>) : undefined;
}

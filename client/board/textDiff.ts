/**
 * Turning a text field's new value into the smallest Y.Text change, and keeping a caret in place when
 * someone else's change arrives. Two officers can then type in the same field at once: each keystroke
 * is one small insert or delete at its own position, which Yjs merges, instead of "replace the whole text".
 */

/** One contiguous change: delete `deleteCount` code units at `index`, then insert `insert` there. */
export interface TextChange {
  index: number;
  deleteCount: number;
  insert: string;
}

/** One op of a Y.Text event's delta (Quill format). */
export type TextDeltaOp = { insert?: unknown; retain?: number; delete?: number };

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The change from `before` to `after` (common prefix and suffix kept), or null when they are equal.
 * `caret` is where the caret is in `after`, when known: typing "a" into "aa" is then placed at the
 * caret rather than at the end. A change never splits a surrogate pair.
 */
export function diffText(before: string, after: string, caret?: number | null): TextChange | null {
  if (before === after) return null;
  const shortest = Math.min(before.length, after.length);
  const grown = Math.max(0, after.length - before.length);
  const prefixCap = caret === undefined || caret === null ? shortest : Math.max(0, Math.min(shortest, caret - grown));
  let start = 0;
  while (start < prefixCap && before.charCodeAt(start) === after.charCodeAt(start)) start += 1;
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start -= 1;
  let end = 0;
  const suffixCap = shortest - start;
  while (end < suffixCap && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end += 1;
  if (end > 0 && isLowSurrogate(before.charCodeAt(before.length - end))) end -= 1;
  return { index: start, deleteCount: before.length - start - end, insert: after.slice(start, after.length - end) };
}

/**
 * Where `index` (a caret in the old text) ends up after a remote change given as a Y.Text delta.
 * Retains and deletes count positions of the old text; an insert before the caret pushes it right, and
 * one exactly at the caret leaves it before the new text.
 */
export function shiftIndexThroughDelta(index: number, delta: readonly TextDeltaOp[]): number {
  let oldPosition = 0;
  let shift = 0;
  for (const op of delta) {
    if (oldPosition >= index) break;
    if (typeof op.retain === 'number') {
      oldPosition += op.retain;
    } else if (typeof op.delete === 'number') {
      shift -= Math.min(op.delete, index - oldPosition);
      oldPosition += op.delete;
    } else if (op.insert !== undefined) {
      shift += typeof op.insert === 'string' ? op.insert.length : 1;
    }
  }
  return Math.max(0, index + shift);
}

/**
 * The wall's target table (root `targets`, since wall schema version 4): each problem or stage a published
 * note is for, once, under a small number. A compact note record stores that number instead of the
 * 21-character target id (`wallNoteRecord.ts`): 2 bytes instead of 23 on every note of the wall, for
 * about 25 bytes once per target (issue 15: a lone note within 1.5× of its text and author id).
 *
 * Stored as Y.Map<ref, targetId>: the key is the ref in decimal ('0', '1', …), the value a well-formed id.
 * Written ONLY by the server, inside the transaction that writes the note that first needs a ref (so a
 * reader never sees a record before its ref); a ref is never reassigned or removed, since every stored
 * record depends on it. One writer per board is the publisher lease's job (ADR 0006); see ADR 0009 for
 * what an overlap of two writers could do here.
 */
import type * as Y from 'yjs';
import { isWellFormedId } from '../ids.js';
import { WALL_ROOTS } from './roots.js';

/** Refs in decimal without leading zeros, so one ref has one key. */
const REF_PATTERN = /^(0|[1-9][0-9]{0,8})$/;

/** Ref → target id; a ref with no valid entry is absent. */
export type WallTargets = ReadonlyMap<number, string>;

/** The wall's target table (empty for walls of versions 1–3, whose records hold the target id itself). */
export function readWallTargets(doc: Y.Doc): Map<number, string> {
  const targets = new Map<number, string>();
  doc.getMap<unknown>(WALL_ROOTS.targets).forEach((targetId, ref) => {
    if (REF_PATTERN.test(ref) && isWellFormedId(targetId)) targets.set(Number(ref), targetId);
  });
  return targets;
}

/**
 * Server only, inside the transaction that writes notes: a function giving each target id its ref, adding
 * a target the table does not have yet under the next free ref. Reads the table once per call. A target
 * that is not a well-formed id (the publisher never publishes one) gets no ref: the record keeps the id
 * itself, as in version 3.
 */
export function wallTargetRefs(doc: Y.Doc): (targetId: string) => number | string {
  const table = doc.getMap<unknown>(WALL_ROOTS.targets);
  const refOf = new Map<string, number>();
  let next = 0;
  table.forEach((targetId, ref) => {
    if (!REF_PATTERN.test(ref)) return;
    // Every key, valid or not, takes its number: a ref is never given to a second target.
    next = Math.max(next, Number(ref) + 1);
    if (isWellFormedId(targetId) && !refOf.has(targetId)) refOf.set(targetId, Number(ref));
  });
  return (targetId) => {
    if (!isWellFormedId(targetId)) return targetId;
    let ref = refOf.get(targetId);
    if (ref === undefined) {
      ref = next;
      next += 1;
      table.set(String(ref), targetId);
      refOf.set(targetId, ref);
    }
    return ref;
  };
}

/**
 * Server only: gives every target in `targetIds` that the table lacks its number now, in one transaction
 * with `origin`. The publisher calls it when the brief gains a problem or stage, so the first note for it
 * is as small as any other (its number is already on every reader's wall). Returns whether it wrote.
 */
export function numberNewTargets(doc: Y.Doc, targetIds: Iterable<string>, origin: unknown): boolean {
  const known = new Set(readWallTargets(doc).values());
  const missing = [...targetIds].filter((targetId) => isWellFormedId(targetId) && !known.has(targetId));
  if (missing.length === 0) return false;
  doc.transact(() => {
    const refOf = wallTargetRefs(doc);
    for (const targetId of missing) refOf(targetId);
  }, origin);
  return true;
}

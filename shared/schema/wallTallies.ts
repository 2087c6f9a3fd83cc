/**
 * The wall's `tallies` root: Y.Map<wallKey, { votes?, plusOne?, question?, doneThis? }>, counts per note,
 * written only by the server (the publisher) in its tick transaction. A count of zero is absent; `votes` is
 * absent while the board hides votes until voting closes. Readers are tolerant: unknown fields are ignored.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import type { Reaction } from './draftReactions.js';
import { WALL_ROOTS } from './roots.js';
import { parseWallKey, type WallKey } from './wall.js';

/** Counts on one note; each field absent when zero (or, for votes, hidden). */
export interface WallTally {
  votes?: number;
  plusOne?: number;
  question?: number;
  doneThis?: number;
}

/** The tally field of each reaction. */
export const TALLY_FIELD_OF_REACTION: Readonly<Record<Reaction, 'plusOne' | 'question' | 'doneThis'>> = {
  'plus-one': 'plusOne',
  question: 'question',
  'done-this': 'doneThis',
};

const count = z.number().int().positive().optional();
/** Reads a tally tolerantly: known fields are checked, unknown ones dropped (a newer server may add some). */
export const wallTallySchema = z.object({ votes: count, plusOne: count, question: count, doneThis: count });

/** Every valid tally of the wall keyed by the note's wall key. */
export function readWallTallies(doc: Y.Doc): Map<WallKey, WallTally> {
  const tallies = new Map<WallKey, WallTally>();
  doc.getMap<unknown>(WALL_ROOTS.tallies).forEach((value, key) => {
    const parsed = wallTallySchema.safeParse(value);
    if (parsed.success && parseWallKey(key)) tallies.set(key as WallKey, withoutAbsent(parsed.data));
  });
  return tallies;
}

/** The tally with only the fields that are set (so two equal tallies have equal JSON). */
export function withoutAbsent(tally: WallTally): WallTally {
  const clean: WallTally = {};
  for (const field of ['votes', 'plusOne', 'question', 'doneThis'] as const) {
    const value = tally[field];
    if (value !== undefined && value > 0) clean[field] = value;
  }
  return clean;
}

/** True when two tallies hold the same counts. */
export function sameTally(left: WallTally, right: WallTally): boolean {
  const a = withoutAbsent(left);
  const b = withoutAbsent(right);
  return a.votes === b.votes && a.plusOne === b.plusOne && a.question === b.question && a.doneThis === b.doneThis;
}

/**
 * Server only: makes the wall's tallies equal `next` (inside the caller's transaction): changed entries
 * are set, entries no longer counted or empty are deleted, equal ones are left alone (no update at all).
 */
export function writeWallTallies(doc: Y.Doc, next: ReadonlyMap<WallKey, WallTally>): void {
  const root = doc.getMap<unknown>(WALL_ROOTS.tallies);
  const current = readWallTallies(doc);
  for (const key of [...root.keys()]) {
    const wanted = next.get(key as WallKey);
    if (!wanted || Object.keys(withoutAbsent(wanted)).length === 0) root.delete(key);
  }
  for (const [key, tally] of next) {
    const clean = withoutAbsent(tally);
    if (Object.keys(clean).length === 0) continue;
    const existing = current.get(key);
    if (!existing || !sameTally(existing, clean) || !root.has(key)) root.set(key, clean);
  }
}

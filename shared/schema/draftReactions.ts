/**
 * A draft's `reactions` root: Y.Map<wallKey, string[]>, the reactions this person gives each note of the
 * wall, a subset of `REACTIONS` (one of each per person per note). Written only by the reactor; untrusted:
 * the publisher validates each entry and decides in `shared/publisher/reactions.ts`.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { DRAFT_ROOTS } from './roots.js';
import { parseWallKey, type WallKey } from './wall.js';

/** The reactions, a closed set, in display order. */
export const REACTIONS = ['plus-one', 'question', 'done-this'] as const;
export type Reaction = (typeof REACTIONS)[number];

/** What each reaction says, for buttons and screen readers. */
export const REACTION_LABELS: Readonly<Record<Reaction, string>> = {
  'plus-one': '+1',
  question: 'Question',
  'done-this': 'We have done this',
};

/** One entry: a list of distinct known reactions (an empty list means none). */
export const draftReactionListSchema = z
  .array(z.enum(REACTIONS, { error: 'The reaction is not one the board knows' }), { error: 'The reactions are not a list' })
  .max(REACTIONS.length, { error: 'A note can have each reaction once' })
  .refine((list) => new Set(list).size === list.length, { error: 'A note can have each reaction once' });

export type DraftReactionCheck = { ok: true; key: WallKey; reactions: ReadonlySet<Reaction> } | { ok: false; problem: string };

/** Validates one raw entry of the reactions root: its key must be a note's wall key. */
export function validateDraftReactions(key: string, raw: unknown): DraftReactionCheck {
  if (!parseWallKey(key)) return { ok: false, problem: 'The reaction is not for a note on the wall' };
  const parsed = draftReactionListSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problem: parsed.error.issues[0]?.message ?? 'The reaction could not be read' };
  return { ok: true, key: key as WallKey, reactions: new Set(parsed.data) };
}

/** Every entry of a draft's reactions root, raw (untrusted), keyed as stored. */
export function readRawDraftReactions(doc: Y.Doc): Map<string, unknown> {
  return new Map(doc.getMap<unknown>(DRAFT_ROOTS.reactions).entries());
}

/** The person's own valid reactions per note. */
export function readMyReactions(doc: Y.Doc): Map<WallKey, ReadonlySet<Reaction>> {
  const mine = new Map<WallKey, ReadonlySet<Reaction>>();
  for (const [key, raw] of readRawDraftReactions(doc)) {
    const check = validateDraftReactions(key, raw);
    if (check.ok && check.reactions.size > 0) mine.set(check.key, check.reactions);
  }
  return mine;
}

/** Gives or takes back one reaction on a note in the person's own draft. */
export function setMyReaction(doc: Y.Doc, noteKey: WallKey, reaction: Reaction, isOn: boolean): void {
  const current = readMyReactions(doc).get(noteKey) ?? new Set<Reaction>();
  const next = REACTIONS.filter((each) => (each === reaction ? isOn : current.has(each)));
  const reactions = doc.getMap<unknown>(DRAFT_ROOTS.reactions);
  if (next.length === 0) reactions.delete(noteKey);
  else reactions.set(noteKey, next);
}

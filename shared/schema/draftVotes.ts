/**
 * A draft's `votes` root: Y.Map<wallKey, number>, the dots this person puts on each note of the wall
 * (an int ≥ 1; no entry means none). Written only by the voter; untrusted: the publisher validates every
 * entry and decides what counts (phase, budget, note on the wall) in `shared/publisher/votes.ts`.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { DRAFT_ROOTS } from './roots.js';
import { MAX_VOTE_BUDGET } from './votingSettings.js';
import { parseWallKey, type WallKey } from './wall.js';

/** One entry's dot count: a whole number from 1 to the largest budget (more could never count). */
export const draftVoteCountSchema = z
  .number({ error: 'The vote is not a number of dots' })
  .int({ error: 'The vote is not a whole number of dots' })
  .min(1, { error: 'The vote has no dots' })
  .max(MAX_VOTE_BUDGET, { error: `A note can have up to ${MAX_VOTE_BUDGET} dots` });

export type DraftVoteCheck = { ok: true; key: WallKey; dots: number } | { ok: false; problem: string };

/** Validates one raw entry of the votes root: its key must be a note's wall key. */
export function validateDraftVote(key: string, raw: unknown): DraftVoteCheck {
  if (!parseWallKey(key)) return { ok: false, problem: 'The vote is not for a note on the wall' };
  const parsed = draftVoteCountSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problem: parsed.error.issues[0]?.message ?? 'The vote could not be read' };
  return { ok: true, key: key as WallKey, dots: parsed.data };
}

/** Every entry of a draft's votes root, raw (untrusted), keyed as stored. */
export function readRawDraftVotes(doc: Y.Doc): Map<string, unknown> {
  return new Map(doc.getMap<unknown>(DRAFT_ROOTS.votes).entries());
}

/** The valid dots of a draft per note (the voter's own view; what counts is the publisher's decision). */
export function readMyVotes(doc: Y.Doc): Map<WallKey, number> {
  const votes = new Map<WallKey, number>();
  for (const [key, raw] of readRawDraftVotes(doc)) {
    const check = validateDraftVote(key, raw);
    if (check.ok) votes.set(check.key, check.dots);
  }
  return votes;
}

/** Sets the voter's dots on one note in their own draft; 0 removes the entry. Throws RangeError when out of range. */
export function setMyVotes(doc: Y.Doc, noteKey: WallKey, dots: number): void {
  const votes = doc.getMap<unknown>(DRAFT_ROOTS.votes);
  if (dots === 0) {
    if (votes.has(noteKey)) votes.delete(noteKey);
    return;
  }
  const check = validateDraftVote(noteKey, dots);
  if (!check.ok) throw new RangeError(check.problem);
  if (votes.get(noteKey) !== dots) votes.set(noteKey, dots);
}

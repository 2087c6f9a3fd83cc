/**
 * The brief's `meta.voting` field: how the board's dot vote works. Written only by the server, on an
 * officer's `voting-settings-set` command; read by the publisher (which decides) and the client (which
 * explains). Absent or invalid reads as the defaults, so a board made before voting existed votes sensibly.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { BRIEF_ROOTS } from './roots.js';

/** Field of the brief's meta map holding the settings. */
export const VOTING_FIELD = 'voting';

/** Fewest and most dots one budget may hold. */
export const MIN_VOTE_BUDGET = 1;
export const MAX_VOTE_BUDGET = 20;

/** Whose dots share one budget: each person's own, or everyone whose organisation matches (`identityKey`). */
export const VOTE_BUDGET_SCOPES = { person: 'person', organisation: 'organisation' } as const;
export type VoteBudgetScope = (typeof VOTE_BUDGET_SCOPES)[keyof typeof VOTE_BUDGET_SCOPES];

/** Validates the settings, strictly (the command's payload and the value read from the brief). */
export const votingSettingsSchema = z.strictObject({
  budget: z.number().int().min(MIN_VOTE_BUDGET).max(MAX_VOTE_BUDGET),
  scope: z.enum(['person', 'organisation']),
  /** While voting, the wall carries no vote counts; they appear when the phase leaves 'voting'. */
  hideUntilClosed: z.boolean(),
});
export type VotingSettings = z.infer<typeof votingSettingsSchema>;

export const DEFAULT_VOTING_SETTINGS: VotingSettings = Object.freeze({ budget: 5, scope: 'person', hideUntilClosed: false });

/** Settings from any value (the brief's field): invalid or absent reads as the defaults. */
export function parseVotingSettings(value: unknown): VotingSettings {
  const parsed = votingSettingsSchema.safeParse(value);
  return parsed.success ? parsed.data : { ...DEFAULT_VOTING_SETTINGS };
}

/** The board's voting settings, from the brief. */
export function readVotingSettings(brief: Y.Doc): VotingSettings {
  return parseVotingSettings(brief.getMap<unknown>(BRIEF_ROOTS.meta).get(VOTING_FIELD));
}

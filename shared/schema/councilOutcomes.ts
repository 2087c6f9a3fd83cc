/**
 * The council's answer (issue 13, "you said, we did"): after the event (closed or published phase) an
 * officer marks each idea or cluster "taken forward", "not taken forward" or "already in place", with a
 * short reason. Stored server-side (audited) and written by the server to the wall's `outcomes` root so
 * everyone on the board sees it; the export and the published record show it.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { isWellFormedId } from '../ids.js';
import { parseWallKey } from './wall.js';
import { WALL_ROOTS } from './roots.js';

export const COUNCIL_OUTCOMES = ['taken-forward', 'not-taken-forward', 'already-in-place'] as const;
export type CouncilOutcome = (typeof COUNCIL_OUTCOMES)[number];

export const COUNCIL_OUTCOME_LABELS: Record<CouncilOutcome, string> = {
  'taken-forward': 'Taken forward',
  'not-taken-forward': 'Not taken forward',
  'already-in-place': 'Already in place',
};

/** Longest reason, in characters. */
export const MAX_OUTCOME_REASON_CHARS = 500;

export const OUTCOME_SET_EVENT = 'outcome-set';

/** What an outcome is about: a note (by wall key) or a cluster (by id). */
export const OUTCOME_ITEM_KINDS = ['note', 'cluster'] as const;
export type OutcomeItemKind = (typeof OUTCOME_ITEM_KINDS)[number];

/** `outcome-set { kind, key, outcome, reason }` (officers; closed or published boards). `outcome: null` clears it. */
export const outcomeSetPayload = z
  .strictObject({
    kind: z.enum(OUTCOME_ITEM_KINDS, { error: 'Say whether this is about an idea or a group' }),
    key: z.string().max(200),
    outcome: z.enum(COUNCIL_OUTCOMES, { error: 'Choose what the council did with this idea' }).nullable(),
    reason: z
      .string()
      .transform((text) => text.trim())
      .pipe(z.string().max(MAX_OUTCOME_REASON_CHARS, { error: `The reason must be ${MAX_OUTCOME_REASON_CHARS} characters or fewer` }))
      .default(''),
  })
  .refine((payload) => (payload.kind === 'note' ? parseWallKey(payload.key) !== null : isWellFormedId(payload.key)), {
    error: 'That idea or group is not on this board',
    path: ['key'],
  });
export type OutcomeSetPayload = z.output<typeof outcomeSetPayload>;

/** Key in the wall's `outcomes` root: `note:<wallKey>` or `cluster:<clusterId>`. */
export function outcomeKeyFor(kind: OutcomeItemKind, key: string): string {
  return `${kind}:${key}`;
}

export interface WallOutcome {
  kind: OutcomeItemKind;
  key: string;
  outcome: CouncilOutcome;
  reason: string;
  at: number;
}

const wallOutcomeSchema = z.object({
  kind: z.enum(OUTCOME_ITEM_KINDS),
  key: z.string(),
  outcome: z.enum(COUNCIL_OUTCOMES),
  reason: z.string().max(MAX_OUTCOME_REASON_CHARS),
  at: z.number().finite(),
});

/** The council's outcomes on a wall, by `outcomeKeyFor` key. Tolerant: unreadable records are skipped. */
export function readWallOutcomes(wall: Y.Doc): Map<string, WallOutcome> {
  const found = new Map<string, WallOutcome>();
  wall.getMap<unknown>(WALL_ROOTS.outcomes).forEach((value, key) => {
    const parsed = wallOutcomeSchema.safeParse(value);
    if (parsed.success) found.set(key, parsed.data);
  });
  return found;
}

/** Writes (or with null, removes) one outcome on the wall in one transaction (the server only). */
export function putWallOutcome(wall: Y.Doc, kind: OutcomeItemKind, key: string, outcome: Omit<WallOutcome, 'kind' | 'key'> | null, origin: unknown): void {
  wall.transact(() => {
    const outcomes = wall.getMap<unknown>(WALL_ROOTS.outcomes);
    if (outcome === null) outcomes.delete(outcomeKeyFor(kind, key));
    else outcomes.set(outcomeKeyFor(kind, key), { kind, key, ...outcome });
  }, origin);
}

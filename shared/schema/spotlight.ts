/**
 * The spotlight ("follow me") in the brief's `meta.spotlight` (issue 12): the problem, stage or cluster an
 * officer is talking about now. Participants' views follow it until they choose to stop. Only the server
 * writes it (the `spotlight-set` command); absent means no spotlight.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { isWellFormedId } from '../ids.js';
import { isNoteTargetId } from './brief.js';
import { BRIEF_ROOTS } from './roots.js';

/** Field of the brief's meta map holding the spotlight. */
export const SPOTLIGHT_FIELD = 'spotlight';

/** What is in the spotlight, and when it was put there (server clock, ms epoch: a new `at` means "look again"). */
export interface Spotlight {
  targetId: string;
  at: number;
}

const storedSpotlight = z.object({
  targetId: z.string().refine(isWellFormedId),
  at: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
});

/** The spotlight from a stored value, or null when there is none or it is malformed. */
export function parseSpotlight(value: unknown): Spotlight | null {
  const parsed = storedSpotlight.safeParse(value);
  return parsed.success ? { targetId: parsed.data.targetId, at: parsed.data.at } : null;
}

/** The brief's spotlight, or null. */
export function readSpotlight(doc: Y.Doc): Spotlight | null {
  return parseSpotlight(doc.getMap<unknown>(BRIEF_ROOTS.meta).get(SPOTLIGHT_FIELD));
}

/** True when `id` names something that can be spotlit in this brief now: a problem, a stage or a cluster. */
export function isSpotlightTargetId(doc: Y.Doc, id: string): boolean {
  if (isNoteTargetId(doc, id)) return true;
  return doc.getMap<unknown>(BRIEF_ROOTS.clusters).get(id) instanceof Y.Map;
}

/** The `spotlight-set` command's payload: a target id, or null to end the spotlight. */
export const spotlightSetPayload = z.strictObject({
  targetId: z.string().max(64).refine(isWellFormedId, 'That is not the id of a problem, stage or cluster.').nullable(),
});
export type SpotlightSetPayload = z.infer<typeof spotlightSetPayload>;

/** Event name of the spotlight command. */
export const SPOTLIGHT_EVENTS = { spotlightSet: 'spotlight-set' } as const;

/**
 * STAND-IN READER (export helper, issue 12): the votes helper owns `shared/schema/votingSettings.ts`. Until it
 * is merged, the export reads the one setting it needs from the documented shape of the brief's
 * `meta.voting` (`{ budget, scope, hideUntilClosed }`). At merge: use the owner's `readVotingSettings`.
 */
import type * as Y from 'yjs';
import type { BoardPhase } from '../../../shared/schema/briefMeta.js';
import { BRIEF_ROOTS } from '../../../shared/schema/roots.js';

const VOTING_FIELD = 'voting';

/**
 * True while the wall keeps vote counts off (the board hides votes until voting closes and is voting now):
 * then an absent `votes` on the wall means "not shown yet", not zero. The publisher's rule, as the votes
 * helper wrote it: `phase === 'voting' && settings.hideUntilClosed`.
 */
export function areVotesHidden(brief: Y.Doc, phase: BoardPhase): boolean {
  const voting: unknown = brief.getMap<unknown>(BRIEF_ROOTS.meta).get(VOTING_FIELD);
  const hideUntilClosed = typeof voting === 'object' && voting !== null && (voting as { hideUntilClosed?: unknown }).hideUntilClosed === true;
  return phase === 'voting' && hideUntilClosed;
}

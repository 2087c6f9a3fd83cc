/** Whether vote counts are off the wall now (the owner's reader: `shared/schema/votingSettings.ts`). */
import type * as Y from 'yjs';
import type { BoardPhase } from '../../../shared/schema/briefMeta.js';
import { readVotingSettings } from '../../../shared/schema/votingSettings.js';

/**
 * True while the wall keeps vote counts off (the board hides votes until voting closes and is voting now):
 * then an absent `votes` on the wall means "not shown yet", not zero — the publisher's own rule.
 */
export function areVotesHidden(brief: Y.Doc, phase: BoardPhase): boolean {
  return phase === 'voting' && readVotingSettings(brief).hideUntilClosed;
}

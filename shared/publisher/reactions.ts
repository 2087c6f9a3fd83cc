/**
 * The reactions decision, pure, for one person: which of their reactions ('plus-one', 'question',
 * 'done-this'; one of each per note) count, and what to tell them. The room keeps `accepted` between ticks.
 *
 * Rules, in order:
 *  1. An entry whose key is not a wall key, or whose list is not distinct known reactions → refused 'schema'
 *     (what counted before on that note stays).
 *  2. `mayWrite` 'react' refuses (draft phase for participants: deferred; closed or published: refused) →
 *     nothing changes: what counted stays frozen; entries that differ are told why.
 *  3. The note is not on the wall now → deferred 'note-not-on-wall' (counts again if it comes back).
 *  4. Otherwise the entry counts as it is (an empty list or no entry: nothing on that note).
 */
import { mayWrite } from '../rules/mayWrite.js';
import type { BoardPhase } from '../schema/briefMeta.js';
import { REACTIONS, validateDraftReactions, type Reaction } from '../schema/draftReactions.js';
import { TALLY_FIELD_OF_REACTION, type WallTally } from '../schema/wallTallies.js';
import type { WallKey } from '../schema/wall.js';
import { RECORD_RULES, outcomeOfVerdict, type RecordOutcome } from './recordOutcome.js';

export interface ReactionsInput {
  person: { personId: string; role: 'officer' | 'participant' };
  phase: BoardPhase;
  /** Server time, ms epoch. */
  now: number;
  notesOnWall: ReadonlySet<string>;
  /** The draft's reactions root, raw (`readRawDraftReactions`): untrusted. */
  rawReactions: ReadonlyMap<string, unknown>;
  /** What counted for this person after the previous decision (empty at first). */
  accepted: ReadonlyMap<WallKey, ReadonlySet<Reaction>>;
}

export interface ReactionsDecision {
  accepted: Map<WallKey, ReadonlySet<Reaction>>;
  outcomes: RecordOutcome[];
}

const NOT_ON_WALL = 'This note is no longer on the wall, so your reactions to it do not count.';

/** Decides one person's reactions. Pure: same input, same output. */
export function decideReactions(input: ReactionsInput): ReactionsDecision {
  const outcomes: RecordOutcome[] = [];
  const wanted = new Map<WallKey, ReadonlySet<Reaction>>();
  const invalid = new Set<string>();
  for (const key of [...input.rawReactions.keys()].sort()) {
    const check = validateDraftReactions(key, input.rawReactions.get(key));
    if (check.ok) wanted.set(check.key, check.reactions);
    else {
      invalid.add(key);
      outcomes.push({ recordKind: 'reaction', recordId: key, kind: 'refused', rule: RECORD_RULES.schema, message: `${check.problem}.` });
    }
  }
  const verdict = mayWrite({ kind: 'react' }, { role: input.person.role, phase: input.phase, now: input.now });
  if (!verdict.ok) {
    for (const key of new Set([...wanted.keys(), ...input.accepted.keys()])) {
      if (!sameSet(wanted.get(key), input.accepted.get(key))) outcomes.push(outcomeOfVerdict('reaction', key, verdict));
    }
    return { accepted: new Map(input.accepted), outcomes };
  }
  const accepted = new Map<WallKey, ReadonlySet<Reaction>>();
  // A malformed entry does not take back what counted before on that note (rule 1).
  for (const [key, reactions] of input.accepted) if (invalid.has(key) && input.notesOnWall.has(key)) accepted.set(key, reactions);
  for (const [key, reactions] of wanted) {
    if (reactions.size === 0) continue;
    if (!input.notesOnWall.has(key)) {
      outcomes.push({ recordKind: 'reaction', recordId: key, kind: 'deferred', rule: RECORD_RULES.noteNotOnWall, message: NOT_ON_WALL });
      continue;
    }
    accepted.set(key, reactions);
  }
  return { accepted, outcomes };
}

/** Reaction counts per note on the wall, from everyone's accepted reactions. */
export function tallyReactions(
  acceptedByPerson: Iterable<ReadonlyMap<WallKey, ReadonlySet<Reaction>>>,
  notesOnWall: ReadonlySet<string>,
): Map<WallKey, WallTally> {
  const tallies = new Map<WallKey, WallTally>();
  for (const accepted of acceptedByPerson) {
    for (const [key, reactions] of accepted) {
      if (!notesOnWall.has(key)) continue;
      const tally = tallies.get(key) ?? {};
      for (const reaction of REACTIONS) {
        if (!reactions.has(reaction)) continue;
        const field = TALLY_FIELD_OF_REACTION[reaction];
        tally[field] = (tally[field] ?? 0) + 1;
      }
      tallies.set(key, tally);
    }
  }
  return tallies;
}

function sameSet(left: ReadonlySet<Reaction> | undefined, right: ReadonlySet<Reaction> | undefined): boolean {
  const a = left ?? new Set<Reaction>();
  const b = right ?? new Set<Reaction>();
  return a.size === b.size && [...a].every((reaction) => b.has(reaction));
}

/**
 * The dot-vote decision, pure: from every voter's draft votes, what was accepted before, the board's phase,
 * voting settings and the notes on the wall now, decide which dots count, the tallies, and what to tell
 * each voter. The room keeps `accepted` between ticks (it is the "earliest accepted" memory).
 *
 * Rules, in order:
 *  1. An entry whose key is not a wall key, or whose count is not an int from 1 to 20 → refused 'schema'.
 *  2. Phase is not 'voting' (`mayWrite`)    → nothing changes: before voting nothing counts; after voting the
 *                                               accepted dots are frozen. Entries that differ are told why.
 *  3. The note is not on the wall now       → deferred 'note-not-on-wall' (counts again if it comes back);
 *                                               its dots free the budget meanwhile.
 *  4. Budget (`mayWrite` 'vote'): per person, or shared by everyone whose organisation matches
 *     (`identityKey`) when the scope is 'organisation'. Deterministic, earliest first:
 *     a. dots accepted before stay accepted (up to what the draft still asks for), in voter-id then key
 *        order; if the budget shrank below them, the last in that order are dropped;
 *     b. dots asked for beyond those are accepted in voter-id then key order while the budget allows;
 *        the rest are refused 'vote-budget' (the voter keeps them in their draft; they count if budget frees).
 */
import { mayWrite, type WriteContext } from '../rules/mayWrite.js';
import type { BoardPhase } from '../schema/briefMeta.js';
import { validateDraftVote } from '../schema/draftVotes.js';
import type { VotingSettings } from '../schema/votingSettings.js';
import type { WallKey } from '../schema/wall.js';
import { RECORD_RULES, outcomeOfVerdict, type RecordOutcome } from './recordOutcome.js';

export interface Voter {
  personId: string;
  role: 'officer' | 'participant';
  /** `identityKey(organisation)`: voters with equal non-empty keys share a budget in 'organisation' scope. */
  organisationKey: string;
  /** The draft's votes root, raw (`readRawDraftVotes`): untrusted. */
  rawVotes: ReadonlyMap<string, unknown>;
  /** What counted for this voter after the previous decision (empty at first). */
  accepted: ReadonlyMap<WallKey, number>;
}

export interface VotesInput {
  phase: BoardPhase;
  /** Server time, ms epoch. */
  now: number;
  settings: VotingSettings;
  /** Wall keys of the notes on the wall now. */
  notesOnWall: ReadonlySet<string>;
  voters: readonly Voter[];
}

export interface VotesDecision {
  /** What counts now, per voter (keep it for the next decision). */
  accepted: Map<string, Map<WallKey, number>>;
  /** Per voter, the entries that do not (fully) count and why. */
  outcomes: Map<string, RecordOutcome[]>;
  /** Dots per note on the wall now (notes without dots are absent). */
  tallies: Map<WallKey, number>;
}

const NOT_ON_WALL = 'This note is no longer on the wall, so your votes on it do not count.';

/** Decides every voter's dots together (budgets may be shared). Pure: same input, same output. */
export function decideVotes(input: VotesInput): VotesDecision {
  const decision: VotesDecision = { accepted: new Map(), outcomes: new Map(), tallies: new Map() };
  const voters = [...input.voters].sort((a, b) => compare(a.personId, b.personId));
  const wantedByVoter = new Map<string, Map<WallKey, number>>();
  for (const voter of voters) {
    decision.outcomes.set(voter.personId, []);
    wantedByVoter.set(voter.personId, validVotes(voter, decision.outcomes.get(voter.personId)!)); // reason: set just above
  }
  if (input.phase !== 'voting') {
    for (const voter of voters) decideFrozen(voter, wantedByVoter.get(voter.personId)!, input, decision); // reason: set above
  } else {
    for (const group of budgetGroups(voters, input.settings)) decideGroup(group, wantedByVoter, input, decision);
  }
  for (const accepted of decision.accepted.values()) {
    for (const [key, dots] of accepted) {
      if (input.notesOnWall.has(key)) decision.tallies.set(key, (decision.tallies.get(key) ?? 0) + dots);
    }
  }
  return decision;
}

function validVotes(voter: Voter, outcomes: RecordOutcome[]): Map<WallKey, number> {
  const wanted = new Map<WallKey, number>();
  for (const key of [...voter.rawVotes.keys()].sort(compare)) {
    const check = validateDraftVote(key, voter.rawVotes.get(key));
    if (check.ok) wanted.set(check.key, check.dots);
    else outcomes.push({ recordKind: 'vote', recordId: key, kind: 'refused', rule: RECORD_RULES.schema, message: `${check.problem}.` });
  }
  return wanted;
}

function contextOf(voter: Voter, input: VotesInput): WriteContext {
  return { role: voter.role, phase: input.phase, now: input.now };
}

/** Outside voting nothing changes; any entry that differs from what counts is told why (e.g. "Voting is not open"). */
function decideFrozen(voter: Voter, wanted: Map<WallKey, number>, input: VotesInput, decision: VotesDecision): void {
  decision.accepted.set(voter.personId, new Map(voter.accepted));
  const verdict = mayWrite({ kind: 'vote', wanted: 1, allowed: input.settings.budget, budgetScope: input.settings.scope }, contextOf(voter, input));
  if (verdict.ok) return;
  for (const key of new Set([...wanted.keys(), ...voter.accepted.keys()])) {
    const counted = voter.accepted.get(key) ?? 0;
    if ((wanted.get(key) ?? 0) === counted) continue;
    decision.outcomes.get(voter.personId)?.push({ ...outcomeOfVerdict('vote', key, verdict), counted });
  }
}

interface BudgetGroup {
  voters: Voter[];
}

/** Voters sharing one budget, in voter-id order; groups in order of their first voter. */
function budgetGroups(voters: readonly Voter[], settings: VotingSettings): BudgetGroup[] {
  const groups = new Map<string, BudgetGroup>();
  for (const voter of voters) {
    const shared = settings.scope === 'organisation' && voter.organisationKey !== '';
    const groupKey = shared ? `organisation\n${voter.organisationKey}` : `person\n${voter.personId}`;
    const group = groups.get(groupKey) ?? { voters: [] };
    group.voters.push(voter);
    groups.set(groupKey, group);
  }
  return [...groups.values()];
}

function decideGroup(group: BudgetGroup, wantedByVoter: Map<string, Map<WallKey, number>>, input: VotesInput, decision: VotesDecision): void {
  const { budget, scope } = input.settings;
  // Every (voter, note) the group asks for, in the deterministic order of rule 4.
  const asks: Array<{ voter: Voter; key: WallKey; wanted: number; kept: number }> = [];
  for (const voter of group.voters) {
    decision.accepted.set(voter.personId, new Map());
    for (const [key, wanted] of wantedByVoter.get(voter.personId) ?? []) {
      if (!input.notesOnWall.has(key)) {
        decision.outcomes.get(voter.personId)?.push({ recordKind: 'vote', recordId: key, kind: 'deferred', rule: RECORD_RULES.noteNotOnWall, message: NOT_ON_WALL, counted: 0 });
        continue;
      }
      asks.push({ voter, key, wanted, kept: Math.min(wanted, voter.accepted.get(key) ?? 0) });
    }
  }
  // 4a: earlier dots stay; if the budget shrank below them, the last ones go.
  let used = asks.reduce((sum, ask) => sum + ask.kept, 0);
  for (let index = asks.length - 1; index >= 0 && used > budget; index -= 1) {
    const ask = asks[index]!; // reason: index is within the array
    const drop = Math.min(ask.kept, used - budget);
    ask.kept -= drop;
    used -= drop;
  }
  // 4b: new dots, one at a time through mayWrite (the one place the budget rule lives).
  for (const ask of asks) {
    let counted = ask.kept;
    let refusal: ReturnType<typeof mayWrite> | null = null;
    while (counted < ask.wanted) {
      const verdict = mayWrite({ kind: 'vote', wanted: used + 1, allowed: budget, budgetScope: scope }, contextOf(ask.voter, input));
      if (!verdict.ok) {
        refusal = verdict;
        break;
      }
      counted += 1;
      used += 1;
    }
    if (counted > 0) decision.accepted.get(ask.voter.personId)?.set(ask.key, counted);
    if (refusal && !refusal.ok) decision.outcomes.get(ask.voter.personId)?.push({ ...outcomeOfVerdict('vote', ask.key, refusal), counted });
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The publisher's record kinds beside notes: dot votes, reactions and comments. `WallPublisher` calls
 * `decideAndWrite` inside its tick's wall transaction, after the notes; the pure decisions are in
 * `shared/publisher/{votes,reactions,comments}.ts`. This class keeps what must survive between ticks:
 * what counted for each person (the "earliest accepted" memory of votes, frozen outside their phase), the
 * wall's comments per author, and the comment rate and coalescing times.
 *
 * Tallies (`wall.tallies`) are written only once every stored draft of the board has been read
 * (`storedDraftsLoaded`), so a board loading after a restart never shows partial counts, and:
 * - votes: while the phase is 'voting' (absent while `hideUntilClosed`), and once more on the tick the phase
 *   leaves 'voting' (the reveal). Otherwise the wall keeps what it has: the tallies freeze, also after a
 *   restart (this memory is empty then, and nothing is written).
 * - reactions: while the phase is not closed or published; afterwards they freeze the same way.
 * Accepted votes are kept in memory only: after a restart during voting they are rebuilt from the drafts in
 * voter-id order (which may pick a different member of an over-budget organisation than before).
 */
import type * as Y from 'yjs';
import { PUBLISH_COALESCE_MS } from '../../shared/limits.js';
import { decideComments } from '../../shared/publisher/comments.js';
import { decideReactions, tallyReactions } from '../../shared/publisher/reactions.js';
import type { RecordOutcome } from '../../shared/publisher/recordOutcome.js';
import { decideVotes, type Voter } from '../../shared/publisher/votes.js';
import { isFinished, readPhase, type BoardPhase } from '../../shared/schema/briefMeta.js';
import {
  MAX_COMMENT_TEXT_CHARS,
  MAX_COMMENTS_PER_DRAFT,
  MAX_COMMENTS_PER_MINUTE,
  readRawDraftComments,
} from '../../shared/schema/draftComments.js';
import { readRawDraftReactions, type Reaction } from '../../shared/schema/draftReactions.js';
import { readRawDraftVotes } from '../../shared/schema/draftVotes.js';
import { WALL_ROOTS } from '../../shared/schema/roots.js';
import { readVotingSettings, type VotingSettings } from '../../shared/schema/votingSettings.js';
import { readWallComments, writeWallComments, type WallComment } from '../../shared/schema/wallComments.js';
import { readWallTallies, writeWallTallies, type WallTally } from '../../shared/schema/wallTallies.js';
import { putWallPerson, type WallKey } from '../../shared/schema/wall.js';
import { mayShowAuthorOnWall, readAnonymous } from '../../shared/schema/anonymity.js';
import { identityKey } from '../../shared/text/identityKey.js';
import { DraftRecordRootsCache } from './draftRecordRoots.js';
import type { PresenceIdentity } from './Presence.js';

/** A comment's rate window, in milliseconds (as notes'). */
const COMMENT_RATE_WINDOW_MS = 60_000;

export interface RecordKindsDeps {
  brief: Y.Doc;
  wall: Y.Doc;
  draftOf(personId: string): Y.Doc | null;
  /** Decide this person again at `at` (ms epoch): comment rate limit and coalescing. */
  retryAt(personId: string, at: number): void;
  /** Comments hidden by officers, by wall key, with the message for the author (moderation fills it). */
  hiddenComments?: () => ReadonlyMap<string, string>;
}

interface Person {
  role: 'officer' | 'participant';
  /** As the session gave it; `organisationKey` is folded from it once, not in every tick. */
  organisation: string;
  organisationKey: string;
}

/** What a tick's note decision does to the wall (`PublicationDecision`'s part the record kinds look at). */
export interface NoteChanges {
  publish: ReadonlyArray<{ key: string }>;
  unpublish: readonly string[];
}

export interface KindsTickResult {
  /** People whose record outcomes changed in this tick (tell them). */
  changedOutcomes: string[];
  /** True when the set of notes on the wall changed: everyone with records is decided again next tick. */
  notesChanged: boolean;
}

export class RecordKindsPublisher {
  private readonly people = new Map<string, Person>();
  private readonly acceptedVotes = new Map<string, Map<WallKey, number>>();
  private readonly acceptedReactions = new Map<string, Map<WallKey, ReadonlySet<Reaction>>>();
  private readonly outcomes = new Map<string, { votes: RecordOutcome[]; reactions: RecordOutcome[]; comments: RecordOutcome[] }>();
  private readonly lastOutcomeText = new Map<string, string>();
  private commentsByAuthor: Map<string, Map<string, WallComment>> | null = null;
  private readonly recentCommentTimes = new Map<string, number[]>();
  private readonly commentWrittenAt = new Map<string, number>();
  /** The wall's note keys at the last tick (compared as a set: no sorting of every key in every tick). */
  private lastNotesOnWall = new Set<string>();
  /** Anyone had votes (in the draft, accepted or reported) at the last decision of votes. */
  private hadVoters = false;
  private lastBriefSettings = '';
  private phaseOfLastTick: BoardPhase | null = null;
  /** Something a tally depends on changed since tallies were last written (skip the work otherwise). */
  private areTalliesStale = true;
  private isReady = false;

  /** Which of each person's draft record roots hold anything (read again when their draft changes). */
  private readonly draftRoots: DraftRecordRootsCache;

  constructor(private readonly deps: RecordKindsDeps) {
    this.draftRoots = new DraftRecordRootsCache(deps.draftOf);
  }

  /** The person's draft changed: what it holds is read again when next asked. */
  draftChanged(personId: string): void {
    this.draftRoots.forget(personId);
  }

  /** Every stored draft has been read once: from now on votes are decided and tallies written. */
  storedDraftsLoaded(): void {
    this.isReady = true;
  }

  get ready(): boolean {
    return this.isReady;
  }

  /** Everyone who has records of these kinds (decide them again when the board's rules change). */
  knownPeople(): string[] {
    return [...this.people.keys()];
  }

  /**
   * The people whose reactions or comments may change when notes come onto or leave the wall: those with
   * any in their draft, accepted, or reported. Everyone else's decision cannot depend on which notes are
   * there (votes are decided for all voters every tick), so a new note does not re-decide every author:
   * at N = 500 that was 500 decisions per tick, the largest share of the publisher's time (issue 15).
   */
  peopleWithReactionsOrComments(): string[] {
    const found: string[] = [];
    for (const personId of this.people.keys()) {
      const outcomes = this.outcomes.get(personId);
      const reported = outcomes !== undefined && (outcomes.reactions.length > 0 || outcomes.comments.length > 0);
      const onWall = (this.commentsByAuthor?.get(personId)?.size ?? 0) > 0;
      if (reported || onWall || this.acceptedReactions.has(personId)) {
        found.push(personId);
        continue;
      }
      const roots = this.draftRoots.of(personId);
      if (roots !== null && (roots.reactions || roots.comments)) found.push(personId);
    }
    return found;
  }

  /** True when the phase or voting settings changed since the last call: everyone is decided again. */
  briefRulesChanged(): boolean {
    const text = JSON.stringify([readPhase(this.deps.brief), readVotingSettings(this.deps.brief)]);
    if (text === this.lastBriefSettings) return false;
    this.lastBriefSettings = text;
    return true;
  }

  /** The person's latest outcomes of every kind. */
  outcomesFor(personId: string): RecordOutcome[] {
    const outcomes = this.outcomes.get(personId);
    return outcomes ? [...outcomes.votes, ...outcomes.reactions, ...outcomes.comments] : [];
  }

  /**
   * Decides the changed people's reactions and comments, and everyone's votes, and writes the comments and
   * tallies to the wall. Call inside the tick's wall transaction, after the notes are written.
   */
  decideAndWrite(
    decided: ReadonlyArray<{ personId: string; identity: PresenceIdentity; decision?: NoteChanges }>,
    context: { now: number; isPublishingEverything: boolean },
  ): KindsTickResult {
    const phase = readPhase(this.deps.brief);
    const settings = readVotingSettings(this.deps.brief);
    for (const { personId, identity } of decided) this.register(personId, identity);
    const quiet = this.quietTick(decided, phase, JSON.stringify([phase, settings]));
    if (quiet) return quiet;
    const notesOnWall = new Set(this.deps.wall.getMap<unknown>(WALL_ROOTS.notes).keys());
    const notesChanged = !sameKeys(notesOnWall, this.lastNotesOnWall);
    if (notesChanged) this.areTalliesStale = true;
    this.lastNotesOnWall = notesOnWall;
    const touched = new Set<string>();
    for (const { personId, identity } of decided) {
      if (identity.role === 'observer') continue;
      touched.add(personId);
      this.decideReactionsOf(personId, phase, notesOnWall, context.now);
      this.decideCommentsOf(personId, identity, phase, notesOnWall, context);
    }
    if (this.isReady) {
      for (const personId of this.decideAllVotes(phase, settings, notesOnWall, context.now)) touched.add(personId);
      const rules = JSON.stringify([phase, settings]);
      if (this.areTalliesStale || rules !== this.rulesOfLastTallies) this.writeTallies(phase, settings, notesOnWall);
      this.rulesOfLastTallies = rules;
      this.areTalliesStale = false;
      this.phaseOfLastTick = phase;
    }
    const changedOutcomes = [...touched].filter((personId) => {
      const text = JSON.stringify(this.outcomesFor(personId));
      if (this.lastOutcomeText.get(personId) === text) return false;
      this.lastOutcomeText.set(personId, text);
      return true;
    });
    return { changedOutcomes, notesChanged };
  }

  private rulesOfLastTallies = '';

  private register(personId: string, identity: PresenceIdentity): void {
    if (identity.role === 'observer') return;
    const known = this.people.get(personId);
    const organisationKey = known?.organisation === identity.organisation ? known.organisationKey : identityKey(identity.organisation);
    this.people.set(personId, { role: identity.role, organisation: identity.organisation, organisationKey });
  }

  /**
   * A tick that can change no vote, reaction, comment or tally (issue 15: a quiet note's path spent ~0.2 ms
   * deciding them all again, before its broadcast): its result, or null when the whole decision must run.
   * It is such a tick when the board's rules and tallies are as the last whole decision left them, nobody
   * has votes, this tick removes no note, each person decided has no reactions, comments or votes at all
   * (in the draft, accepted, reported or on the wall), and no accepted reaction names a note added now.
   * Everyone else's records cannot have changed: a changed draft always makes its author decided. So the
   * whole decision would write nothing and report nothing; only the wall's note keys are brought up to date.
   */
  private quietTick(decided: ReadonlyArray<{ personId: string; identity: PresenceIdentity; decision?: NoteChanges }>, phase: BoardPhase, rules: string): KindsTickResult | null {
    // `hadVoters` covers accepted votes and vote tallies too: both come only from the voters decided.
    if (!this.isReady || this.areTalliesStale || this.hadVoters) return null;
    if (rules !== this.rulesOfLastTallies || phase !== this.phaseOfLastTick) return null;
    const added: string[] = [];
    for (const { personId, identity, decision } of decided) {
      if (!decision || decision.unpublish.length > 0) return null;
      if (identity.role !== 'observer' && !this.hasNoRecords(personId)) return null;
      for (const { key } of decision.publish) if (!this.lastNotesOnWall.has(key)) added.push(key);
    }
    for (const accepted of this.acceptedReactions.values()) if (added.some((key) => accepted.has(key as WallKey))) return null;
    for (const key of added) this.lastNotesOnWall.add(key);
    for (const { personId, identity } of decided) if (identity.role !== 'observer') this.lastOutcomeText.set(personId, '[]');
    return { changedOutcomes: [], notesChanged: added.length > 0 };
  }

  /**
   * No reactions or comments of this person anywhere (draft, accepted, reported, on the wall), and no vote
   * in the draft (accepted or reported votes are ruled out already: nobody had votes).
   */
  private hasNoRecords(personId: string): boolean {
    const outcomes = this.outcomes.get(personId);
    if (outcomes && (outcomes.reactions.length > 0 || outcomes.comments.length > 0)) return false;
    if (this.acceptedReactions.has(personId) || this.commentsOf(personId).size > 0) return false;
    const roots = this.draftRoots.of(personId);
    return roots !== null && !roots.votes && !roots.reactions && !roots.comments;
  }

  private outcomesOf(personId: string) {
    let outcomes = this.outcomes.get(personId);
    if (!outcomes) {
      outcomes = { votes: [], reactions: [], comments: [] };
      this.outcomes.set(personId, outcomes);
    }
    return outcomes;
  }

  private decideReactionsOf(personId: string, phase: BoardPhase, notesOnWall: ReadonlySet<string>, now: number): void {
    const person = this.people.get(personId);
    const draft = this.deps.draftOf(personId);
    if (!person || !draft) return;
    const decision = decideReactions({
      person: { personId, role: person.role },
      phase,
      now,
      notesOnWall,
      rawReactions: readRawDraftReactions(draft),
      accepted: this.acceptedReactions.get(personId) ?? new Map(),
    });
    const before = this.acceptedReactions.get(personId);
    if (!sameReactions(before, decision.accepted)) this.areTalliesStale = true;
    if (decision.accepted.size > 0) this.acceptedReactions.set(personId, decision.accepted);
    else this.acceptedReactions.delete(personId);
    this.outcomesOf(personId).reactions = decision.outcomes;
  }

  /** Every voter's votes together (budgets may be shared); returns the voters decided. */
  private decideAllVotes(phase: BoardPhase, settings: VotingSettings, notesOnWall: ReadonlySet<string>, now: number): string[] {
    const voters: Voter[] = [];
    for (const [personId, person] of this.people) {
      // Most people never vote: an empty votes root is told without reading it (every person, every tick).
      const draft = this.draftRoots.of(personId)?.votes ? this.deps.draftOf(personId) : null;
      const rawVotes = draft ? readRawDraftVotes(draft) : new Map<string, unknown>();
      const accepted = this.acceptedVotes.get(personId) ?? new Map<WallKey, number>();
      if (rawVotes.size === 0 && accepted.size === 0 && this.outcomesOf(personId).votes.length === 0) continue;
      voters.push({ personId, role: person.role, organisationKey: person.organisationKey, rawVotes, accepted });
    }
    this.hadVoters = voters.length > 0;
    const decision = decideVotes({ phase, now, settings, notesOnWall, voters });
    for (const voter of voters) {
      const accepted = decision.accepted.get(voter.personId);
      if (accepted && accepted.size > 0) this.acceptedVotes.set(voter.personId, accepted);
      else this.acceptedVotes.delete(voter.personId);
      this.outcomesOf(voter.personId).votes = decision.outcomes.get(voter.personId) ?? [];
    }
    if (!sameCounts(this.lastVoteTallies, decision.tallies)) this.areTalliesStale = true;
    this.lastVoteTallies = decision.tallies;
    return voters.map((voter) => voter.personId);
  }

  private lastVoteTallies = new Map<WallKey, number>();

  private writeTallies(phase: BoardPhase, settings: VotingSettings, notesOnWall: ReadonlySet<string>): void {
    const isRevealTick = this.phaseOfLastTick === 'voting' && phase !== 'voting';
    const writesVotes = phase === 'voting' || isRevealTick;
    const writesReactions = !isFinished(phase);
    if (!writesVotes && !writesReactions) return;
    const current = readWallTallies(this.deps.wall);
    const reactions = tallyReactions(this.acceptedReactions.values(), notesOnWall);
    const hidesVotes = phase === 'voting' && settings.hideUntilClosed;
    const next = new Map<WallKey, WallTally>();
    const keys = new Set<WallKey>([...current.keys(), ...reactions.keys(), ...this.lastVoteTallies.keys()]);
    for (const key of keys) {
      const before = current.get(key) ?? {};
      const tally: WallTally = writesReactions ? { ...reactions.get(key) } : pickReactions(before);
      const votes = writesVotes ? (hidesVotes ? undefined : this.lastVoteTallies.get(key)) : before.votes;
      if (votes !== undefined) tally.votes = votes;
      next.set(key, tally);
    }
    writeWallTallies(this.deps.wall, next);
  }

  private decideCommentsOf(personId: string, identity: PresenceIdentity, phase: BoardPhase, notesOnWall: ReadonlySet<string>, context: { now: number; isPublishingEverything: boolean }): void {
    const person = this.people.get(personId);
    const draft = this.deps.draftOf(personId);
    if (!person || !draft) return;
    const { now } = context;
    const times = (this.recentCommentTimes.get(personId) ?? []).filter((time) => now - time < COMMENT_RATE_WINDOW_MS);
    const decision = decideComments({
      author: { personId, role: person.role },
      rules: { phase, now, notesOnWall, maxCommentTextChars: MAX_COMMENT_TEXT_CHARS, maxCommentsPerMinute: MAX_COMMENTS_PER_MINUTE, maxCommentsPerDraft: MAX_COMMENTS_PER_DRAFT },
      draftComments: readRawDraftComments(draft),
      wallCommentsOfAuthor: new Map(this.commentsOf(personId)),
      recentPublishTimes: times,
      hiddenComments: this.deps.hiddenComments?.() ?? new Map(),
    });
    // Coalesced per comment like notes: an edit within PUBLISH_COALESCE_MS of the last write waits.
    let retryAt = Number.POSITIVE_INFINITY;
    const publish = decision.publish.filter(({ key }) => {
      const writtenAt = this.commentWrittenAt.get(key);
      if (writtenAt === undefined || now - writtenAt >= PUBLISH_COALESCE_MS || context.isPublishingEverything) return true;
      retryAt = Math.min(retryAt, writtenAt + PUBLISH_COALESCE_MS);
      return false;
    });
    if (Number.isFinite(retryAt)) this.deps.retryAt(personId, retryAt);
    for (const outcome of decision.outcomes) if (outcome.retryAt !== undefined) this.deps.retryAt(personId, outcome.retryAt);
    if (publish.length > 0 && identity.role !== 'observer' && mayShowAuthorOnWall(identity.role, readAnonymous(this.deps.brief))) {
      // A comment refers to its author like a note does: the author's name and organisation, stamped once
      // (not while the board is anonymous: then participants' names stay off the wall).
      putWallPerson(this.deps.wall, personId, { name: identity.name, organisation: identity.organisation, role: identity.role });
    }
    writeWallComments(this.deps.wall, { publish, unpublish: decision.unpublish });
    const index = this.commentsOf(personId);
    for (const key of decision.unpublish) {
      index.delete(key.slice(personId.length + 1));
      this.commentWrittenAt.delete(key);
    }
    for (const { key, record } of publish) {
      index.set(record.commentId, record);
      this.commentWrittenAt.set(key, now);
    }
    for (const commentId of decision.firstPublished) if (publish.some(({ record }) => record.commentId === commentId)) times.push(now);
    this.recentCommentTimes.set(personId, times);
    this.outcomesOf(personId).comments = decision.outcomes;
  }

  /** This author's comments on the wall, from an index built by one scan (the publisher is the only writer). */
  private commentsOf(personId: string): Map<string, WallComment> {
    if (!this.commentsByAuthor) {
      this.commentsByAuthor = new Map();
      for (const comment of readWallComments(this.deps.wall).values()) {
        const mine = this.commentsByAuthor.get(comment.author) ?? new Map<string, WallComment>();
        mine.set(comment.commentId, comment);
        this.commentsByAuthor.set(comment.author, mine);
      }
    }
    let mine = this.commentsByAuthor.get(personId);
    if (!mine) {
      mine = new Map();
      this.commentsByAuthor.set(personId, mine);
    }
    return mine;
  }
}

function pickReactions(tally: WallTally): WallTally {
  const picked: WallTally = {};
  if (tally.plusOne !== undefined) picked.plusOne = tally.plusOne;
  if (tally.question !== undefined) picked.question = tally.question;
  if (tally.doneThis !== undefined) picked.doneThis = tally.doneThis;
  return picked;
}

function sameKeys(left: ReadonlySet<string>, right: ReadonlySet<string>): boolean {
  if (left.size !== right.size) return false;
  for (const key of left) if (!right.has(key)) return false;
  return true;
}

function sameCounts(left: ReadonlyMap<WallKey, number>, right: ReadonlyMap<WallKey, number>): boolean {
  return left.size === right.size && [...left].every(([key, count]) => right.get(key) === count);
}

function sameReactions(
  left: ReadonlyMap<WallKey, ReadonlySet<Reaction>> | undefined,
  right: ReadonlyMap<WallKey, ReadonlySet<Reaction>>,
): boolean {
  const before = left ?? new Map<WallKey, ReadonlySet<Reaction>>();
  if (before.size !== right.size) return false;
  for (const [key, reactions] of right) {
    const other = before.get(key);
    if (!other || other.size !== reactions.size || [...reactions].some((reaction) => !other.has(reaction))) return false;
  }
  return true;
}

import type * as Y from 'yjs';
import { mayShowAuthorOnWall, readAnonymous } from '../../shared/schema/anonymity.js';
import { MAX_NOTE_TEXT_CHARS, MAX_NOTES_PER_MINUTE, PUBLISH_COALESCE_MS } from '../../shared/limits.js';
import { decidePublication, RATE_WINDOW_MS, RULE_IDS, type NoteOutcome, type PublicationDecision } from '../../shared/publisher.js';
import { readBrief, targetIdsOf } from '../../shared/schema/brief.js';
import type { BoardPhase } from '../../shared/schema/briefMeta.js';
import { readRawDraftNotes } from '../../shared/schema/draftNotes.js';
import { DraftNoteChecks } from '../../shared/publisher/draftNoteChecks.js';
import { readSealed } from '../../shared/schema/sealed.js';
import { WALL_ROOTS } from '../../shared/schema/roots.js';
import { putWallPerson, readWallRecordContext, writeWallChanges, type WallNote } from '../../shared/schema/wall.js';
import { decodeWallNote } from '../../shared/schema/wallNoteRecord.js';
import { numberNewTargets } from '../../shared/schema/wallTargets.js';
import type { Logger } from '../log.js';
import type { PresenceIdentity } from './Presence.js';
import { RecordKindsPublisher } from './RecordKindsPublisher.js';
import type { RecordOutcome } from '../../shared/publisher/recordOutcome.js';
import type { RefusalAudit } from './refusalAudit.js';
import type { UpdateOrigin } from './SharedDocument.js';
import { authorsWithoutPeople, hasParticipantPeople, removeParticipantPeople, restorePeople } from './wallPeople.js';
import { PublishPace } from './publishPace.js';

/** What the publisher tells an author about their notes (sent over socket.io). */
export interface NoteStatusReport {
  /** Notes that are not on the wall (or whose latest change is not), each with the rule and a message. */
  notPublished: Array<NoteOutcome & { kind: 'refused' | 'deferred' | 'private'; retryAt?: number }>;
  /** The person's votes, reactions and comments that do not (fully) count or are not on the wall, and why. */
  records: RecordOutcome[];
}

export interface PublicationNotices {
  noteStatusChanged(boardId: string, personId: string, report: NoteStatusReport): void;
}

export interface WallPublisherDeps {
  boardId: string;
  brief: Y.Doc;
  wall: Y.Doc;
  draftOf(personId: string): Y.Doc | null;
  identityOf(personId: string): Promise<PresenceIdentity | null>;
  notices: PublicationNotices;
  audit: RefusalAudit;
  log: Logger;
  now?: () => number;
  /** Comments hidden by officers, by wall key, with the message for the author (the moderation helper wires it). */
  hiddenComments?: () => ReadonlyMap<string, string>;
  /** This author's notes hidden by an officer, note id → message for the author (moderation). */
  hiddenNotesOf?(personId: string): ReadonlyMap<string, string>;
  /**
   * Folds the stored wall's log into a snapshot of the wall as it is now, once every change made so far is
   * committed: called when anonymous mode removed names, so the stored log no longer holds them.
   */
  compactWall?: () => Promise<void>;
  /**
   * Several instances serve the board (issue 11): only the holder of the board's publisher lease writes the
   * wall. Asked before every write; false makes the publisher drop what it was asked to decide (the next
   * holder decides every stored draft again when it takes over). Absent: always true (one instance).
   */
  mayPublish?: () => boolean;
  /** Told after each decision written to the wall (metrics): how many people, and how long the oldest change waited. */
  decided?: (people: number, waitedMs: number | null) => void;
  /** Starts the store's group commit now, with the wall change just appended (`GroupCommitWriter.commitNow`). */
  commitNow?: () => void;
}

const SERVER_ORIGIN: UpdateOrigin = { source: 'server' };

/**
 * Resolves in the next check phase of the event loop, after any `setImmediate` queued before it: the group
 * commit of the wall change (started by `commitNow`, else queued by the draft change: server/store/
 * groupCommit.ts) has then started. With the embedded store it has also finished, and the broadcasts
 * waiting for it have gone (they are microtasks of that commit); a slower store's commit is under way.
 */
function afterPendingCommit(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Rules that say "not in this phase": not abuse, and re-decided when the brief (its phase) changes. */
const PHASE_RULES: ReadonlySet<string> = new Set([RULE_IDS.notOpenYet, RULE_IDS.notAcceptingIdeas, RULE_IDS.boardClosed]);

/**
 * Publishes drafts to the wall by the board's rules (the pure decision is `decidePublication`).
 *
 * - Paced (publishPace.ts): on a quiet board a changed draft is decided at once, in the same turn of the
 *   event loop, so its wall change joins the draft's group commit. Under load, changed drafts are decided
 *   together a moment later, and everything decided together is written to the wall in ONE transaction, so
 *   readers get a few merged broadcasts a second instead of one per note.
 * - Coalesced per note: a note already on the wall is republished at most every PUBLISH_COALESCE_MS, so
 *   one typist does not make the server send every keystroke to every reader. New notes go at once.
 * - Deferred notes are re-decided: on a timer (rate limit) and whenever the brief changes.
 * - Author name, organisation and times come from the session and the server's clock, never the draft.
 */
export class WallPublisher {
  private readonly dirty = new Set<string>();
  private readonly recentPublishTimes = new Map<string, number[]>();
  private readonly lastReports = new Map<string, string>();
  private readonly reports = new Map<string, NoteStatusReport>();
  private readonly withDeferrals = new Set<string>();
  private readonly retryTimers = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  private timer: NodeJS.Timeout | null = null;
  /** A decision is queued on `running` and has not started yet: later changes join it. */
  private isDecisionQueued = false;
  private readonly pace = new PublishPace();
  /** Decisions started so far (tests: a quiet board decides before the next turn of the event loop). */
  decisionsStarted = 0;
  private notesByAuthor: Map<string, Map<string, WallNote>> | null = null;
  private running: Promise<void> = Promise.resolve();
  /** When each wall key was last written, for coalescing edits per note. */
  private readonly lastWrittenAt = new Map<string, number>();
  private isDestroyed = false;
  /** Set on the way down: edits held back by the coalescing window are published now, not later. */
  private isPublishingEverything = false;
  private readonly now: () => number;
  /** Votes, reactions and comments: decided in the same tick transaction as the notes. */
  private readonly kinds: RecordKindsPublisher;
  private readonly notPublished = new Map<string, NoteStatusReport['notPublished']>();
  /** True during the reveal's tick: notes held by the seal are published at once (docs/adr/0004-sealed-ideas.md). */
  private isRevealing = false;
  /** The anonymous mode the wall's `people` were last brought in line with (null: not yet, at load). */
  private appliedAnonymous: boolean | null = null;

  /** Each draft note's checks before the rules, remembered until the note changes (a decision reads all of an author's). */
  private readonly noteChecks = new DraftNoteChecks();
  /** What the tick reads of the brief, kept until the brief changes (any change, from any origin). */
  private briefRead: { phase: BoardPhase; targetIds: Set<string> } | null = null;
  /** Counts the brief's transactions: a tick can tell that the brief changed while it was deciding. */
  private briefVersion = 0;
  private readonly forgetBriefRead = () => {
    this.briefRead = null;
    this.briefVersion += 1;
  };

  /** When the oldest draft change not yet decided arrived (for the publisher lag metric). */
  private oldestChangeAt: number | null = null;

  /** False while another instance publishes this board (issue 11): every decision is then skipped. */
  private get isPublisher(): boolean {
    return this.deps.mayPublish?.() ?? true;
  }

  constructor(private readonly deps: WallPublisherDeps) {
    this.now = deps.now ?? Date.now;
    this.kinds = new RecordKindsPublisher({
      brief: deps.brief,
      wall: deps.wall,
      draftOf: deps.draftOf,
      retryAt: (personId, at) => this.retryAt(personId, at),
      hiddenComments: deps.hiddenComments,
    });
    this.kinds.briefRulesChanged();
    this.numberNewTargets();
    deps.brief.on('afterTransaction', this.forgetBriefRead);
  }

  /** Every stored draft of the board has been read: votes are decided and tallies written from now on. */
  storedDraftsLoaded(): void {
    this.kinds.storedDraftsLoaded();
    for (const personId of this.kinds.knownPeople()) this.dirty.add(personId);
    this.schedule();
  }

  /**
   * Decides this author again now (an officer hid or restored one of their items) and resolves once the
   * result is written to the wall. Their draft must be loaded (`BoardRoom.openDraft`).
   */
  async redecideNow(personId: string): Promise<void> {
    this.dirty.add(personId);
    this.schedule();
    await this.flush();
  }

  draftChanged(personId: string): void {
    this.kinds.draftChanged(personId);
    this.oldestChangeAt ??= this.now();
    this.dirty.add(personId);
    this.pace.noteChange();
    this.schedule();
  }

  briefChanged(): void {
    this.numberNewTargets();
    this.anonymityChanged();
    for (const personId of this.withDeferrals) this.dirty.add(personId);
    // A new phase or new voting settings change what counts for everyone with votes, reactions or comments.
    if (this.kinds.briefRulesChanged()) for (const personId of this.kinds.knownPeople()) this.dirty.add(personId);
    if (this.dirty.size > 0) this.schedule();
  }

  /** A new problem or stage gets its number on the wall now, not with its first note (ADR 0009). */
  private numberNewTargets(): void {
    if (this.isDestroyed || !this.isPublisher) return;
    numberNewTargets(this.deps.wall, this.readBriefOnce().targetIds, SERVER_ORIGIN);
  }

  /**
   * Brings the wall's `people` in line with the brief's anonymous mode when it changed (or at load): runs
   * in the publisher's chain, so it never interleaves with a tick's identity look-ups and writes.
   */
  anonymityChanged(): void {
    if (this.isDestroyed || !this.isPublisher || this.appliedAnonymous === readAnonymous(this.deps.brief)) return;
    this.running = this.running.then(() => this.applyAnonymity());
  }

  private async applyAnonymity(): Promise<void> {
    const isAnonymous = readAnonymous(this.deps.brief);
    if (this.isDestroyed || !this.isPublisher || this.appliedAnonymous === isAnonymous) return;
    try {
      if (isAnonymous) {
        const hadNames = hasParticipantPeople(this.deps.wall);
        removeParticipantPeople(this.deps.wall, SERVER_ORIGIN);
        // At load with no names left, the stored wall holds none either (it was compacted at the switch).
        if (hadNames || this.appliedAnonymous === false) await this.deps.compactWall?.();
        this.appliedAnonymous = true;
      } else {
        const missing = authorsWithoutPeople(this.deps.wall);
        const identities = await Promise.all(missing.map((personId) => this.deps.identityOf(personId)));
        // Switched on again while looking them up: write nothing (the next run removes instead).
        if (!this.isDestroyed && !readAnonymous(this.deps.brief)) {
          this.deps.wall.transact(() => restorePeople(this.deps.wall, identities), SERVER_ORIGIN);
          this.appliedAnonymous = false;
        }
      }
    } catch (error) {
      this.deps.log.error({ err: error, boardId: this.deps.boardId }, 'could not apply anonymous mode to the wall; will retry on the next brief change');
      return;
    }
    // The brief may have changed again meanwhile.
    this.anonymityChanged();
  }

  /**
   * "Reveal ideas": in the publisher's chain (so no tick interleaves), `unseal` switches the seal off in the
   * brief, then every person in `people` (each loaded draft) is decided in ONE tick, whose wall changes
   * are one transaction: everyone receives every held idea in the same update, nobody some earlier.
   */
  async revealSealed(unseal: () => void, people: Iterable<string>): Promise<void> {
    const reveal = this.running.then(async () => {
      unseal();
      // Another instance publishes this board: it sees the seal switched off and publishes what it held.
      if (!this.isPublisher) return;
      for (const personId of people) this.dirty.add(personId);
      for (const personId of this.withDeferrals) this.dirty.add(personId);
      this.isRevealing = true;
      try {
        await this.tick();
      } finally {
        this.isRevealing = false;
      }
    });
    this.running = reveal;
    await reveal;
  }

  /** Sends the person's latest report again, to every connection of theirs (their page just connected). */
  resendReport(personId: string): void {
    this.deps.notices.noteStatusChanged(this.deps.boardId, personId, this.reportFor(personId));
  }

  /** The latest report for a person (sent again when their socket.io connection opens). */
  reportFor(personId: string): NoteStatusReport {
    return this.reports.get(personId) ?? { notPublished: [], records: [] };
  }

  /** Runs any pending publication now and resolves when it is written. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      this.queueTick();
    }
    await this.running;
  }

  /**
   * Shutdown: decides now every author who has a decision pending (a changed draft waiting for the batch,
   * or an edit held back by the coalescing window) and resolves once it is written to the wall. Rate-limit
   * deferrals stay deferred: that rule does not lapse because the server stops.
   */
  async publishPendingNow(): Promise<void> {
    this.isPublishingEverything = true;
    for (const [personId, { timer }] of this.retryTimers) {
      clearTimeout(timer);
      this.dirty.add(personId);
    }
    this.retryTimers.clear();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.queueTick();
    await this.running;
  }

  destroy(): void {
    this.isDestroyed = true;
    this.deps.brief.off('afterTransaction', this.forgetBriefRead);
    if (this.timer) clearTimeout(this.timer);
    for (const { timer } of this.retryTimers.values()) clearTimeout(timer);
  }

  /** Decides the changed drafts at once when the board is quiet, else after the pace's delay. */
  private schedule(): void {
    if (this.timer || this.isDecisionQueued || this.isDestroyed) return;
    const delay = this.pace.delayMs();
    if (delay === 0) return this.queueTick();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.queueTick();
    }, delay);
  }

  /** Runs a tick after the one under way (if any); on a settled chain that is before the next macrotask. */
  private queueTick(): void {
    this.isDecisionQueued = true;
    this.running = this.running.then(() => {
      this.isDecisionQueued = false;
      return this.tick();
    });
  }

  private async tick(): Promise<void> {
    if (this.isDestroyed || this.dirty.size === 0) return;
    if (!this.isPublisher) return void this.dirty.clear();
    this.decisionsStarted += 1;
    this.pace.noteDecision();
    const people = [...this.dirty];
    this.dirty.clear();
    const oldestChangeAt = this.oldestChangeAt;
    this.oldestChangeAt = null;
    try {
      const identities = await Promise.all(people.map((personId) => this.deps.identityOf(personId)));
      if (this.isDestroyed || !this.isPublisher) return;
      const { phase, targetIds } = this.readBriefOnce();
      const briefVersionDecided = this.briefVersion;
      const context = { phase, targetIds, now: this.now(), sealed: readSealed(this.deps.brief), revealing: this.isRevealing };
      const decisions: Array<{ personId: string; identity: PresenceIdentity; decision: PublicationDecision }> = [];
      people.forEach((personId, index) => {
        const identity = identities[index];
        const draft = this.deps.draftOf(personId);
        if (!identity || !draft || identity.role === 'observer') return;
        const decision = this.holdBackRecentEdits(personId, this.decide(personId, identity, draft, context), context.now);
        decisions.push({ personId, identity, decision });
      });
      // All of this tick's decisions in ONE wall transaction: readers get one merged broadcast.
      let kinds: ReturnType<RecordKindsPublisher['decideAndWrite']> = { changedOutcomes: [], notesChanged: false };
      this.deps.wall.transact(() => {
        for (const { personId, identity, decision } of decisions) this.writeToWall(personId, identity, decision);
        kinds = this.kinds.decideAndWrite(decisions, { now: context.now, isPublishingEverything: this.isPublishingEverything });
      }, SERVER_ORIGIN);
      // Stored now, with the draft change that caused it (still in the queue): its readers need not wait
      // for the rest of this turn of the event loop (a quiet note's ~1 ms path: p50 -0.05 ms, p90 -0.3 ms;
      // BENCHMARKS.md, "Issue 15, 2026-12-06, later").
      this.deps.commitNow?.();
      // What follows concerns later decisions and the authors' reports, not this change: it waits for the
      // next check phase, when the commit started above is done (with the embedded store) and its
      // broadcast has gone, off the note's way to the readers. (A quiet note spent ~0.1–0.2 ms here before
      // its commit: reports, metrics, who to decide next.)
      await afterPendingCommit();
      if (this.isDestroyed) return;
      this.deps.decided?.(decisions.length, oldestChangeAt === null ? null : this.now() - oldestChangeAt);
      for (const { personId, decision } of decisions) this.afterDecision(personId, decision, context.now);
      // The brief changed after this tick read it (a stage arrived while it waited above): `briefChanged` found
      // nobody waiting on it yet, so whoever this tick deferred for the brief is decided again now.
      if (this.briefVersion !== briefVersionDecided) {
        for (const { personId } of decisions) if (this.withDeferrals.has(personId)) this.dirty.add(personId);
        if (this.dirty.size > 0) this.schedule();
      }
      const decided = new Set(decisions.map(({ personId }) => personId));
      for (const personId of kinds.changedOutcomes) if (!decided.has(personId)) this.sendReport(personId);
      // Notes came or went: comments on them come or go, and reactions on them count or not.
      if (kinds.notesChanged) {
        for (const personId of this.kinds.peopleWithReactionsOrComments()) if (!decided.has(personId)) this.dirty.add(personId);
        if (this.dirty.size > 0) this.schedule();
      }
    } catch (error) {
      this.deps.log.error({ err: error, boardId: this.deps.boardId }, 'publishing failed; will retry on the next change');
    }
  }

  /** The brief's phase and note targets: read once per change of the brief, not in every tick. */
  private readBriefOnce(): { phase: BoardPhase; targetIds: Set<string> } {
    if (!this.briefRead) {
      const brief = readBrief(this.deps.brief);
      this.briefRead = { phase: brief.phase, targetIds: targetIdsOf(brief) };
    }
    return this.briefRead;
  }

  private decide(
    personId: string,
    identity: PresenceIdentity,
    draft: Y.Doc,
    context: { phase: BoardPhase; targetIds: Set<string>; now: number; sealed: boolean; revealing: boolean },
  ): PublicationDecision {
    const draftNotes = readRawDraftNotes(draft);
    return decidePublication({
      author: { personId, role: identity.role === 'officer' ? 'officer' : 'participant' },
      rules: { ...context, maxNotesPerMinute: MAX_NOTES_PER_MINUTE, maxNoteTextChars: MAX_NOTE_TEXT_CHARS },
      draftNotes,
      checks: this.noteChecks.checkAll(personId, draftNotes),
      wallNotesOfAuthor: this.wallNotesOf(personId),
      recentPublishTimes: this.recentPublishTimes.get(personId) ?? [],
      hiddenNotes: this.deps.hiddenNotesOf?.(personId),
    });
  }

  /**
   * Edits of notes written to the wall less than PUBLISH_COALESCE_MS ago wait: the author is decided
   * again when that time is up, with whatever the note says by then.
   */
  private holdBackRecentEdits(personId: string, decision: PublicationDecision, now: number): PublicationDecision {
    let retryAt = Number.POSITIVE_INFINITY;
    const publish = decision.publish.filter(({ key }) => {
      const writtenAt = this.lastWrittenAt.get(key);
      if (writtenAt === undefined || now - writtenAt >= PUBLISH_COALESCE_MS || this.isPublishingEverything || this.isRevealing) return true;
      retryAt = Math.min(retryAt, writtenAt + PUBLISH_COALESCE_MS);
      return false;
    });
    if (Number.isFinite(retryAt)) this.retryAt(personId, retryAt);
    for (const { key } of publish) this.lastWrittenAt.set(key, now);
    for (const key of decision.unpublish) this.lastWrittenAt.delete(key);
    return publish.length === decision.publish.length ? decision : { ...decision, publish };
  }

  /**
   * This author's notes on the wall, from an index built by one scan of the wall and kept up to date by
   * `writeToWall` (the publisher is the wall's only writer), so a decision costs nothing per other note.
   */
  private wallNotesOf(personId: string): Map<string, WallNote> {
    if (!this.notesByAuthor) {
      this.notesByAuthor = new Map();
      const context = readWallRecordContext(this.deps.wall);
      this.deps.wall.getMap<unknown>(WALL_ROOTS.notes).forEach((value, key) => {
        const note = decodeWallNote(key, value, context);
        if (note) this.indexOf(note.author).set(note.noteId, note);
      });
    }
    return new Map(this.indexOf(personId));
  }

  private indexOf(personId: string): Map<string, WallNote> {
    let notes = this.notesByAuthor!.get(personId); // reason: only called once the index exists
    if (!notes) {
      notes = new Map();
      this.notesByAuthor!.set(personId, notes);
    }
    return notes;
  }

  /** Applies one author's decision to the wall (inside the tick's transaction) and to the index. */
  private writeToWall(personId: string, identity: PresenceIdentity, decision: PublicationDecision): void {
    const role = identity.role === 'officer' ? 'officer' : 'participant';
    // Anonymous mode: a participant's name and organisation are not sent at all (read now, not cached).
    if (decision.publish.length > 0 && mayShowAuthorOnWall(role, readAnonymous(this.deps.brief))) {
      putWallPerson(this.deps.wall, personId, { name: identity.name, organisation: identity.organisation, role });
    }
    writeWallChanges(this.deps.wall, decision, SERVER_ORIGIN);
    const index = this.indexOf(personId);
    for (const key of decision.unpublish) index.delete(key.slice(personId.length + 1));
    for (const { record } of decision.publish) index.set(record.noteId, record);
  }

  private afterDecision(personId: string, decision: PublicationDecision, now: number): void {
    const times = (this.recentPublishTimes.get(personId) ?? []).filter((time) => now - time < RATE_WINDOW_MS);
    for (let index = 0; index < decision.firstPublished.length; index += 1) times.push(now);
    this.recentPublishTimes.set(personId, times);

    // An edit refused by the phase (voting, closed) is decided again when the phase changes back.
    const waitsOnBrief = decision.deferred.length > 0 || decision.refusals.some((outcome) => PHASE_RULES.has(outcome.rule));
    if (waitsOnBrief) this.withDeferrals.add(personId);
    else this.withDeferrals.delete(personId);
    const retryAt = Math.min(...decision.deferred.map((outcome) => outcome.retryAt ?? Number.POSITIVE_INFINITY));
    if (Number.isFinite(retryAt)) this.retryAt(personId, retryAt);

    this.notPublished.set(personId, [
      ...decision.refusals.map((outcome) => ({ ...outcome, kind: 'refused' as const })),
      ...decision.deferred.map((outcome) => ({ ...outcome, kind: 'deferred' as const })),
      ...decision.keptPrivate.map((outcome) => ({ ...outcome, kind: 'private' as const })),
    ]);
    if (!this.sendReport(personId)) return;
    // Counted once per change of report, so one refused note is not counted at every keystroke. Phase
    // refusals are not abuse (the board moved on under the author's feet), so they are not counted;
    // rate-limit deferrals are, under their own rule: officers see them apart, as "posted quickly".
    const counted = [...decision.refusals.filter((item) => !PHASE_RULES.has(item.rule)), ...decision.deferred.filter((item) => item.rule === 'rate-limit')];
    for (const outcome of counted) {
      this.deps.audit.record({ boardId: this.deps.boardId, personId, rule: outcome.rule });
    }
  }

  /** Builds the person's report (notes and other records) and sends it when it changed; true when sent. */
  private sendReport(personId: string): boolean {
    const report: NoteStatusReport = { notPublished: this.notPublished.get(personId) ?? [], records: this.kinds.outcomesFor(personId) };
    this.reports.set(personId, report);
    const text = JSON.stringify(report);
    if (this.lastReports.get(personId) === text) return false;
    this.lastReports.set(personId, text);
    this.deps.notices.noteStatusChanged(this.deps.boardId, personId, report);
    return true;
  }

  /** Decides the author again at `at`, unless an earlier retry is already set (that one re-sets later ones). */
  private retryAt(personId: string, at: number): void {
    const existing = this.retryTimers.get(personId);
    if (existing && existing.at <= at) return;
    if (existing) clearTimeout(existing.timer);
    const timer = setTimeout(() => {
      this.retryTimers.delete(personId);
      this.draftChanged(personId);
    }, Math.max(0, at - this.now()) + 10);
    this.retryTimers.set(personId, { at, timer });
  }
}

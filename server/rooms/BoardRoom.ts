import { setTimeout as sleep } from 'node:timers/promises';
import { isWellFormedId } from '../../shared/ids.js';
import { PRESENCE_TICK_MS, MAX_AWARENESS_STATE_BYTES } from '../../shared/limits.js';
import { readAnonymous } from '../../shared/schema/anonymity.js';
import { isNoteTargetId } from '../../shared/schema/brief.js';
import { BRIEF_ROOTS } from '../../shared/schema/roots.js';
import { stampWallSchemaVersion } from '../../shared/schema/wallMeta.js';
import type { Logger } from '../log.js';
import { ModerationState } from '../moderation/ModerationState.js';
import { RecordChain } from '../record/RecordChain.js';
import { recordWallChanges } from '../record/wallRecorder.js';
import { watchWorkshop, type WorkshopEvents } from '../schedule/workshopWatch.js';
import type { GroupCommitWriter } from '../store/groupCommit.js';
import type { Store } from '../store/store.js';
import { Presence, type PresenceIdentity } from './Presence.js';
import type { RefusalAudit } from './refusalAudit.js';
import { SharedDocument, type DocumentCounters, type UpdateOrigin } from './SharedDocument.js';
import { WallPublisher, type PublicationNotices } from './WallPublisher.js';
import type { LiveBoardCluster } from '../cluster/liveBoardCluster.js';
import { BoardOnCluster } from './BoardOnCluster.js';
import { EventLoopSlices } from './eventLoopSlices.js';

export interface BoardRoomDeps {
  store: Store;
  writer: GroupCommitWriter;
  log: Logger;
  notices: PublicationNotices;
  audit: RefusalAudit;
  /** Who a person on this board is, from the store (name, organisation, role). */
  identityOf(personId: string): Promise<PresenceIdentity | null>;
  /** Told the board's phase and schedule at load and whenever they change (mirror, notices, scheduler). */
  workshop?: WorkshopEvents;
  /** Set when several instances serve the boards (issue 11): the document bus and the publisher leases. */
  cluster?: LiveBoardCluster | null;
  /** Counts for the metrics: changes in, messages out, publisher decisions. */
  counters?: RoomCounters;
}

export interface RoomCounters {
  documents: DocumentCounters;
  decided(people: number, waitedMs: number | null): void;
}

const SERVER_ORIGIN: UpdateOrigin = { source: 'server' };
/**
 * Re-reading every stored draft at load is recovery work (edits held back when the server stopped, changes
 * a crash kept from the wall): it starts this long after the load and goes a slice at a time, so the
 * people whose joins loaded the board are answered first. On a 2,000-note board of 200 drafts it took
 * ~165 ms of the event loop and held the first join's sync until it was done (issue 15, cold join).
 */
const STORED_DRAFTS_AFTER_LOAD_MS = 250;
/** How long re-reading the stored drafts may hold the event loop at a time. */
const STORED_DRAFTS_SLICE_MS = 5;

/** Document names are the room names of the handbook: `<boardId>/brief`, `/wall`, `/drafts/<personId>`. */
export const documentNames = {
  brief: (boardId: string) => `${boardId}/brief`,
  wall: (boardId: string) => `${boardId}/wall`,
  draft: (boardId: string, personId: string) => `${boardId}/drafts/${personId}`,
};

/**
 * One board while anyone uses it: its brief, its wall, the drafts in use, presence and the publisher.
 * Loaded on first use by `Rooms`, unloaded when the last connection has gone and everything is stored.
 */
export class BoardRoom {
  /** Presence on the wall; `typing` must name a problem or stage of this board's brief. */
  readonly presence = new Presence(
    PRESENCE_TICK_MS,
    MAX_AWARENESS_STATE_BYTES,
    (id) => isNoteTargetId(this.brief.doc, id),
    () => readAnonymous(this.brief.doc),
  );
  /** Replaced by a fresh one when this instance takes over publishing from another (issue 11). */
  publisher: WallPublisher;
  private readonly drafts = new Map<string, Promise<SharedDocument>>();
  private readonly loadedDrafts = new Map<string, SharedDocument>();
  /** Open connections on any of this board's documents. */
  connectionCount = 0;

  private constructor(
    readonly boardId: string,
    readonly brief: SharedDocument,
    readonly wall: SharedDocument,
    private readonly deps: BoardRoomDeps,
    /** What officers hid on this board (loaded before the publisher decides anything). */
    readonly moderation: ModerationState,
  ) {
    this.onCluster = deps.cluster ? new BoardOnCluster(this, deps.cluster, deps.store, deps.log) : null;
    this.publisher = this.newPublisher();
    // A brief change can make deferred notes publishable (a stage now exists), or switch anonymous mode.
    brief.onChange = () => {
      this.publisher.briefChanged();
      this.presence.anonymityChanged();
    };
    // Anonymous mode may have been switched while the wall was not brought in line (a crash): check at load.
    this.publisher.anonymityChanged();
    this.presence.anonymityChanged();
    this.stopWatchingWorkshop = deps.workshop ? watchWorkshop(boardId, brief.doc, deps.workshop) : () => {};
    // Every accepted change to the wall goes into the board's hash-chained record log (issue 13).
    this.record = new RecordChain(boardId, deps.store, deps.log);
    this.stopRecording = recordWallChanges(wall.doc, {
      roleOf: (personId) => this.roles.get(personId),
      append: (entries) => void this.record.appendWithChange(entries),
      now: Date.now,
    });
  }

  /** The board's side of the bus and the lease when several instances serve it; null on one instance. */
  readonly onCluster: BoardOnCluster | null;

  /** A publisher for this board; on several instances it writes only while this one holds the lease. */
  private newPublisher(): WallPublisher {
    const { brief, wall, moderation, deps } = this;
    return new WallPublisher({
      boardId: this.boardId,
      brief: brief.doc,
      wall: wall.doc,
      draftOf: (personId) => this.loadedDrafts.get(personId)?.doc ?? null,
      identityOf: (personId) => this.cachedIdentityOf(personId),
      notices: deps.notices,
      audit: deps.audit,
      log: deps.log,
      hiddenNotesOf: (personId) => moderation.hiddenNotesOf(personId),
      hiddenComments: () => moderation.hiddenCommentsByKey(),
      compactWall: () => wall.compactNow(),
      commitNow: () => deps.writer.commitNow(),
      ...(this.onCluster ? { mayPublish: () => this.onCluster?.mayPublish() ?? false } : {}),
      ...(deps.counters ? { decided: deps.counters.decided } : {}),
    });
  }

  /**
   * This instance now publishes the board (it was granted the lease): a fresh publisher (the old one's
   * memory of the wall may be stale: another instance wrote it meanwhile) decides every stored draft.
   */
  async takeOverPublishing(): Promise<void> {
    this.publisher.destroy();
    this.publisher = this.newPublisher();
    this.publisher.anonymityChanged();
    await this.decideEveryStoredDraft();
  }

  /** Loads every stored draft of the board and decides each (at load, or on taking over publishing). */
  decideEveryStoredDraft(): Promise<void> {
    this.storedDraftsRead = this.readAllStoredDrafts();
    return this.storedDraftsRead;
  }

  /** `afterMs`: how long to wait first (at load, so the joins waiting for the board are answered first). */
  private readAllStoredDrafts(afterMs = 0): Promise<void> {
    const publisher = this.publisher;
    return this.redecideStoredDrafts(afterMs)
      .then(() => {
        for (const personId of this.loadedDrafts.keys()) publisher.draftChanged(personId);
      })
      .catch((error: unknown) => {
        this.deps.log.error({ err: error, boardId: this.boardId }, 'could not re-decide the stored drafts; each is decided when its author connects');
      })
      // Vote budgets and tallies span every draft: they are decided once all stored drafts are read.
      .finally(() => publisher.storedDraftsLoaded());
  }

  /** The draft if it is loaded or loading (never loads it). */
  draftIfOpen(personId: string): Promise<SharedDocument> | null {
    return this.drafts.get(personId) ?? null;
  }

  /** Officers hid or restored items: the other instances read the hidden set again (issue 11). */
  moderationChanged(authors: readonly string[]): void {
    this.onCluster?.moderationChanged(authors);
  }

  private readonly stopWatchingWorkshop: () => void;
  /** The board's record log appender: the one per board (see server/record/RecordChain.ts). */
  readonly record: RecordChain;
  private readonly stopRecording: () => void;
  /** Roles of the people the publisher looked up, for the record log's "who". */
  private readonly roles = new Map<string, 'officer' | 'participant'>();

  /**
   * Names and organisations do not change while a board is loaded: look each person up once, not in every
   * publisher tick. A failed or empty look-up is not cached.
   */
  private readonly identities = new Map<string, Promise<PresenceIdentity | null>>();

  private cachedIdentityOf(personId: string): Promise<PresenceIdentity | null> {
    let identity = this.identities.get(personId);
    if (!identity) {
      identity = this.deps.identityOf(personId);
      this.identities.set(personId, identity);
      identity.then(
        (found) => {
          if (found === null) this.identities.delete(personId);
          else if (found.role !== 'observer') this.roles.set(personId, found.role);
        },
        () => this.identities.delete(personId),
      );
    }
    return identity;
  }

  static async load(boardId: string, deps: BoardRoomDeps): Promise<BoardRoom> {
    // Several instances: where the board's stream is BEFORE the store is read, so nothing is missed.
    const streamPosition = deps.cluster ? await deps.cluster.bus.positionOf(boardId) : null;
    const options = { clustered: Boolean(deps.cluster), ...(deps.counters ? { counters: deps.counters.documents } : {}) };
    const [brief, wall, moderation] = await Promise.all([
      SharedDocument.load(documentNames.brief(boardId), deps.store, deps.writer, deps.log, options),
      SharedDocument.load(documentNames.wall(boardId), deps.store, deps.writer, deps.log, options),
      ModerationState.load(deps.store, boardId),
    ]);
    const room = new BoardRoom(boardId, brief, wall, deps, moderation);
    // The lease decides who reads every stored draft (takeOverPublishing); until then nobody here writes the wall.
    if (room.onCluster && streamPosition !== null) room.onCluster.join(streamPosition);
    // Readers of an older version see the stamp and reload; stored like any wall change (and shared).
    stampWallSchemaVersion(wall.doc, SERVER_ORIGIN);
    if (!room.onCluster) {
      // Not awaited: the board serves at once; the wall catches up with its drafts a moment later.
      room.storedDraftsRead = room.readAllStoredDrafts(STORED_DRAFTS_AFTER_LOAD_MS);
    }
    return room;
  }

  /** Settles once every stored draft was loaded at load (or failed to): the reveal waits for it. */
  private storedDraftsRead: Promise<void> = Promise.resolve();

  /**
   * "Reveal ideas" (issue 13): switches the seal off and publishes every held idea of every draft in one
   * wall transaction (`WallPublisher.revealSealed`). Resolves once it is written to the wall.
   */
  async revealSealedIdeas(unsealFields: Readonly<Record<string, unknown>>): Promise<void> {
    await this.storedDraftsRead;
    // A draft still loading (its author just connected) must be in the same transaction as the others.
    await Promise.allSettled([...this.drafts.values()]);
    await this.publisher.revealSealed(() => this.writeBriefMeta(unsealFields), this.loadedDrafts.keys());
  }

  /**
   * At load the wall may lag its drafts: edits held back by the coalescing window when the server
   * stopped, or a crash between a draft's commit and the wall's. Every stored draft is loaded and decided
   * again, so the wall matches the drafts without anyone reconnecting.
   */
  private async redecideStoredDrafts(afterMs: number): Promise<void> {
    if (afterMs > 0) await sleep(afterMs);
    if (this.isDestroyed) return;
    const prefix = documentNames.draft(this.boardId, '');
    const names = await this.deps.store.listDocumentNames(prefix);
    // A slice at a time: whoever's join loaded the board is answered between drafts, not after them all.
    const slices = new EventLoopSlices(STORED_DRAFTS_SLICE_MS);
    for (const name of names) {
      if (this.isDestroyed) return;
      const personId = name.slice(prefix.length);
      if (!isWellFormedId(personId)) continue;
      await this.openDraft(personId);
      await slices.pause();
    }
  }

  /** The person's draft, loaded once; its changes go to the publisher, and it is published once on load. */
  openDraft(personId: string): Promise<SharedDocument> {
    let loading = this.drafts.get(personId);
    if (!loading) {
      const options = { clustered: Boolean(this.onCluster), ...(this.deps.counters ? { counters: this.deps.counters.documents } : {}) };
      loading = SharedDocument.load(documentNames.draft(this.boardId, personId), this.deps.store, this.deps.writer, this.deps.log, options).then(
        (draft) => {
          this.loadedDrafts.set(personId, draft);
          this.onCluster?.shareStoredChanges(draft, `drafts/${personId}`);
          draft.onChange = () => this.publisher.draftChanged(personId);
          // Notes handed over before a crash or while the board was unloaded are decided now. A draft nobody
          // ever wrote to (someone joining for the first time) holds nothing to decide: deciding it anyway
          // cost a new joiner's wall sync up to 18 ms on a loaded 2,000-note board (issue 15, cold join).
          if (draft.doc.store.clients.size > 0) this.publisher.draftChanged(personId);
          return draft;
        },
      );
      this.drafts.set(personId, loading);
      loading.catch(() => this.drafts.delete(personId));
    }
    return loading;
  }

  /**
   * The server writes fields of the brief's `meta` map (phase, timer, schedule, settings, spotlight) in one
   * transaction of its own, on behalf of an officer's validated command or the scheduler: stored before
   * anyone receives it, like every change. `undefined` deletes a field.
   */
  writeBriefMeta(fields: Readonly<Record<string, unknown>>): void {
    this.brief.doc.transact(() => {
      const meta = this.brief.doc.getMap<unknown>(BRIEF_ROOTS.meta);
      for (const [field, value] of Object.entries(fields)) {
        if (value === undefined) meta.delete(field);
        else meta.set(field, value);
      }
    }, SERVER_ORIGIN);
  }

  get documents(): SharedDocument[] {
    return [this.brief, this.wall, ...this.loadedDrafts.values()];
  }

  /** Resolves once every document's sends (and so its commits) are done. */
  async settle(): Promise<void> {
    await this.publisher.flush();
    await this.record.drain();
    await this.deps.writer.drain();
    await Promise.all(this.documents.map((document) => document.whenSent()));
  }

  /** True while the store's writer holds all the unsaved changes it may: refuse a client's new change. */
  refusesNewWrites(): boolean {
    return this.deps.writer.refusesNewWrites();
  }

  /**
   * Shutdown: publishes every pending decision (coalescing window included), then waits until the writer
   * stored everything or `timeoutMs` passed. False when something could not be stored in time.
   */
  async settleForShutdown(timeoutMs: number): Promise<boolean> {
    await this.publisher.publishPendingNow();
    await this.record.drain();
    return this.deps.writer.drain(timeoutMs);
  }

  /**
   * Shutdown, once everything is stored: the brief's and the wall's logs are folded into one snapshot each,
   * so after a restart the board loads in one piece and its first joiners are sent it without an encoding
   * of the whole wall (issue 15, cold join after a restart).
   */
  async foldStoredLogs(): Promise<void> {
    await Promise.all([this.brief, this.wall].map((document) => document.compactIfLogged()));
  }

  isDestroyed = false;

  destroy(): void {
    this.isDestroyed = true;
    this.onCluster?.leave();
    this.stopWatchingWorkshop();
    this.stopRecording();
    this.publisher.destroy();
    this.presence.destroy();
    for (const document of this.documents) document.destroy();
  }
}

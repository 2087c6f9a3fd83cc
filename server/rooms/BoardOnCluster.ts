/**
 * A loaded board's side of the bus and the publisher lease when several instances serve it (issue 11,
 * docs/adr/0006-live-boards-across-instances.md):
 * - every change this instance stores goes on the board's stream (after its commit);
 * - changes from the stream are applied and relayed here, never stored again;
 * - a possible miss (Redis lost and back, a jump in a sender's numbers, a `gap` message) reads the board's
 *   documents and hidden set from the store again: the store is the truth, and Yjs updates are idempotent;
 * - only the lease holder writes the wall; on taking over it stamps its fencing token on the wall, catches
 *   up, and decides every stored draft again, so no note waits for its author to come back.
 */
import * as Y from 'yjs';
import { decodeUpdate, encodeUpdate, type BusPayload } from '../cluster/busMessages.js';
import type { BoardOnBus } from '../cluster/documentBus.js';
import type { LiveBoardCluster } from '../cluster/liveBoardCluster.js';
import type { LeaseHolder } from '../cluster/publisherLease.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';
import { PRESENCE_TICK_MS } from '../../shared/limits.js';
import { WALL_ROOTS } from '../../shared/schema/roots.js';
import type { ModerationState } from '../moderation/ModerationState.js';
import type { Presence } from './Presence.js';
import { RemotePresence } from './RemotePresence.js';
import { applyStored, type SharedDocument, type UpdateOrigin } from './SharedDocument.js';
import type { WallPublisher } from './WallPublisher.js';

/** What this needs of a loaded board (BoardRoom): named here so the two files do not import each other. */
export interface ClusteredBoard {
  readonly boardId: string;
  readonly brief: SharedDocument;
  readonly wall: SharedDocument;
  readonly documents: SharedDocument[];
  readonly moderation: ModerationState;
  readonly presence: Presence;
  readonly publisher: WallPublisher;
  draftIfOpen(personId: string): Promise<SharedDocument> | null;
  openDraft(personId: string): Promise<SharedDocument>;
  takeOverPublishing(): Promise<void>;
  decideEveryStoredDraft(): Promise<void>;
}

const BUS_ORIGIN: UpdateOrigin = { source: 'bus' };
const SERVER_ORIGIN: UpdateOrigin = { source: 'server' };
/** The wall's meta field holding the fencing token of the instance that publishes it now. */
export const PUBLISHER_FENCE_FIELD = 'publisherFence';

export class BoardOnCluster implements BoardOnBus, LeaseHolder {
  /** Our fencing token while we hold the lease (0: never held). */
  private fencingToken = 0;
  private catchingUp: Promise<void> | null = null;
  private mustCatchUpAgain = false;
  private hasLeft = false;
  /** Presence of the people connected here goes to the other instances, and theirs comes here. */
  private readonly presence: RemotePresence;

  constructor(
    private readonly room: ClusteredBoard,
    private readonly cluster: LiveBoardCluster,
    private readonly store: Store,
    private readonly log: Logger,
  ) {
    this.presence = new RemotePresence(room.presence, (payload) => cluster.bus.publish(room.boardId, payload), PRESENCE_TICK_MS, cluster.presenceTimes);
  }

  /** Starts reading the board's stream from `streamPosition` (taken before the load) and competing for the lease. */
  join(streamPosition: string): void {
    this.shareStoredChanges(this.room.brief, 'brief');
    this.shareStoredChanges(this.room.wall, 'wall');
    this.cluster.bus.watch(this.room.boardId, streamPosition, this);
    this.cluster.leases.track(this.room.boardId, this);
    this.presence.start();
  }

  leave(): void {
    this.hasLeft = true;
    this.presence.stop();
    this.cluster.bus.unwatch(this.room.boardId);
    this.cluster.leases.untrack(this.room.boardId);
  }

  /** Every change of `document` this instance stores goes on the board's stream, in commit order. */
  shareStoredChanges(document: SharedDocument, part: string): void {
    document.onStored = (update) => this.cluster.bus.publish(this.room.boardId, { kind: 'update', document: part, update: encodeUpdate(update) });
  }

  moderationChanged(authors: readonly string[]): void {
    this.cluster.bus.publish(this.room.boardId, { kind: 'moderation', authors: [...authors] });
  }

  /**
   * May this instance write the wall now? Only while it holds the lease (by its own clock), and only while
   * no newer holder's token is on the wall (a newer grant seen through the stream fences us off at once).
   */
  mayPublish(): boolean {
    return this.cluster.leases.holds(this.room.boardId) && this.fencingToken >= readFence(this.room.wall.doc);
  }

  gained(fencingToken: number): void {
    this.fencingToken = fencingToken;
    this.room.wall.doc.transact(() => this.room.wall.doc.getMap<unknown>(WALL_ROOTS.meta).set(PUBLISHER_FENCE_FIELD, fencingToken), SERVER_ORIGIN);
    // The lease usually passes because its holder died, maybe between a commit and putting it on the stream:
    // what it stored last reached nobody. So this instance reads the board from the store, and tells every
    // other instance to do the same (a `gap`), before it decides every stored draft.
    void this.catchUpNow()
      .then(() => {
        if (this.hasLeft || !this.mayPublish()) return undefined;
        this.cluster.bus.publish(this.room.boardId, { kind: 'gap' });
        return this.room.takeOverPublishing();
      })
      .catch((error: unknown) => this.log.error({ err: error, boardId: this.room.boardId }, 'could not take over publishing the board'));
  }

  lost(): void {
    // Nothing to undo: `mayPublish` is false from now on, so the publisher writes nothing.
  }

  receive(payload: BusPayload, origin: string): void {
    if (payload.kind === 'presence') return this.presence.receive(origin, payload);
    if (payload.kind === 'update') return this.applyUpdate(payload.document, decodeUpdate(payload.update));
    if (payload.kind === 'moderation') return void this.reloadModeration(payload.authors);
    if (payload.kind === 'note-status-wanted') return void (this.mayPublish() && this.room.publisher.resendReport(payload.personId));
    this.catchUp();
  }

  /**
   * An author's page connected here: only the board's publisher knows what of theirs is not on the wall
   * and why. Here, it is answered at once; elsewhere the publisher sends it (socket.io crosses instances).
   */
  noteStatusWanted(personId: string): void {
    if (this.mayPublish()) this.room.publisher.resendReport(personId);
    else this.cluster.bus.publish(this.room.boardId, { kind: 'note-status-wanted', personId });
  }

  catchUp(): void {
    void this.catchUpNow()
      // Drafts may have been written on other instances meanwhile: the publisher decides every stored one.
      .then(() => (this.mayPublish() && !this.hasLeft ? this.room.decideEveryStoredDraft() : undefined))
      .catch((error: unknown) => this.log.error({ err: error, boardId: this.room.boardId }, 'could not catch the board up from the store'));
  }

  private applyUpdate(part: string, update: Uint8Array): void {
    // Bytes that are not a Yjs update are refused before they touch a document (the bus answers with a catch-up).
    Y.decodeUpdate(update);
    if (part === 'brief') return this.room.brief.applyUpdate(update, BUS_ORIGIN);
    if (part === 'wall') return this.room.wall.applyUpdate(update, BUS_ORIGIN);
    const personId = part.slice('drafts/'.length);
    const draft = this.room.draftIfOpen(personId);
    if (draft) {
      void draft.then((loaded) => loaded.applyUpdate(update, BUS_ORIGIN)).catch(() => undefined);
    } else if (this.mayPublish()) {
      // The publisher needs every draft: loading it from the store includes this change (stored before sent).
      void this.room.openDraft(personId).catch((error: unknown) => this.log.error({ err: error, boardId: this.room.boardId }, 'could not load a draft changed on another instance'));
    }
  }

  /** Reads the hidden set again; the publisher decides the authors again with it. */
  private async reloadModeration(authors: readonly string[]): Promise<void> {
    this.room.moderation.replaceAll(await this.store.listHiddenItems(this.room.boardId));
    if (!this.mayPublish()) return;
    for (const personId of authors) {
      await this.room.openDraft(personId);
      await this.room.publisher.redecideNow(personId);
    }
  }

  /** One catch-up at a time; one asked for meanwhile runs once more after it. */
  private catchUpNow(): Promise<void> {
    if (this.catchingUp) {
      this.mustCatchUpAgain = true;
      return this.catchingUp;
    }
    this.catchingUp = (async () => {
      do {
        this.mustCatchUpAgain = false;
        await this.readEverythingStored();
      } while (this.mustCatchUpAgain && !this.hasLeft);
    })().finally(() => {
      this.catchingUp = null;
    });
    return this.catchingUp;
  }

  private async readEverythingStored(): Promise<void> {
    for (const document of this.room.documents) {
      if (this.hasLeft) return;
      applyStored(document.doc, await this.store.loadDocument(document.name), BUS_ORIGIN);
    }
    this.room.moderation.replaceAll(await this.store.listHiddenItems(this.room.boardId));
  }
}

function readFence(wall: Y.Doc): number {
  const fence = wall.getMap<unknown>(WALL_ROOTS.meta).get(PUBLISHER_FENCE_FIELD);
  return typeof fence === 'number' && Number.isSafeInteger(fence) ? fence : 0;
}

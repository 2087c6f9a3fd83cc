import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { Logger } from '../log.js';
import type { GroupCommitWriter } from '../store/groupCommit.js';
import type { Store } from '../store/store.js';

/** Where a change to a document came from. Loads are not stored again; everything else is. */
export type UpdateOrigin =
  | { source: 'connection'; connectionId: string }
  | { source: 'server' }
  | { source: 'load' };

/** A connection as a document sees it: an id and a way to send it bytes. */
export interface DocumentPeer {
  readonly id: string;
  sendDocumentMessage(message: Uint8Array): void;
}

/** Updates logged since the last snapshot before the log is compacted into one. */
const COMPACT_AFTER_UPDATES = 500;
const MESSAGE_SYNC = 0;

/**
 * One Yjs document in memory, its peers and its persistence.
 *
 * Invariant (persist before broadcast): every change is appended to the store's log, and nothing that
 * contains it — a broadcast or a reply to a sync step 1 — is sent to anyone until that append committed.
 * Sends go through one chain per document, so they leave in order and only after the commits before them.
 */
export class SharedDocument {
  readonly doc = new Y.Doc();
  readonly peers = new Set<DocumentPeer>();
  private sendChain: Promise<void> = Promise.resolve();
  private updatesSinceSnapshot = 0;
  private sizeUpperBoundBytes = 0;
  private isDestroyed = false;
  /** Called after each change is applied (synchronously), with its origin. */
  onChange: ((origin: UpdateOrigin) => void) | null = null;

  private constructor(
    readonly name: string,
    private readonly store: Store,
    private readonly writer: GroupCommitWriter,
    private readonly log: Logger,
  ) {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.handleUpdate(update, origin as UpdateOrigin));
  }

  /** Loads the document's snapshot and log from the store. */
  static async load(name: string, store: Store, writer: GroupCommitWriter, log: Logger): Promise<SharedDocument> {
    const shared = new SharedDocument(name, store, writer, log);
    const stored = await store.loadDocument(name);
    const origin: UpdateOrigin = { source: 'load' };
    Y.transact(
      shared.doc,
      () => {
        if (stored.snapshot) Y.applyUpdate(shared.doc, stored.snapshot, origin);
        for (const update of stored.updates) Y.applyUpdate(shared.doc, update, origin);
      },
      origin,
    );
    shared.updatesSinceSnapshot = stored.updates.length;
    // An upper bound from the stored bytes: no full re-encode of a large document on every load.
    shared.sizeUpperBoundBytes = (stored.snapshot?.byteLength ?? 0) + stored.updates.reduce((sum, update) => sum + update.byteLength, 0);
    return shared;
  }

  /** Applies a change that has passed every check for its sender. */
  applyUpdate(update: Uint8Array, origin: UpdateOrigin): void {
    Y.applyUpdate(this.doc, update, origin);
  }

  /** Sends the peer what it lacks (sync step 2), once everything in it is stored. */
  replyToSyncStep1(peer: DocumentPeer, stateVector: Uint8Array): void {
    // While the store fails, the chain waits for commits that may not come: answer with what is stored.
    if (!this.writer.isSettled(this.name) && !this.writer.status().canStore) return void this.replyFromStore(peer, stateVector);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep2(encoder, this.doc, stateVector);
    this.sendAfterCommits(peer, encoding.toUint8Array(encoder));
  }

  /**
   * Sync step 2 from the stored snapshot and log only (reads work on a full disk): a new reader syncs what
   * is committed now and gets the rest by broadcast once stored. Nothing unstored is sent.
   */
  private async replyFromStore(peer: DocumentPeer, stateVector: Uint8Array): Promise<void> {
    try {
      const stored = await this.store.loadDocument(this.name);
      const committed = Y.mergeUpdates([...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates]);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
      encoding.writeVarUint8Array(encoder, Y.diffUpdate(committed, stateVector));
      if (this.peers.has(peer)) peer.sendDocumentMessage(encoding.toUint8Array(encoder));
    } catch (error) {
      this.log.error({ err: error, document: this.name }, 'could not read the stored document for a new reader');
    }
  }

  /** Our sync step 1, so the peer sends what we lack. Holds no document content, so it goes at once. */
  sendSyncStep1(peer: DocumentPeer): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    peer.sendDocumentMessage(encoding.toUint8Array(encoder));
  }

  /** Resolves when everything sent so far has left (used by tests and shutdown). */
  whenSent(): Promise<void> {
    return this.sendChain;
  }

  /**
   * Would adding `extraBytes` take the document past `maxBytes`? Uses a running upper bound (loaded size
   * plus every update since), and pays for an exact encode only when that bound is crossed, so the check
   * is cheap per update however large the document is.
   */
  wouldExceed(extraBytes: number, maxBytes: number): boolean {
    if (this.sizeUpperBoundBytes + extraBytes <= maxBytes) return false;
    this.sizeUpperBoundBytes = Y.encodeStateAsUpdate(this.doc).byteLength;
    return this.sizeUpperBoundBytes + extraBytes > maxBytes;
  }

  destroy(): void {
    this.isDestroyed = true;
    this.doc.destroy();
  }

  private sendAfterCommits(peer: DocumentPeer, message: Uint8Array): void {
    this.sendChain = this.sendChain.then(() => {
      if (this.peers.has(peer)) peer.sendDocumentMessage(message);
    });
  }

  private handleUpdate(update: Uint8Array, origin: UpdateOrigin): void {
    if (origin?.source === 'load') return;
    this.sizeUpperBoundBytes += update.byteLength;
    const committed = this.writer.append(this.name, update);
    // Encode the broadcast once; every peer gets the same bytes.
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, update);
    const message = encoding.toUint8Array(encoder);
    const senderId = origin?.source === 'connection' ? origin.connectionId : null;
    this.sendChain = this.sendChain
      .then(() => committed)
      .then(() => {
        for (const peer of this.peers) if (peer.id !== senderId) peer.sendDocumentMessage(message);
        this.updatesSinceSnapshot += 1;
        this.compactIfDue();
      });
    this.onChange?.(origin ?? { source: 'server' });
  }

  private compactIfDue(): void {
    if (this.isDestroyed || this.updatesSinceSnapshot < COMPACT_AFTER_UPDATES) return;
    // Only when every change in memory is committed, so the snapshot holds nothing the log lacks.
    if (!this.writer.isSettled(this.name)) return;
    this.updatesSinceSnapshot = 0;
    this.store.compactDocument(this.name, Y.encodeStateAsUpdate(this.doc)).catch((error: unknown) => {
      this.log.error({ err: error, document: this.name }, 'compaction failed; the log is kept as it was');
    });
  }
}

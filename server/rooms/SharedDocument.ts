import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CLOSE_CODES } from '../../shared/protocol/closeCodes.js';
import type { Logger } from '../log.js';
import type { GroupCommitWriter } from '../store/groupCommit.js';
import type { Store, StoredDocument } from '../store/store.js';
import { storedStateOf } from '../store/storedState.js';
import { isCompactionDue } from './compaction.js';
import { isEmptyStateVector, WholeState } from './WholeState.js';

/** Where a change to a document came from. Loads are not stored again; everything else is. */
export type UpdateOrigin =
  | { source: 'connection'; connectionId: string }
  | { source: 'server' }
  | { source: 'load' }
  /** Stored by another instance and read from the board's stream (or caught up from the store): relayed, never stored again. */
  | { source: 'bus' };

export interface SharedDocumentOptions {
  /**
   * Several instances serve this document (issue 11): it holds changes other instances stored, which may
   * reach it after later rows of the log. A snapshot of the document in memory could then lack a row it
   * claims to cover, so compaction folds the STORED rows instead (`compactStoredLog`), and a change whose
   * commit failed is stored again as a whole-state row, never by compaction.
   */
  clustered?: boolean;
  /** Counts for the metrics (`GET /metrics`): changes in, and document messages out to connections. */
  counters?: DocumentCounters;
}

export interface DocumentCounters {
  /** A change was applied, by where it came from. */
  changeIn(source: UpdateOrigin['source']): void;
  /** Document messages sent to connections (one per peer). */
  messagesOut(count: number): void;
}

/** A connection as a document sees it: an id, a way to send it bytes, and a way to close it. */
export interface DocumentPeer {
  readonly id: string;
  sendDocumentMessage(message: Uint8Array): void;
  /** Closes the connection with a websocket close code (shared/protocol/closeCodes.ts). */
  end(code: number, reason: string): void;
}

const MESSAGE_SYNC = 0;
/** After a failed compaction, wait this long before trying again (each try encodes the whole document). */
const COMPACTION_RETRY_MS = 5_000;

/**
 * One Yjs document in memory, its peers and its persistence.
 *
 * Invariant (persist before broadcast): every change is appended to the store's log, and nothing that
 * contains it — a broadcast or a reply to a sync step 1 — is sent to anyone until that append committed.
 * Sends go through one chain per document, so they leave in order and only after the commits before them.
 * No link of the chain can break it: a peer whose send throws is closed, a failed commit closes every peer
 * with a resync code, and later changes are still broadcast.
 *
 * Compaction (snapshot + delete log) knows exactly which log rows its snapshot covers: `coveredSeq` is the
 * highest log position whose update is in `doc` (from the load, then from each commit's seq). The snapshot
 * is encoded from `doc`, which holds every row up to `coveredSeq` (and maybe newer ones, which stay in the
 * log and are applied again harmlessly on load), and the store deletes only rows up to `coveredSeq`.
 */
export class SharedDocument {
  readonly doc = new Y.Doc();
  readonly peers = new Set<DocumentPeer>();
  /** The whole state as one update until the next change (joiners with nothing, the HTTP snapshot). */
  private readonly wholeState = new WholeState(this.doc);
  private sendChain: Promise<void> = Promise.resolve();
  private sizeUpperBoundBytes = 0;
  /** The highest log position (seq) of this document whose update `doc` holds. */
  private coveredSeq = 0;
  /** The stored log after the snapshot, as far as this document knows (committed updates only). */
  private logUpdates = 0;
  private logBytes = 0;
  private snapshotBytes = 0;
  /** The compaction being written, if any: one at a time per document. */
  private compaction: Promise<void> | null = null;
  private compactionRetryAt = 0;
  /**
   * Commits that failed, and how many of them a snapshot has since covered. While more failed than were
   * covered, `doc` holds a change the store lacks: the next compaction is due whatever the counts.
   */
  private failedCommits = 0;
  private failedCommitsCovered = 0;
  private isDestroyed = false;
  /** The commit of the latest change appended (for `compactNow`). */
  private lastAppend: Promise<unknown> = Promise.resolve();
  /** Called after each change is applied (synchronously), with its origin. */
  onChange: ((origin: UpdateOrigin) => void) | null = null;
  /**
   * Called with each change of this instance once it is committed, in commit order, before it is sent to
   * anyone here: the board's stream takes it to the other instances (issue 11).
   */
  onStored: ((update: Uint8Array) => void) | null = null;

  private constructor(
    readonly name: string,
    private readonly store: Store,
    private readonly writer: GroupCommitWriter,
    private readonly log: Logger,
    private readonly options: SharedDocumentOptions = {},
  ) {}

  /** Loads the document's snapshot and log from the store. */
  static async load(name: string, store: Store, writer: GroupCommitWriter, log: Logger, options: SharedDocumentOptions = {}): Promise<SharedDocument> {
    const shared = new SharedDocument(name, store, writer, log, options);
    const stored = await store.loadDocument(name);
    applyStored(shared.doc, stored, { source: 'load' });
    // A snapshot alone is the whole state as loaded: the first joiners are sent it without an encoding.
    if (stored.snapshot && stored.updates.length === 0) shared.wholeState.remember(stored.snapshot);
    // Listened to only now: with a listener, yjs encodes every applied change again for it, and the stored
    // state is not a change (~25 ms of a 2,000-note wall's load went on encoding it for nothing).
    shared.doc.on('update', (update: Uint8Array, origin: unknown) => shared.handleUpdate(update, origin as UpdateOrigin));
    shared.coveredSeq = stored.throughSeq;
    shared.logUpdates = stored.updates.length;
    shared.logBytes = stored.updates.reduce((sum, update) => sum + update.byteLength, 0);
    shared.snapshotBytes = stored.snapshot?.byteLength ?? 0;
    // An upper bound from the stored bytes: no full re-encode of a large document on every load.
    shared.sizeUpperBoundBytes = shared.snapshotBytes + shared.logBytes;
    // A long log (left by an older version, or a document loaded rarely) is folded now, not after 500 more.
    shared.compactIfDue();
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
    if (isEmptyStateVector(stateVector)) {
      encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
      encoding.writeVarUint8Array(encoder, this.wholeState.read());
    } else {
      syncProtocol.writeSyncStep2(encoder, this.doc, stateVector);
    }
    const message = encoding.toUint8Array(encoder);
    this.enqueue(() => {
      if (this.peers.has(peer)) this.sendTo(peer, message);
    });
  }

  /**
   * The whole document as one update, once everything in it is stored (a snapshot served over HTTP to a
   * phone that joins: `server/http/routes/boardSnapshot.ts`). Like `replyToSyncStep1`, it is encoded now and
   * handed over only after the commits appended before it, so it holds nothing a crash could take back.
   */
  storedState(): Promise<Uint8Array> {
    if (!this.writer.isSettled(this.name) && !this.writer.status().canStore) return this.readStoredState();
    const state = this.wholeState.read();
    return new Promise((resolve) => this.enqueue(() => resolve(state)));
  }

  private async readStoredState(): Promise<Uint8Array> {
    return storedStateOf(await this.store.loadDocument(this.name));
  }

  /**
   * Sync step 2 from the stored snapshot and log only (reads work on a full disk): a new reader syncs what
   * is committed now and gets the rest by broadcast once stored. Nothing unstored is sent.
   */
  private async replyFromStore(peer: DocumentPeer, stateVector: Uint8Array): Promise<void> {
    try {
      const committed = storedStateOf(await this.store.loadDocument(this.name));
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

  /**
   * The document for a read on the request path (officers' confidential ideas), when everything in it is
   * committed: a read never shows what a crash could take back. Null while appends are in flight or
   * after a failed commit (read the store instead).
   */
  storedContent(): Y.Doc | null {
    if (this.isDestroyed || this.hasUnstoredChanges() || !this.writer.isSettled(this.name)) return null;
    return this.doc;
  }

  /** Resolves when everything sent so far has left and a compaction under way is written (tests, shutdown). */
  async whenSent(): Promise<void> {
    await this.sendChain;
    await this.compaction;
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

  /** Adds a link to the send chain. A link that throws is logged and the chain carries on. */
  private enqueue(link: () => void | Promise<void>): void {
    this.sendChain = this.sendChain.then(link).catch((error: unknown) => {
      this.log.error({ err: error, document: this.name }, 'document send failed; carrying on with the next');
    });
  }

  /** Sends to one peer; a peer whose send throws missed a message, so it is closed and resyncs on reconnect. */
  private sendTo(peer: DocumentPeer, message: Uint8Array): void {
    try {
      peer.sendDocumentMessage(message);
    } catch (error) {
      this.log.error({ err: error, document: this.name, connectionId: peer.id }, 'send to a connection failed; closing it to resync');
      this.closePeer(peer, 'a message could not be sent: reconnect and resync');
    }
  }

  private closePeer(peer: DocumentPeer, reason: string): void {
    this.peers.delete(peer);
    try {
      peer.end(CLOSE_CODES.outOfSync.code, reason);
    } catch (error) {
      this.log.error({ err: error, document: this.name, connectionId: peer.id }, 'closing a connection failed');
    }
  }

  private handleUpdate(update: Uint8Array, origin: UpdateOrigin): void {
    this.wholeState.forget();
    if (origin?.source === 'load') return;
    this.sizeUpperBoundBytes += update.byteLength;
    this.options.counters?.changeIn(origin?.source ?? 'server');
    if (origin?.source === 'bus') return this.relayStoredElsewhere(update);
    const committed = this.writer.append(this.name, update);
    this.lastAppend = committed;
    // Counted as soon as committed (not in the send chain), so compaction knows the log as it is.
    committed.then(
      (seq) => this.noteCommitted(seq, update.byteLength),
      () => undefined,
    );
    // Encode the broadcast once; every peer gets the same bytes.
    const message = updateMessage(update);
    const senderId = origin?.source === 'connection' ? origin.connectionId : null;
    this.enqueue(async () => {
      try {
        await committed;
      } catch (error) {
        return this.commitFailed(error);
      }
      this.tellStored(update);
      let sent = 0;
      for (const peer of [...this.peers]) {
        if (peer.id === senderId) continue;
        this.sendTo(peer, message);
        sent += 1;
      }
      this.options.counters?.messagesOut(sent);
    });
    this.onChange?.(origin ?? { source: 'server' });
  }

  /**
   * A change another instance stored (it committed before it put it on the stream): sent to every peer
   * here in the chain's order, and not stored again.
   */
  private relayStoredElsewhere(update: Uint8Array): void {
    const message = updateMessage(update);
    this.enqueue(() => {
      for (const peer of [...this.peers]) this.sendTo(peer, message);
      this.options.counters?.messagesOut(this.peers.size);
    });
    this.onChange?.({ source: 'bus' });
  }

  private tellStored(update: Uint8Array): void {
    try {
      this.onStored?.(update);
    } catch (error) {
      this.log.error({ err: error, document: this.name }, 'could not hand a stored change to the other instances');
    }
  }

  /**
   * A change is in memory but its commit failed, so it was never broadcast. Every peer is closed with a
   * resync code (each reconnects and syncs with what the server holds; the client's copy still has its
   * change), and the whole document is written as a snapshot so the change is stored after all. The chain
   * waits for that write, so what follows (a reconnecting peer's sync) goes out after it.
   */
  private async commitFailed(error: unknown): Promise<void> {
    this.log.error({ err: error, document: this.name, peers: this.peers.size }, 'ALERT: a change could not be stored; closing the document\'s connections to resync');
    for (const peer of [...this.peers]) this.closePeer(peer, 'a change was not saved: reconnect and resync');
    this.failedCommits += 1;
    this.compactionRetryAt = 0;
    await this.compaction;
    this.compactIfDue();
    await this.compaction;
  }

  private hasUnstoredChanges(): boolean {
    return this.failedCommits > this.failedCommitsCovered;
  }

  private noteCommitted(seq: number, bytes: number): void {
    if (seq > this.coveredSeq) this.coveredSeq = seq;
    this.logUpdates += 1;
    this.logBytes += bytes;
    this.compactIfDue();
  }

  /**
   * Folds the stored log into a snapshot if it has rows (at shutdown): the next load reads one row, and
   * its first joiners are sent that snapshot as it is. A failure is logged and leaves the log as it was.
   */
  async compactIfLogged(): Promise<void> {
    if (this.logUpdates === 0 && !this.hasUnstoredChanges()) return;
    await this.compactNow();
  }

  /**
   * Folds the whole stored log into a snapshot of the document as it is now, whatever the counts: for
   * content that must leave the store's log (anonymous mode deleting names from the wall; gc has already
   * dropped them from `doc`). Waits until every change made so far is committed (so the snapshot covers
   * every row that held the content) and for a compaction under way. A failed compaction is logged, and
   * the next one (due by the counts) covers it.
   */
  async compactNow(): Promise<void> {
    await this.lastAppend.catch(() => undefined);
    while (this.compaction) await this.compaction;
    this.compactIfDue(true);
    await this.compaction;
  }

  /** Folds the log into a snapshot when it is long enough (compaction.ts), one compaction at a time. */
  private compactIfDue(force = false): void {
    if (this.isDestroyed || this.compaction || (!force && Date.now() < this.compactionRetryAt)) return;
    const log = { updates: this.logUpdates, updateBytes: this.logBytes, snapshotBytes: this.snapshotBytes };
    if (!force && !this.hasUnstoredChanges() && !isCompactionDue(log)) return;
    const failedCommitsAtStart = this.failedCommits;
    // Started synchronously: each reads what it folds before this turn of the event loop ends.
    const work = this.options.clustered ? this.compactClustered() : this.compactCopy();
    this.logUpdates = 0;
    this.logBytes = 0;
    this.compaction = work
      .then(
        (coversFailedCommits) => {
          if (coversFailedCommits) this.failedCommitsCovered = Math.max(this.failedCommitsCovered, failedCommitsAtStart);
        },
        (error: unknown) => {
          // The log is as it was: count it again, and try later.
          this.logUpdates += log.updates;
          this.logBytes += log.updateBytes;
          this.compactionRetryAt = Date.now() + COMPACTION_RETRY_MS;
          this.log.error({ err: error, document: this.name }, 'compaction failed; the log is kept as it was');
        },
      )
      .finally(() => {
        this.compaction = null;
        // Commits that landed while it was written may make the log due again (the end of a burst has
        // no next commit to notice).
        this.compactIfDue();
      });
  }

  /**
   * One instance: the snapshot is the copy in memory, which holds every row up to `throughSeq` (those rows
   * were applied to `doc` before they were appended, or came from the load); rows committed later keep their
   * place in the log. Resolves true: the snapshot also stores changes whose commit failed.
   */
  private async compactCopy(): Promise<boolean> {
    const throughSeq = this.coveredSeq;
    const snapshot = this.wholeState.read();
    await this.store.compactDocument(this.name, snapshot, throughSeq);
    this.snapshotBytes = snapshot.byteLength;
    return true;
  }

  /**
   * Several instances: a change this instance could not store is appended again as the whole state (it may
   * hold rows of others, which is harmless: updates are idempotent), and the other instances are told;
   * otherwise the stored rows are folded, never the copy in memory. Resolves true when failed commits are
   * now stored.
   */
  private async compactClustered(): Promise<boolean> {
    if (this.hasUnstoredChanges()) {
      const wholeState = Y.encodeStateAsUpdate(this.doc);
      await this.store.appendDocumentUpdates([{ documentName: this.name, update: wholeState }]);
      this.tellStored(wholeState);
      return true;
    }
    await this.compactStoredLog();
    return false;
  }

  /**
   * Folds exactly the rows the store holds now into a snapshot (read in one consistent read, so
   * `throughSeq` covers precisely them): safe however the stream's messages were ordered here, and
   * against another instance compacting at the same moment (the store never goes backwards).
   */
  private async compactStoredLog(): Promise<void> {
    const stored = await this.store.loadDocument(this.name);
    const folded = new Y.Doc();
    try {
      applyStored(folded, stored, null);
      const snapshot = Y.encodeStateAsUpdate(folded);
      await this.store.compactDocument(this.name, snapshot, stored.throughSeq);
      this.snapshotBytes = snapshot.byteLength;
    } finally {
      folded.destroy();
    }
  }
}

/** Applies a stored document (snapshot, then the log after it) to `doc` in one transaction with `origin`. */
export function applyStored(doc: Y.Doc, stored: StoredDocument, origin: UpdateOrigin | null): void {
  Y.transact(
    doc,
    () => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot, origin);
      for (const update of stored.updates) Y.applyUpdate(doc, update, origin);
    },
    origin,
  );
}

/** A change as the y-websocket sync message every peer receives (encoded once, sent to all). */
function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

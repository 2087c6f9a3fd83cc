/**
 * The store's port for Yjs documents: an append-only log of updates per document, compacted into a
 * snapshot that deletes exactly the rows it covers, and the board's document epoch.
 * Contract: tests/contract/documentLogContract.ts (with two instances on the same data, racing).
 */

/** A document as stored: the last snapshot (if any) and every update appended after it, in order. */
export interface StoredDocument {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
  /** Sequence number of the last update read, for compaction. 0 when none. */
  throughSeq: number;
}

/** The size of a document's stored log after its snapshot. */
export interface DocumentLogSize {
  /** Log rows after the snapshot. */
  updates: number;
  /** Their total bytes. */
  updateBytes: number;
  /** Bytes of the stored snapshot (0 when none). */
  snapshotBytes: number;
  /** The log position the snapshot covers (0 when none). */
  snapshotThroughSeq: number;
}

export interface DocumentAppend {
  documentName: string;
  update: Uint8Array;
}

export interface DocumentLogPort {
  /** Reads a Yjs document: snapshot plus its log. An unknown name gives an empty document. */
  loadDocument(documentName: string): Promise<StoredDocument>;
  /**
   * Appends updates to their documents' logs in ONE durable transaction (group commit), in the given order.
   * Resolves only once committed, with the log position (seq) of each update, in the same order: callers
   * broadcast after this, never before, and compaction uses the seqs to know what a snapshot covers.
   */
  appendDocumentUpdates(appends: DocumentAppend[]): Promise<number[]>;
  /**
   * Stores `snapshot` as the document's state through log position `throughSeq` and deletes exactly the log
   * rows it covers (seq <= throughSeq), in one transaction (a crash leaves old or new, never half). The caller
   * guarantees `snapshot` contains every update of this document with seq <= throughSeq; rows appended after
   * that are kept, whenever the call runs. A snapshot older than the stored one (lower throughSeq) is ignored.
   */
  compactDocument(documentName: string, snapshot: Uint8Array, throughSeq: number): Promise<void>;
  /** How much log the document has after its snapshot (for compaction policy and tests; reads no update bytes). */
  describeDocumentLog(documentName: string): Promise<DocumentLogSize>;
  /**
   * Names of the stored documents (with a snapshot or any logged update) that start with `prefix`, in
   * order: e.g. every draft of a board, `<boardId>/drafts/`, so the publisher can re-decide them at load.
   */
  listDocumentNames(prefix: string): Promise<string[]>;
  /** The board's document epoch: clients cache documents per epoch and drop caches of another. */
  findDocumentEpoch(boardId: string): Promise<string | null>;
}

import * as Y from 'yjs';

/**
 * A document's whole state as one update, kept until the document next changes.
 *
 * Why: a joiner who has nothing yet (an empty state vector) and the board snapshot over HTTP both need the
 * whole document. Encoding a 2,000-note wall takes 26–37 ms in a process that has just started (~5 ms
 * warm), and after a restart everyone arrives at once. The bytes are free when the document was loaded
 * from a snapshot alone or has just been compacted (the snapshot IS the whole state), and one encoding
 * serves every joiner until the next change.
 *
 * The owner calls `forget()` at every change of the document, before anything else can read it.
 */
export class WholeState {
  private bytes: Uint8Array | null = null;

  constructor(private readonly doc: Y.Doc) {}

  /** The whole state now: kept bytes, or a fresh encoding that is kept. */
  read(): Uint8Array {
    this.bytes ??= Y.encodeStateAsUpdate(this.doc);
    return this.bytes;
  }

  /** `bytes` hold the document's whole state as it is now (a snapshot it was just loaded from or written as). */
  remember(bytes: Uint8Array): void {
    this.bytes = bytes;
  }

  forget(): void {
    this.bytes = null;
  }
}

/** True when a sync step 1's state vector says its sender has nothing yet. */
export function isEmptyStateVector(stateVector: Uint8Array): boolean {
  try {
    return Y.decodeStateVector(stateVector).size === 0;
  } catch {
    return false;
  }
}

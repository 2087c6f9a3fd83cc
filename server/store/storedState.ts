import * as Y from 'yjs';
import type { StoredDocument } from './store.js';

/** A stored document (snapshot and log) as one Yjs update, without loading it into a Y.Doc. */
export function storedStateOf(stored: StoredDocument): Uint8Array {
  return Y.mergeUpdates([...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates]);
}

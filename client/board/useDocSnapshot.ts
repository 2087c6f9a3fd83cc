import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

/**
 * `read(doc)`, read again after every change to the document (local or remote, at any depth). Changes
 * made in one burst (a sync, a cache load) are read once. `read` and `empty` must be stable.
 */
export function useDocSnapshot<T>(doc: Y.Doc | null, read: (doc: Y.Doc) => T, empty: T): T {
  const [value, setValue] = useState<T>(() => (doc ? read(doc) : empty));
  useEffect(() => {
    if (doc === null) {
      setValue(empty);
      return;
    }
    setValue(read(doc));
    let isScheduled = false;
    let isActive = true;
    const onUpdate = () => {
      if (isScheduled) return;
      isScheduled = true;
      queueMicrotask(() => {
        isScheduled = false;
        if (isActive && !doc.isDestroyed) setValue(read(doc));
      });
    };
    doc.on('update', onUpdate);
    return () => {
      isActive = false;
      doc.off('update', onUpdate);
    };
  }, [doc, read, empty]);
  return value;
}

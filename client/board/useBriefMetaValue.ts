import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

/**
 * One value read from the brief (`read(doc)`, e.g. `readTimer`), read again after every change to the
 * brief but only replaced when it is really different (compared as JSON), so a component showing the timer
 * does not re-render on every keystroke in a problem statement. `read` must be stable.
 */
export function useBriefMetaValue<T>(doc: Y.Doc | null, read: (doc: Y.Doc) => T | null): T | null {
  const [value, setValue] = useState<T | null>(() => (doc ? read(doc) : null));
  useEffect(() => {
    if (doc === null) {
      setValue(null);
      return;
    }
    let json = '';
    const refresh = () => {
      if (doc.isDestroyed) return;
      const next = read(doc);
      const nextJson = JSON.stringify(next);
      if (nextJson === json) return;
      json = nextJson;
      setValue(next);
    };
    refresh();
    doc.on('update', refresh);
    return () => doc.off('update', refresh);
  }, [doc, read]);
  return value;
}

import { useCallback, useSyncExternalStore } from 'react';
import type { LiveDocument, LiveDocumentSnapshot } from '../net/yjsProvider.js';

const noSubscription = () => () => {};

/** The current state of a live document (null while there is none), re-rendering when it changes. */
export function useLiveDocument(live: LiveDocument | null): LiveDocumentSnapshot | null {
  const subscribe = useCallback((listener: () => void) => (live ? live.subscribe(listener) : noSubscription()), [live]);
  const getSnapshot = useCallback(() => (live ? live.getSnapshot() : null), [live]);
  return useSyncExternalStore(subscribe, getSnapshot);
}

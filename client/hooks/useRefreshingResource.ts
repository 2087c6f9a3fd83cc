import { useEffect } from 'react';
import { useResource } from './useResource.js';

/**
 * `useResource`, loaded again every `everyMs` while the page is visible, for figures that change on their
 * own (people here now). A reload keeps showing the last answer until the new one arrives.
 */
export function useRefreshingResource<T>(load: () => Promise<T>, key: string, everyMs: number) {
  const resource = useResource(load, key);
  const reload = resource[1];
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') reload();
    }, everyMs);
    return () => clearInterval(timer);
  }, [reload, everyMs]);
  return resource;
}

import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../net/http.js';

export type Resource<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'failed'; error: ApiError };

/**
 * Loads data for a page: again whenever `key` changes, and on `reload()`.
 * An answer that arrives after a newer request started is ignored.
 */
export function useResource<T>(load: () => Promise<T>, key: string): [Resource<T>, () => void, (data: T) => void] {
  const [resource, setResource] = useState<Resource<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const loadedKeyRef = useRef(key);

  useEffect(() => {
    let isCurrent = true;
    // A reload keeps showing what is there; a different key (another board, say) must not show the old data.
    if (loadedKeyRef.current !== key) setResource({ status: 'loading' });
    loadedKeyRef.current = key;
    loadRef.current().then(
      (data) => {
        if (isCurrent) setResource({ status: 'ready', data });
      },
      (error: unknown) => {
        if (isCurrent) setResource({ status: 'failed', error: toApiError(error) });
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const replace = useCallback((data: T) => setResource({ status: 'ready', data }), []);
  return [resource, reload, replace];
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'unexpected-response', 'Sorry, there is a problem with the service. Try again later.');
}

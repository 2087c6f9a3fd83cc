/**
 * The store, timed: every call's latency by method, and its failures by method and kind (a store that
 * cannot write shows up here before anyone complains). A Proxy, so every method of every port is measured
 * without listing them, including the ones added later.
 */
import { Counter, Histogram, type Registry } from 'prom-client';
import type { Store } from '../store/store.js';
import { isStoreUnavailableError } from '../store/storeErrors.js';

/** Seconds: a commit on a local disk takes ~1–5 ms; a networked database or a struggling disk far more. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export function measuredStore(store: Store, registry: Registry): Store {
  const latency = new Histogram({
    name: 'oiw_store_call_seconds',
    help: 'Time a store call took, by method.',
    labelNames: ['method'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'oiw_store_errors_total',
    help: 'Store calls that failed, by method and kind (unavailable: disk full, read-only, unreachable; other: a bug or bad data).',
    labelNames: ['method', 'kind'],
    registers: [registry],
  });
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string' || property === 'close') return value;
      return (...args: unknown[]) => {
        const stop = latency.startTimer({ method: property });
        const failed = (error: unknown) => {
          errors.inc({ method: property, kind: isStoreUnavailableError(error) ? 'unavailable' : 'other' });
          throw error;
        };
        try {
          const result: unknown = (value as (...callArgs: unknown[]) => unknown).apply(target, args);
          if (result instanceof Promise) return result.then((resolved) => (stop(), resolved), (error: unknown) => (stop(), failed(error)));
          stop();
          return result;
        } catch (error) {
          stop();
          return failed(error);
        }
      };
    },
  });
}

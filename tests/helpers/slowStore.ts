/**
 * Wrappers around the REAL store for fault tests (a networked store is a slow store): they change when a
 * call answers, or make it fail, never what it does. Not a mock: every call still reaches SQLite.
 */
import type { Store } from '../../server/store/store.js';

/** What a wrapper may do before a call reaches the store: wait, throw, or nothing. */
export type BeforeCall = (method: keyof Store, args: unknown[]) => Promise<void> | void;

/** A store whose every method runs `before` first (e.g. a delay or an injected failure). */
export function wrapStore(store: Store, before: BeforeCall): Store {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || property === 'close') return value;
      return async (...args: unknown[]) => {
        await before(property as keyof Store, args);
        return (value as (...callArgs: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/** A store that answers every call `delayMs` later, as a store across a network does. */
export function slowStore(store: Store, delayMs: number): Store {
  return wrapStore(store, () => new Promise((resolve) => setTimeout(resolve, delayMs)));
}

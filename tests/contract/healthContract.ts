/**
 * The contract of the store's health port (is it there, can it write now, close), run against every
 * implementation: /readyz and shutdown rely on these answers, never on a particular database.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { HealthPort } from '../../server/store/store.js';
import { T0 } from './contractIds.js';

export function describeHealthContract(name: string, openStore: () => Promise<HealthPort>): void {
  describe(`[#11] store health contract: ${name}`, () => {
    let store: HealthPort;

    beforeEach(async () => {
      store = await openStore();
      return () => store.close();
    });

    it('answers the readiness questions', async () => {
      expect(await store.isReachable()).toBe(true);
      await expect(store.probeWrite(T0)).resolves.toBeUndefined();
      await expect(store.probeWrite(T0 + 1)).resolves.toBeUndefined();
    });

    it('once closed, says it is unreachable, refuses writes, and closing again is harmless', async () => {
      await store.close();
      expect(await store.isReachable()).toBe(false);
      await expect(store.probeWrite(T0)).rejects.toThrow();
      // Shutdown may close a store twice (a signal during shutdown): that must not throw.
      await expect(store.close()).resolves.toBeUndefined();
    });
  });
}

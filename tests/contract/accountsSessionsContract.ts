/**
 * The contract of the store's accounts-and-sessions port (ports/accountsPort.ts), run against every implementation.
 * Only the port is used: no test reads a table.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { AccountsPort, HealthPort } from '../../server/store/store.js';
import { T0, anAccount, contractId } from './contractIds.js';

export function describeAccountsSessionsContract(name: string, openStore: () => Promise<AccountsPort & HealthPort>): void {
  describe(`[#11] accounts and sessions store contract: ${name}`, () => {
    let store: AccountsPort & HealthPort;

    beforeEach(async () => {
      store = await openStore();
      return () => store.close();
    });

    it('keeps accounts, finds them by email and id, and refuses a second account with the same email', async () => {
      expect(await store.countAccounts()).toBe(0);
      const ana = anAccount('ana@council.example');
      await store.createAccount(ana);
      expect(await store.findAccountByEmail('ana@council.example')).toEqual(ana);
      expect(await store.findAccountById(ana.id)).toEqual(ana);
      expect(await store.findAccountById('nobody')).toBeNull();
      await expect(store.createAccount({ ...anAccount('ana@council.example') })).rejects.toThrow();
      expect(await store.countAccounts()).toBe(1);
    });

    it('lets exactly one set-up link make the first account, even when two race', async () => {
      await store.createSetupToken('hash-1', T0);
      await store.createSetupToken('hash-2', T0);
      expect(await store.isSetupTokenUnused('hash-1')).toBe(true);
      expect(await store.isSetupTokenUnused('unknown')).toBeNull();
      const results = await Promise.all([
        store.useSetupTokenForFirstAccount('hash-1', anAccount('first@council.example'), T0 + 1),
        store.useSetupTokenForFirstAccount('hash-2', anAccount('second@council.example'), T0 + 1),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.countAccounts()).toBe(1);
      // Every other link is spent once an officer exists.
      expect(await store.isSetupTokenUnused('hash-1')).toBe(false);
      expect(await store.isSetupTokenUnused('hash-2')).toBe(false);
      expect(await store.useSetupTokenForFirstAccount('hash-1', anAccount('third@council.example'), T0 + 2)).toBe(false);
    });

    it('keeps sessions until deleted or expired', async () => {
      const ana = anAccount('ana2@council.example');
      await store.createAccount(ana);
      const live = { tokenHash: contractId('sess'), kind: 'officer' as const, accountId: ana.id, participantId: null, boardId: null, createdAt: T0, expiresAt: T0 + 1_000 };
      const old = { ...live, tokenHash: contractId('sess'), expiresAt: T0 + 10 };
      await store.createSession(live);
      await store.createSession(old);
      expect(await store.findSession(live.tokenHash)).toEqual(live);
      expect(await store.deleteExpiredSessions(T0 + 500)).toBe(1);
      expect(await store.findSession(old.tokenHash)).toBeNull();
      await store.deleteSession(live.tokenHash);
      expect(await store.findSession(live.tokenHash)).toBeNull();
    });
  });
}

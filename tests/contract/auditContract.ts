/**
 * The contract of the store's audit port (ports/auditPort.ts: refusal counts, the board's phase mirror and schedule,
 * phase changes), run against every implementation. Moderation and setting changes have their own suites.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { AuditPort, HealthPort } from '../../server/store/store.js';
import { T0 } from './contractIds.js';

export function describeAuditContract(name: string, openStore: () => Promise<AuditPort & HealthPort>): void {
  describe(`[#11] audit store contract: ${name}`, () => {
    let store: AuditPort & HealthPort;

    beforeEach(async () => {
      store = await openStore();
      return () => store.close();
    });

    it('counts refusals per person and rule, newest first', async () => {
      await store.recordRefusal('b1', 'p1', 'rate-limit', T0);
      await store.recordRefusal('b1', 'p1', 'rate-limit', T0 + 5);
      await store.recordRefusal('b1', 'p2', 'too-long', T0 + 1);
      await store.recordRefusal('b2', 'p1', 'too-long', T0 + 9);
      expect(await store.listRefusals('b1')).toEqual([
        { personId: 'p1', rule: 'rate-limit', count: 2, lastAt: T0 + 5 },
        { personId: 'p2', rule: 'too-long', count: 1, lastAt: T0 + 1 },
      ]);
    });

    it('mirrors phase and schedule separately, and lists scheduled boards', async () => {
      expect(await store.findBoardPhase('b1')).toBeNull();
      await store.recordBoardPhase('b1', 'draft', T0);
      await store.recordBoardSchedule('b1', { opensAt: T0 + 60_000, closesAt: null }, T0);
      await store.recordBoardPhase('b1', 'open', T0 + 1);
      expect(await store.findBoardPhase('b1')).toEqual({ boardId: 'b1', phase: 'open', opensAt: T0 + 60_000, closesAt: null });
      await store.recordBoardSchedule('b2', { opensAt: null, closesAt: T0 + 5 }, T0);
      await store.recordBoardPhase('b3', 'closed', T0);
      expect(await store.findBoardPhase('b2')).toEqual({ boardId: 'b2', phase: null, opensAt: null, closesAt: T0 + 5 });
      expect((await store.listScheduledBoards()).map((board) => board.boardId).sort()).toEqual(['b1', 'b2']);
    });

    it('keeps phase changes in order', async () => {
      await store.recordPhaseChange({ boardId: 'b1', actor: 'officer-1', from: 'draft', to: 'open', at: T0 });
      await store.recordPhaseChange({ boardId: 'b1', actor: 'schedule', from: 'open', to: 'closed', at: T0 + 1 });
      await store.recordPhaseChange({ boardId: 'b2', actor: null, from: 'open', to: 'voting', at: T0 + 2 });
      expect(await store.listPhaseChanges('b1')).toEqual([
        { boardId: 'b1', actor: 'officer-1', from: 'draft', to: 'open', at: T0 },
        { boardId: 'b1', actor: 'schedule', from: 'open', to: 'closed', at: T0 + 1 },
      ]);
    });
  });
}

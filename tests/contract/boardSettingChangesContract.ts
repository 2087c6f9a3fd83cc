/**
 * The contract of the board-settings audit of the boards port (ports/boardsPort.ts: who changed which workshop setting, when,
 * to what), run against every implementation. Only the port is used: no test reads a table.
 */
import { describe, expect, it } from 'vitest';
import type { BoardsPort, HealthPort } from '../../server/store/store.js';

const T0 = Date.parse('2026-12-03T09:00:00Z');

export function describeBoardSettingChangesContract(name: string, makeStore: () => Promise<BoardsPort & HealthPort>): void {
  describe(`[#12.anonymity] board setting changes (${name})`, () => {
    it('[#12.anonymity] keeps every change of one board, oldest first, and no other board’s', async () => {
      const store = await makeStore();
      try {
        const change = (boardId: string, valueJson: string, at: number) => ({ boardId, actorPersonId: 'officer0000000000001', setting: 'anonymous', valueJson, at });
        await store.recordBoardSettingChange(change('board000000000000001', 'true', T0));
        await store.recordBoardSettingChange(change('board000000000000002', 'true', T0 + 1));
        await store.recordBoardSettingChange(change('board000000000000001', 'false', T0 + 2));
        expect(await store.listBoardSettingChanges('board000000000000001')).toEqual([
          change('board000000000000001', 'true', T0),
          change('board000000000000001', 'false', T0 + 2),
        ]);
        expect(await store.listBoardSettingChanges('board000000000000003')).toEqual([]);
      } finally {
        await store.close();
      }
    });
  });
}

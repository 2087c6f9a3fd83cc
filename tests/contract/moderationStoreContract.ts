/**
 * The contract of the store's moderation port (issue 12): an append-only log of hide and restore
 * actions, and the hidden set it implies. Run against every implementation; only the port is used.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { ModerationActionRecord, ModerationPort, HealthPort } from '../../server/store/store.js';

const BOARD = 'board-id-00000000001';
const OTHER_BOARD = 'board-id-00000000002';
const OFFICER = 'officer-id-000000001';
const T0 = Date.parse('2026-12-03T10:00:00Z');

function action(overrides: Partial<ModerationActionRecord>): ModerationActionRecord {
  return {
    boardId: BOARD,
    kind: 'note',
    key: 'person-id-0000000001:note-id-00000000001',
    action: 'hide',
    reason: 'offensive',
    detail: '',
    officerId: OFFICER,
    at: T0,
    ...overrides,
  };
}

export function describeModerationStoreContract(name: string, openStore: () => Promise<ModerationPort & HealthPort>): void {
  describe(`[#12.moderation] moderation store contract: ${name}`, () => {
    let store: ModerationPort & HealthPort;

    beforeEach(async () => {
      store = await openStore();
      return () => store.close();
    });

    it('[#12.moderation] an empty board has nothing hidden and an empty log', async () => {
      expect(await store.listHiddenItems(BOARD)).toEqual([]);
      expect(await store.listModerationActions(BOARD)).toEqual([]);
    });

    it('[#12.moderation] the latest action of each item decides whether it is hidden; the log keeps every action in order', async () => {
      const note = action({ detail: 'Keep it civil.' });
      const comment = action({ kind: 'comment', reason: 'duplicate', at: T0 + 1 });
      await store.appendModerationActions([note, comment]);
      await store.appendModerationActions([action({ action: 'restore', reason: null, at: T0 + 2 })]);
      await store.appendModerationActions([action({ reason: 'personal-data', at: T0 + 3 }), action({ action: 'restore', reason: null, kind: 'comment', at: T0 + 4 })]);
      expect(await store.listHiddenItems(BOARD)).toEqual([action({ reason: 'personal-data', at: T0 + 3 })]);
      expect((await store.listModerationActions(BOARD)).map((entry) => `${entry.kind}:${entry.action}`)).toEqual([
        'note:hide',
        'comment:hide',
        'note:restore',
        'note:hide',
        'comment:restore',
      ]);
    });

    it('[#12.moderation] boards are kept apart; the same key as a note and as a comment are two items', async () => {
      await store.appendModerationActions([action({}), action({ kind: 'comment' })]);
      await store.appendModerationActions([action({ boardId: OTHER_BOARD, action: 'restore', reason: null })]);
      expect(await store.listHiddenItems(BOARD)).toHaveLength(2);
      expect(await store.listHiddenItems(OTHER_BOARD)).toEqual([]);
    });

    it('[#12.moderation] a batch is stored whole or not at all', async () => {
      const tooLong = action({ detail: 'x'.repeat(501) });
      await expect(store.appendModerationActions([action({}), tooLong])).rejects.toThrow();
      expect(await store.listModerationActions(BOARD)).toEqual([]);
    });

    it('[#12.moderation] SQL in a key or detail is stored as text', async () => {
      const odd = action({ key: "x'); DROP TABLE moderation_actions; --", detail: "Robert'); --" });
      await store.appendModerationActions([odd]);
      expect(await store.listHiddenItems(BOARD)).toEqual([odd]);
    });
  });
}

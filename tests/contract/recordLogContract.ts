/**
 * The contract of the record-log and published-records ports (issue 13), run against every store
 * implementation through the port only: appends are numbered and chained per board with no gaps, racing
 * appends never fork a chain, audits that are accepted changes land in the log in the same transaction,
 * and a published record is stored, replaced and found.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { AuditPort, BoardsPort, HealthPort, ModerationPort, PublicRecordsPort, RecordLogPort } from '../../server/store/store.js';
import { GENESIS_HASH, type RecordEntryInput } from '../../server/record/recordEntry.js';
import { entryLine } from '../../server/record/recordHash.js';
import { verifyRecordLog } from '../../server/record/verifyRecordLog.js';

/** The record-log port, and the audits that append to it in their own transaction. */
type RecordLogSuiteStore = AuditPort & BoardsPort & HealthPort & ModerationPort & PublicRecordsPort & RecordLogPort;

const BOARD = 'board-id-00000000001';
const OTHER_BOARD = 'board-id-00000000002';
const T0 = Date.parse('2026-12-03T10:00:00Z');

function input(index: number): RecordEntryInput {
  return { at: T0 + index, who: { id: 'person-id-0000000001', role: 'participant' }, kind: 'note.published', data: { key: `k${index}`, text: `Idea “${index}” & <more>` } };
}

export function describeRecordLogContract(name: string, openStore: () => Promise<RecordLogSuiteStore>): void {
  describe(`[#13.record] record log store contract: ${name}`, () => {
    let store: RecordLogSuiteStore;

    beforeEach(async () => {
      store = await openStore();
      return () => store.close();
    });

    it('[#13.record] an empty board has no head and no entries', async () => {
      expect(await store.findRecordHead(BOARD)).toBeNull();
      expect(await store.listRecordEntries(BOARD)).toEqual([]);
      expect(await store.appendRecordEntries(BOARD, [])).toEqual([]);
    });

    it('[#13.record] appends are numbered from 1 and chained from the genesis hash, per board', async () => {
      const first = await store.appendRecordEntries(BOARD, [input(1), input(2)]);
      await store.appendRecordEntries(OTHER_BOARD, [input(9)]);
      const second = await store.appendRecordEntries(BOARD, [input(3)]);
      expect(first.map((entry) => entry.seq)).toEqual([1, 2]);
      expect(first[0]?.prevHash).toBe(GENESIS_HASH);
      expect(second[0]).toMatchObject({ seq: 3, prevHash: first[1]?.hash, at: new Date(T0 + 3).toISOString() });
      const all = await store.listRecordEntries(BOARD);
      expect(all).toEqual([...first, ...second]);
      expect(await store.findRecordHead(BOARD)).toEqual({ seq: 3, hash: second[0]?.hash, at: second[0]?.at });
      expect(verifyRecordLog(all.map(entryLine).join('\n'))).toMatchObject({ ok: true, entries: 3, finalHash: second[0]?.hash });
      expect((await store.listRecordEntries(OTHER_BOARD)).map((entry) => entry.seq)).toEqual([1]);
    });

    it('[#13.record] many appends racing for one board make one unbroken chain', async () => {
      await Promise.all(Array.from({ length: 20 }, (_, index) => store.appendRecordEntries(BOARD, [input(index), input(index + 100)])));
      const all = await store.listRecordEntries(BOARD);
      expect(all.map((entry) => entry.seq)).toEqual(Array.from({ length: 40 }, (_, index) => index + 1));
      expect(verifyRecordLog(all.map(entryLine).join('\n')).ok).toBe(true);
    });

    it('[#13.record] phase changes, setting changes and moderation actions are recorded with their audit', async () => {
      await store.recordPhaseChange({ boardId: BOARD, actor: 'officer-id-000000001', from: 'open', to: 'closed', at: T0 });
      await store.recordPhaseChange({ boardId: BOARD, actor: 'schedule', from: 'closed', to: 'open', at: T0 + 1 });
      await store.recordBoardSettingChange({ boardId: BOARD, actorPersonId: 'officer-id-000000001', setting: 'anonymous', valueJson: 'true', at: T0 + 2 });
      await store.appendModerationActions([
        { boardId: BOARD, kind: 'note', key: 'p:n', action: 'hide', reason: 'offensive', detail: 'private words', officerId: 'officer-id-000000001', at: T0 + 3 },
      ]);
      const all = await store.listRecordEntries(BOARD);
      expect(all.map((entry) => [entry.kind, entry.who, entry.data])).toEqual([
        ['phase.changed', { id: 'officer-id-000000001', role: 'officer' }, { from: 'open', to: 'closed' }],
        ['phase.changed', { id: 'server', role: 'server' }, { from: 'closed', to: 'open' }],
        ['setting.changed', { id: 'officer-id-000000001', role: 'officer' }, { setting: 'anonymous', value: true }],
        ['moderation.hidden', { id: 'officer-id-000000001', role: 'officer' }, { item: 'note', key: 'p:n', reason: 'offensive' }],
      ]);
      expect(JSON.stringify(all)).not.toContain('private words');
      expect(await store.listPhaseChanges(BOARD)).toHaveLength(2);
    });

    it('[#13.published] a published record is stored, found and replaced; pipeline lists only listed boards', async () => {
      expect(await store.findPublishedRecord(BOARD)).toBeNull();
      await store.savePublishedRecord({ boardId: BOARD, publishedAt: T0, recordJson: '{"a":1}' });
      await store.savePublishedRecord({ boardId: BOARD, publishedAt: T0 + 5, recordJson: '{"a":2}' });
      expect(await store.findPublishedRecord(BOARD)).toEqual({ boardId: BOARD, publishedAt: T0 + 5, recordJson: '{"a":2}' });
      await store.createBoard({ id: BOARD, title: 'Listed', summary: '', notice: 'n', status: 'open', createdAt: T0, updatedAt: T0 }, null);
      await store.createBoard({ id: OTHER_BOARD, title: 'Not listed', summary: '', notice: 'n', status: 'open', createdAt: T0, updatedAt: T0 }, null);
      expect(await store.listPipelineBoards()).toEqual([]);
      const pipeline = { listed: true, serviceArea: 'Parks', stage: 'beta' as const, startsOn: '2027-01-01', endsOn: '', howToTakePart: 'Ask.' };
      await store.updateBoard(BOARD, { pipeline }, T0 + 1);
      await store.updateBoard(OTHER_BOARD, { pipeline: { ...pipeline, listed: false } }, T0 + 1);
      expect((await store.findBoard(BOARD))?.pipeline).toEqual(pipeline);
      const listed = await store.listPipelineBoards();
      expect(listed.map((entry) => [entry.board.id, entry.board.pipeline, entry.publishedAt])).toEqual([[BOARD, pipeline, T0 + 5]]);
    });
  });
}

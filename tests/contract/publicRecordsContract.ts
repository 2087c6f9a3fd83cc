/** The contract of issue 13's public-records port (published records, the pipeline), run against every implementation. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { AuditPort, BoardsPort, HealthPort, PublicRecordsPort } from '../../server/store/store.js';
import { EMPTY_PIPELINE } from '../../shared/schema/pipeline.js';
import { T0, aBoard } from './contractIds.js';

/** The public-records port, and the boards and phase mirror the pipeline shows. */
type PublicRecordsSuiteStore = AuditPort & BoardsPort & HealthPort & PublicRecordsPort;

export function describePublicRecordsContract(name: string, openStore: () => Promise<PublicRecordsSuiteStore>): void {
  describe(`[#13] public records store contract: ${name}`, () => {
    let store: PublicRecordsSuiteStore;

    beforeEach(async () => {
      store = await openStore();
      return () => store.close();
    });

    it('lists only boards put in the pipeline, with their phase and published record', async () => {
      const listed = await aBoard(store, null);
      const unlisted = await aBoard(store, null);
      await store.updateBoard(listed.id, { pipeline: { ...EMPTY_PIPELINE, listed: true, serviceArea: 'Waste' } }, T0 + 1);
      await store.updateBoard(unlisted.id, { pipeline: { ...EMPTY_PIPELINE, listed: false } }, T0 + 1);
      await store.recordBoardPhase(listed.id, 'closed', T0 + 2);
      await store.savePublishedRecord({ boardId: listed.id, publishedAt: T0 + 3, recordJson: '{"a":1}' });
      const pipeline = await store.listPipelineBoards();
      expect(pipeline.map((entry) => entry.board.id)).toEqual([listed.id]);
      expect(pipeline[0]).toMatchObject({ phase: 'closed', publishedAt: T0 + 3, board: { pipeline: { listed: true, serviceArea: 'Waste' } } });
      expect(await store.findPublishedRecord(listed.id)).toEqual({ boardId: listed.id, publishedAt: T0 + 3, recordJson: '{"a":1}' });
      expect(await store.findPublishedRecord(unlisted.id)).toBeNull();
      expect((await store.findBoard(listed.id))?.pipeline).toMatchObject({ listed: true, serviceArea: 'Waste' });
    });
  });
}

/**
 * The contract of issue 13's fairness and public-records ports (questions answered once, council outcomes
 * replaced and cleared, profiles, published records, the pipeline), run against every implementation.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../server/store/store.js';
import { EMPTY_PIPELINE } from '../../shared/schema/pipeline.js';
import { T0, aBoard, contractId } from './contractIds.js';

export function describeFairnessPublicContract(name: string, openStore: () => Promise<Store>): void {
  describe(`[#13] fairness and public records store contract: ${name}`, () => {
    let store: Store;

    beforeEach(async () => {
      store = await openStore();
      return () => store.close();
    });

    it('keeps questions private until answered, answers each once, and counts a person’s questions', async () => {
      const question = { id: contractId('q'), boardId: 'b1', personId: 'p1', targetId: null, question: 'When?', askedAt: T0, answer: null, answeredBy: null, answeredAt: null, publishedId: null };
      await store.addQuestion(question);
      await store.addQuestion({ ...question, id: contractId('q'), askedAt: T0 + 10, targetId: 'stage-1' });
      expect(await store.countQuestionsSince('b1', 'p1', T0 + 5)).toBe(1);
      expect(await store.countQuestionsSince('b1', 'p2', 0)).toBe(0);
      const answer = { boardId: 'b1', id: question.id, answer: 'In March.', answeredBy: 'o1', answeredAt: T0 + 20, publishedId: 'pub-1' };
      const results = await Promise.all([store.answerQuestion(answer), store.answerQuestion({ ...answer, answer: 'In April.' })]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.answerQuestion({ ...answer, boardId: 'other' })).toBe(false);
      const listed = await store.listQuestions('b1');
      expect(listed.map((entry) => entry.askedAt)).toEqual([T0, T0 + 10]);
      expect(listed[0]).toMatchObject({ answeredBy: 'o1', publishedId: 'pub-1', answeredAt: T0 + 20 });
    });

    it('keeps one council outcome per item, replaced and cleared', async () => {
      const outcome = { boardId: 'b1', kind: 'note' as const, key: 'p1:n1', outcome: 'taken-forward' as const, reason: 'Good', officerId: 'o1', at: T0 };
      await store.setCouncilOutcome(outcome);
      await store.setCouncilOutcome({ ...outcome, outcome: 'already-in-place', at: T0 + 1 });
      await store.setCouncilOutcome({ ...outcome, kind: 'cluster', key: 'c1', at: T0 + 2 });
      expect((await store.listCouncilOutcomes('b1')).map((entry) => [entry.kind, entry.outcome])).toEqual([
        ['note', 'already-in-place'],
        ['cluster', 'taken-forward'],
      ]);
      await store.clearCouncilOutcome('b1', 'note', 'p1:n1');
      expect(await store.listCouncilOutcomes('b1')).toHaveLength(1);
    });

    it('keeps what people said about their organisation, one answer each', async () => {
      await store.saveParticipantProfile({ participantId: 'p1', boardId: 'b1', organisationSize: 'micro', workedBefore: null });
      await store.saveParticipantProfile({ participantId: 'p1', boardId: 'b1', organisationSize: 'small', workedBefore: 'no' });
      await store.saveParticipantProfile({ participantId: 'p2', boardId: 'b1', organisationSize: null, workedBefore: null });
      expect(await store.listParticipantProfiles('b1')).toEqual([
        { participantId: 'p1', boardId: 'b1', organisationSize: 'small', workedBefore: 'no' },
        { participantId: 'p2', boardId: 'b1', organisationSize: null, workedBefore: null },
      ]);
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

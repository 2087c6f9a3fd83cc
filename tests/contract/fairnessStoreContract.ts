/**
 * The contract of the store's fairness port (issue 13, server/store/ports/fairnessPort.ts): questions answered
 * once, council outcomes one per item, participant profiles one per participant. Only the port is used.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { QuestionRecord } from '../../server/store/ports/fairnessPort.js';
import type { FairnessPort, HealthPort } from '../../server/store/store.js';

const BOARD = 'board-id-00000000001';
const OTHER_BOARD = 'board-id-00000000002';
const PERSON = 'person-id-0000000001';
const T0 = Date.parse('2026-12-03T10:00:00Z');

function question(overrides: Partial<QuestionRecord> = {}): QuestionRecord {
  return { id: 'question-id-00000001', boardId: BOARD, personId: PERSON, targetId: null, question: 'When is the tender?', askedAt: T0, answer: null, answeredBy: null, answeredAt: null, publishedId: null, ...overrides };
}

export function describeFairnessStoreContract(name: string, openStore: () => Promise<FairnessPort & HealthPort>): void {
  describe(`[#13.store] fairness store contract: ${name}`, () => {
    let store: FairnessPort & HealthPort;

    beforeEach(async () => {
      store = await openStore();
      return () => store.close();
    });

    it('[#13.store] a question is answered once, counted per person and time, and stays on its board', async () => {
      await store.addQuestion(question());
      await store.addQuestion(question({ id: 'question-id-00000002', askedAt: T0 + 60_000 }));
      await store.addQuestion(question({ id: 'question-id-00000003', boardId: OTHER_BOARD }));
      expect(await store.countQuestionsSince(BOARD, PERSON, 0)).toBe(2);
      expect(await store.countQuestionsSince(BOARD, PERSON, T0 + 1)).toBe(1);
      const answer = { boardId: BOARD, id: 'question-id-00000001', answer: 'In spring', answeredBy: 'officer-id-000000001', answeredAt: T0 + 1, publishedId: 'published-id-0000001' };
      expect(await store.answerQuestion(answer)).toBe(true);
      expect(await store.answerQuestion({ ...answer, answer: 'In summer' })).toBe(false);
      expect(await store.answerQuestion({ ...answer, boardId: OTHER_BOARD, id: 'question-id-00000003' })).toBe(true);
      expect(await store.answerQuestion({ ...answer, id: 'question-id-00000099' })).toBe(false);
      const listed = await store.listQuestions(BOARD);
      expect(listed.map((entry) => [entry.id, entry.answer])).toEqual([
        ['question-id-00000001', 'In spring'],
        ['question-id-00000002', null],
      ]);
    });

    it('[#13.store] one council outcome per item: the latest replaces the earlier, clearing removes it', async () => {
      const record = { boardId: BOARD, kind: 'note' as const, key: 'person-id-0000000001:note-id-00000000001', outcome: 'taken-forward' as const, reason: 'Yes', officerId: 'officer-id-000000001', at: T0 };
      await store.setCouncilOutcome(record);
      await store.setCouncilOutcome({ ...record, outcome: 'already-in-place', reason: 'We do this', at: T0 + 1 });
      await store.setCouncilOutcome({ ...record, kind: 'cluster', key: 'cluster-id-000000001', at: T0 + 2 });
      expect((await store.listCouncilOutcomes(BOARD)).map((entry) => [entry.kind, entry.outcome, entry.reason])).toEqual([
        ['note', 'already-in-place', 'We do this'],
        ['cluster', 'taken-forward', 'Yes'],
      ]);
      await store.clearCouncilOutcome(BOARD, 'note', record.key);
      expect(await store.listCouncilOutcomes(BOARD)).toHaveLength(1);
      expect(await store.listCouncilOutcomes(OTHER_BOARD)).toEqual([]);
    });

    it('[#13.store] a participant profile is kept per participant and board', async () => {
      await store.saveParticipantProfile({ participantId: PERSON, boardId: BOARD, organisationSize: 'micro', workedBefore: null });
      await store.saveParticipantProfile({ participantId: PERSON, boardId: BOARD, organisationSize: 'small', workedBefore: 'no' });
      expect(await store.listParticipantProfiles(BOARD)).toEqual([{ participantId: PERSON, boardId: BOARD, organisationSize: 'small', workedBefore: 'no' }]);
      expect(await store.listParticipantProfiles(OTHER_BOARD)).toEqual([]);
    });
  });
}

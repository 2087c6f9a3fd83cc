/**
 * The contract of the store's officers port (invitations, co-officers, the officer audit), run
 * against every implementation. Only the port is used: no test reads a table.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { OFFICER_INVITATION_TTL_MS } from '../../shared/limits.js';
import type { AccountRecord, OfficerInvitationRecord, AccountsPort, BoardsPort, HealthPort, OfficersPort } from '../../server/store/store.js';

/** The officers port, and the accounts and boards it works on. */
type OfficerSuiteStore = AccountsPort & BoardsPort & HealthPort & OfficersPort;

const T0 = Date.parse('2026-03-02T09:00:00Z');
let sequence = 0;

function id(prefix: string): string {
  sequence += 1;
  return `${prefix}${String(sequence).padStart(21 - prefix.length, '0')}`;
}

function account(email: string): AccountRecord {
  return { id: id('acct'), email, name: email.split('@')[0] ?? email, passwordHash: 'not-a-real-hash', createdAt: T0 };
}

function invitation(boardId: string, email: string, invitedBy: string, inviteeAccountId: string | null = null): OfficerInvitationRecord {
  return {
    id: id('invt'),
    tokenHash: id('hash'),
    boardId,
    email,
    invitedBy,
    createdAt: T0,
    usedAt: null,
    inviteeAccountId,
    expiresAt: T0 + OFFICER_INVITATION_TTL_MS,
    declinedAt: null,
    withdrawnAt: null,
  };
}

export function describeOfficerStoreContract(name: string, openStore: () => Promise<OfficerSuiteStore>): void {
  describe(`[#10.1] officer store contract: ${name}`, () => {
    let store: OfficerSuiteStore;
    let priya: AccountRecord;
    let boardA: string;
    let boardB: string;

    async function board(owner: AccountRecord): Promise<string> {
      const boardId = id('brd');
      await store.createBoard(
        { id: boardId, title: boardId, summary: '', notice: 'n', status: 'open', createdAt: T0, updatedAt: T0 },
        owner.id,
      );
      return boardId;
    }

    beforeEach(async () => {
      store = await openStore();
      priya = account('priya@council.example');
      await store.createAccount(priya);
      boardA = await board(priya);
      boardB = await board(priya);
      return () => store.close();
    });

    it('[#10.1] accepting a link admits to its own board only, once, and audits it', async () => {
      const forA = invitation(boardA, 'ian@council.example', priya.id);
      const forB = invitation(boardB, 'ian@council.example', priya.id);
      await store.createOfficerInvitation(forA);
      await store.createOfficerInvitation(forB);
      const ian = account('ian@council.example');

      expect(await store.acceptOfficerInvitation(forB.id, ian, T0 + 1)).toBe(true);

      expect(await store.isBoardOfficer(boardB, ian.id)).toBe(true);
      expect(await store.isBoardOfficer(boardA, ian.id)).toBe(false);
      expect((await store.listOpenOfficerInvitations(boardA, T0 + 1)).map((open) => open.id)).toEqual([forA.id]);
      expect(await store.listOpenOfficerInvitations(boardB, T0 + 1)).toEqual([]);
      expect(await store.acceptOfficerInvitation(forB.id, account('other@council.example'), T0 + 2)).toBe(false);
      expect((await store.listOfficerChanges(boardB)).map((change) => [change.action, change.actorAccountId, change.subject])).toEqual([
        ['invited', priya.id, forB.id],
        ['invitation-accepted', ian.id, forB.id],
      ]);
    });

    it('[#11] finds an invitation by its id and by its token hash, with what became of it', async () => {
      const forA = invitation(boardA, 'ian@council.example', priya.id);
      await store.createOfficerInvitation(forA);
      expect(await store.findOfficerInvitation(forA.id)).toEqual(forA);
      expect(await store.findOfficerInvitationByTokenHash(forA.tokenHash)).toEqual(forA);
      expect(await store.findOfficerInvitation('invt-missing')).toBeNull();
      expect(await store.findOfficerInvitationByTokenHash('hash-missing')).toBeNull();
      expect(await store.withdrawOfficerInvitation(boardA, forA.id, priya.id, T0 + 1)).toBe('done');
      expect(await store.findOfficerInvitationByTokenHash(forA.tokenHash)).toEqual({ ...forA, withdrawnAt: T0 + 1 });
      expect((await store.listBoardOfficers(boardA)).map((officer) => officer.id)).toEqual([priya.id]);
    });

    it('[#10.1] an invitation cannot be answered once expired, withdrawn or declined, or by another address', async () => {
      const tom = account('tom@council.example');
      await store.createAccount(tom);
      const expiring = invitation(boardA, 'new@council.example', priya.id);
      const withdrawn = invitation(boardA, tom.email, priya.id, tom.id);
      const declined = invitation(boardB, tom.email, priya.id, tom.id);
      for (const each of [expiring, withdrawn, declined]) await store.createOfficerInvitation(each);

      expect(await store.acceptOfficerInvitation(expiring.id, account('new@council.example'), expiring.expiresAt)).toBe(false);
      expect(await store.acceptOfficerInvitationAsAccount(expiring.id, tom.id, T0 + 1)).toBe('not-found');
      expect(await store.withdrawOfficerInvitation(boardB, withdrawn.id, priya.id, T0 + 1)).toBe('not-found');
      expect(await store.withdrawOfficerInvitation(boardA, withdrawn.id, tom.id, T0 + 1)).toBe('not-found');
      expect(await store.withdrawOfficerInvitation(boardA, withdrawn.id, priya.id, T0 + 1)).toBe('done');
      expect(await store.acceptOfficerInvitationAsAccount(withdrawn.id, tom.id, T0 + 2)).toBe('withdrawn');
      expect(await store.declineOfficerInvitation(declined.id, priya.id, T0 + 1)).toBe('not-found');
      expect(await store.declineOfficerInvitation(declined.id, tom.id, T0 + 1)).toBe('done');
      expect(await store.acceptOfficerInvitationAsAccount(declined.id, tom.id, T0 + 2)).toBe('declined');
      expect(await store.isBoardOfficer(boardA, tom.id)).toBe(false);
      expect(await store.isBoardOfficer(boardB, tom.id)).toBe(false);
      expect(await store.listOfficerInvitationsForAccount(tom.id, T0 + 2)).toEqual([]);
      expect((await store.listOfficerChanges(boardB)).map((change) => change.action)).toEqual(['invited', 'invitation-declined']);
    });

    it('[#10.1] an existing account sees only invitations made to it, and accepting adds that one board', async () => {
      const tom = account('tom@council.example');
      await store.createAccount(tom);
      const toTom = invitation(boardA, tom.email, priya.id, tom.id);
      const linkOnly = invitation(boardB, tom.email, priya.id, null);
      await store.createOfficerInvitation(toTom);
      await store.createOfficerInvitation(linkOnly);

      expect((await store.listOfficerInvitationsForAccount(tom.id, T0 + 1)).map((open) => open.id)).toEqual([toTom.id]);
      expect(await store.listOfficerInvitationsForAccount(tom.id, toTom.expiresAt)).toEqual([]);
      expect(await store.acceptOfficerInvitationAsAccount(toTom.id, tom.id, T0 + 1)).toBe('done');
      expect(await store.acceptOfficerInvitationAsAccount(toTom.id, tom.id, T0 + 2)).toBe('accepted');
      expect(await store.isBoardOfficer(boardA, tom.id)).toBe(true);
      expect(await store.isBoardOfficer(boardB, tom.id)).toBe(false);
      const officers = await store.listBoardOfficersWithDates(boardA);
      expect(officers.map((officer) => [officer.account.id, officer.addedAt])).toEqual([
        [priya.id, T0],
        [tom.id, T0 + 1],
      ]);
    });

    it('[#10.1] never removes the last officer, even when two remove each other at once; refusals are not audited', async () => {
      const tom = account('tom@council.example');
      await store.createAccount(tom);
      await store.addBoardOfficer(boardA, tom.id, T0);

      expect(await store.removeBoardOfficer(boardA, 'nobody000000000000000', priya.id, T0 + 1)).toBe('not-officer');
      const answers = await Promise.all([
        store.removeBoardOfficer(boardA, tom.id, priya.id, T0 + 1),
        store.removeBoardOfficer(boardA, priya.id, tom.id, T0 + 1),
      ]);

      expect(answers.filter((answer) => answer === 'removed')).toHaveLength(1);
      expect(await store.listBoardOfficersWithDates(boardA)).toHaveLength(1);
      const [survivor] = await store.listBoardOfficersWithDates(boardA);
      expect(await store.removeBoardOfficer(boardA, survivor!.account.id, survivor!.account.id, T0 + 2)).toBe('last-officer');
      expect((await store.listOfficerChanges(boardA)).map((change) => change.action)).toEqual(['officer-removed']);
    });

    it('[#10.1] leaving is recorded as left, removing as removed', async () => {
      const tom = account('tom@council.example');
      const amina = account('amina@council.example');
      await store.createAccount(tom);
      await store.createAccount(amina);
      await store.addBoardOfficer(boardA, tom.id, T0);
      await store.addBoardOfficer(boardA, amina.id, T0);

      expect(await store.removeBoardOfficer(boardA, tom.id, tom.id, T0 + 1)).toBe('removed');
      expect(await store.removeBoardOfficer(boardA, amina.id, tom.id, T0 + 2)).toBe('actor-not-officer');
      expect(await store.removeBoardOfficer(boardA, amina.id, priya.id, T0 + 3)).toBe('removed');

      expect((await store.listOfficerChanges(boardA)).map((change) => [change.action, change.actorAccountId, change.subject, change.at])).toEqual([
        ['officer-left', tom.id, tom.id, T0 + 1],
        ['officer-removed', priya.id, amina.id, T0 + 3],
      ]);
    });
  });
}

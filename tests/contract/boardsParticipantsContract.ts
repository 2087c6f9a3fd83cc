/**
 * The contract of the store's boards, invite-links and participants ports, run against every implementation.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { AccountsPort, BoardsPort, DocumentLogPort, HealthPort, InviteLinksPort, OfficersPort, ParticipantsPort } from '../../server/store/store.js';
import { T0, aBoard, aLink, aParticipant, anAccount } from './contractIds.js';

/** The ports this suite covers, and the accounts and officers its boards need (the epoch is made with the board). */
type BoardsSuiteStore = AccountsPort & BoardsPort & DocumentLogPort & HealthPort & InviteLinksPort & OfficersPort & ParticipantsPort;

export function describeBoardsParticipantsContract(name: string, openStore: () => Promise<BoardsSuiteStore>): void {
  describe(`[#11] boards, links and participants store contract: ${name}`, () => {
    let store: BoardsSuiteStore;

    beforeEach(async () => {
      store = await openStore();
      return () => store.close();
    });

    it('creates, finds, updates and lists boards by officer', async () => {
      const ana = anAccount('ana@council.example');
      await store.createAccount(ana);
      const first = await aBoard(store, ana);
      const second = await aBoard(store, ana, { updatedAt: T0 + 5 });
      const orphan = await aBoard(store, null);
      expect(await store.findBoard(first.id)).toMatchObject({ ...first, requiresEmail: false });
      expect(await store.findBoard('missing')).toBeNull();
      const updated = await store.updateBoard(first.id, { title: 'Libraries', requiresEmail: true }, T0 + 10);
      expect(updated).toMatchObject({ title: 'Libraries', requiresEmail: true, updatedAt: T0 + 10 });
      expect(await store.findBoard(first.id)).toMatchObject({ title: 'Libraries', requiresEmail: true });
      expect(await store.updateBoard('missing', { title: 'x' }, T0)).toBeNull();
      expect((await store.listBoardsOfOfficer(ana.id)).map((board) => board.id)).toEqual([first.id, second.id]);
      expect((await store.listBoardsWithoutOfficers()).map((board) => board.id)).toEqual([orphan.id]);
      expect(await store.countBoards()).toBe(3);
      expect(await store.isBoardOfficer(first.id, ana.id)).toBe(true);
      await store.addBoardOfficer(orphan.id, ana.id, T0);
      await store.addBoardOfficer(orphan.id, ana.id, T0);
      expect((await store.listBoardOfficers(orphan.id)).map((account) => account.id)).toEqual([ana.id]);
      expect(await store.findDocumentEpoch(first.id)).toEqual(expect.any(String));
      expect(await store.findDocumentEpoch('missing')).toBeNull();
    });

    it('finds invitation links by token, code and id, newest first, and revokes once', async () => {
      const board = await aBoard(store, null);
      const older = await aLink(store, board.id);
      const newer = await aLink(store, board.id, { createdAt: T0 + 1, role: 'observer', code: null });
      expect(await store.findInviteLinkByToken(older.token)).toEqual(older);
      expect(await store.findInviteLinkByCode(older.code!)).toEqual(older);
      expect(await store.findInviteLink(board.id, newer.id)).toEqual(newer);
      expect(await store.findInviteLink('other-board', newer.id)).toBeNull();
      expect((await store.listInviteLinks(board.id)).map((link) => link.id)).toEqual([newer.id, older.id]);
      expect(await store.revokeInviteLink(board.id, older.id, T0 + 2)).toMatchObject({ revokedAt: T0 + 2 });
      expect(await store.revokeInviteLink(board.id, older.id, T0 + 3)).toMatchObject({ revokedAt: T0 + 2 });
    });

    it('decides joins in one step: joined, returned, taken, barred, board full', async () => {
      const board = await aBoard(store, null);
      const link = await aLink(store, board.id);
      const ana = aParticipant(board.id, link.id, { identityKey: 'ana|acme' });
      expect(await store.joinParticipant(ana, 3)).toEqual({ kind: 'joined', participant: ana });
      expect(await store.joinParticipant({ ...aParticipant(board.id, link.id), identityKey: 'ana|acme', browserKey: ana.browserKey }, 3)).toMatchObject({
        kind: 'returned',
        participant: { id: ana.id },
      });
      expect(await store.joinParticipant({ ...aParticipant(board.id, link.id), identityKey: 'ana|acme' }, 3)).toMatchObject({ kind: 'taken', holder: { id: ana.id } });
      const removed = await store.removeParticipants(board.id, [ana.id, ana.id, 'unknown'], T0 + 1, 'officer-1');
      expect(removed.map((person) => person.id)).toEqual([ana.id]);
      expect(await store.removeParticipants(board.id, [ana.id], T0 + 2, 'officer-1')).toEqual([]);
      expect(await store.isBarredFromBoard(board.id, { browserKey: ana.browserKey })).toBe(true);
      expect(await store.joinParticipant({ ...aParticipant(board.id, link.id), browserKey: ana.browserKey }, 3)).toEqual({ kind: 'barred' });
      expect(await store.letParticipantBackIn(board.id, ana.id, T0 + 3, 'officer-1')).toMatchObject({ id: ana.id, letBackInAt: T0 + 3, letBackInBy: 'officer-1' });
      expect(await store.isBarredFromBoard(board.id, { browserKey: ana.browserKey })).toBe(false);
      expect(await store.letParticipantBackIn(board.id, 'unknown', T0, 'officer-1')).toBeNull();
      expect(await store.joinParticipant(aParticipant(board.id, link.id), 3)).toMatchObject({ kind: 'joined' });
      expect(await store.joinParticipant(aParticipant(board.id, link.id), 2)).toEqual({ kind: 'board-full' });
      expect(await store.findParticipant(ana.id)).toMatchObject({ id: ana.id, removedAt: T0 + 1, removedBy: 'officer-1' });
      expect((await store.listParticipants(board.id)).map((person) => person.id)[0]).toBe(ana.id);
    });

    it('never lets two racing joins past the last place', async () => {
      const board = await aBoard(store, null);
      const link = await aLink(store, board.id);
      const outcomes = await Promise.all(Array.from({ length: 6 }, () => store.joinParticipant(aParticipant(board.id, link.id), 4)));
      expect(outcomes.filter((outcome) => outcome.kind === 'joined')).toHaveLength(4);
      expect(outcomes.filter((outcome) => outcome.kind === 'board-full')).toHaveLength(2);
      expect(await store.createParticipant(aParticipant(board.id, link.id), 4)).toBe(false);
      expect(await store.createParticipant(aParticipant(board.id, link.id), 5)).toBe(true);
    });
  });
}

/** Ids and records for the store contract suites: unique within a run, shaped like the app's own. */
import type { AccountRecord, BoardRecord, BoardsPort, InviteLinkRecord, InviteLinksPort, ParticipantRecord } from '../../server/store/store.js';

export const T0 = Date.parse('2026-03-02T09:00:00Z');
let sequence = 0;

export function contractId(prefix: string): string {
  sequence += 1;
  return `${prefix}${String(sequence).padStart(21 - prefix.length, '0')}`;
}

export function anAccount(email: string): AccountRecord {
  return { id: contractId('acct'), email, name: email.split('@')[0] ?? email, passwordHash: 'not-a-real-hash', createdAt: T0 };
}

export async function aBoard(store: BoardsPort, owner: AccountRecord | null, changes: Partial<BoardRecord> = {}): Promise<BoardRecord> {
  const board: BoardRecord = { id: contractId('brd'), title: 'Waste collection', summary: 's', notice: 'n', status: 'open', createdAt: T0, updatedAt: T0, ...changes };
  await store.createBoard(board, owner?.id ?? null);
  return board;
}

export async function aLink(store: InviteLinksPort, boardId: string, changes: Partial<InviteLinkRecord> = {}): Promise<InviteLinkRecord> {
  const link: InviteLinkRecord = {
    id: contractId('lnk'),
    boardId,
    role: 'participant',
    token: contractId('tok'),
    code: contractId('C-'),
    createdAt: T0,
    expiresAt: null,
    revokedAt: null,
    ...changes,
  };
  await store.createInviteLink(link);
  return link;
}

export function aParticipant(boardId: string, linkId: string, changes: Partial<ParticipantRecord> = {}): ParticipantRecord {
  const id = contractId('ppl');
  return {
    id,
    boardId,
    role: 'participant',
    name: `Person ${id}`,
    organisation: 'Acme Ltd',
    email: null,
    inviteLinkId: linkId,
    createdAt: T0,
    removedAt: null,
    identityKey: `key-${id}`,
    browserKey: `browser-${id}`,
    ...changes,
  };
}

/**
 * The store's port for a board's invite links (the join URLs and event codes officers hand out).
 * Contract: tests/contract/boardsParticipantsContract.ts.
 */
import type { InviteRole } from '../../../shared/protocol/api.js';

export interface InviteLinkRecord {
  id: string;
  boardId: string;
  role: InviteRole;
  /** The secret part of the join URL. Kept in full: officers show the link again and again. */
  token: string;
  /** Event code for participant links, e.g. `HKN-4821`. */
  code: string | null;
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
}

export interface InviteLinksPort {
  createInviteLink(link: InviteLinkRecord): Promise<void>;
  findInviteLinkByToken(token: string): Promise<InviteLinkRecord | null>;
  findInviteLinkByCode(code: string): Promise<InviteLinkRecord | null>;
  findInviteLink(boardId: string, linkId: string): Promise<InviteLinkRecord | null>;
  listInviteLinks(boardId: string): Promise<InviteLinkRecord[]>;
  revokeInviteLink(boardId: string, linkId: string, revokedAt: number): Promise<InviteLinkRecord | null>;
}

/**
 * The store's port for who runs a board: its officers, invitations to become one (made, accepted, declined,
 * withdrawn) and the officer audit. Contract: tests/contract/officerStoreContract.ts.
 */
import type { OfficerChangeAction } from '../../../shared/protocol/api.js';
import type { AccountRecord } from './accountsPort.js';

export interface OfficerInvitationRecord {
  id: string;
  tokenHash: string;
  boardId: string;
  email: string;
  invitedBy: string;
  createdAt: number;
  /** When it was accepted (it is single-use). */
  usedAt: number | null;
  /**
   * The account the email address had when the invitation was made, or null. Only that account sees it on
   * its dashboard; an invitation made before an account existed needs its link (it is never honoured by
   * email address alone).
   */
  inviteeAccountId: string | null;
  expiresAt: number;
  declinedAt: number | null;
  withdrawnAt: number | null;
}

/** A board's officer and when they became one. */
export interface BoardOfficerRecord {
  account: AccountRecord;
  addedAt: number;
}

/** Why an invitation could not be answered: it is no longer open, or not there (or not yours). */
export type OfficerInvitationRefusal = 'not-found' | 'accepted' | 'declined' | 'withdrawn' | 'expired';

/** Removing an officer: done, or why not. */
export type OfficerRemoval = 'removed' | 'not-officer' | 'last-officer' | 'actor-not-officer';

/** One change to who runs a board (the officer audit). `subject` is an account id or an invitation id, never a token. */
export interface OfficerChangeRecord {
  boardId: string;
  actorAccountId: string;
  action: OfficerChangeAction;
  subject: string;
  at: number;
}

export interface OfficersPort {
  addBoardOfficer(boardId: string, accountId: string, addedAt: number): Promise<void>;
  isBoardOfficer(boardId: string, accountId: string): Promise<boolean>;
  listBoardOfficers(boardId: string): Promise<AccountRecord[]>;
  /** The board's officers with when each was added, oldest first. */
  listBoardOfficersWithDates(boardId: string): Promise<BoardOfficerRecord[]>;
  /**
   * Removes an officer from a board (the actor removing themselves is leaving), never the last one: the
   * checks, the delete and the audit row are one transaction, so two officers removing each other at the
   * same moment leave one.
   */
  removeBoardOfficer(boardId: string, accountId: string, actorAccountId: string, at: number): Promise<OfficerRemoval>;
  /** The board's officer audit, oldest first. */
  listOfficerChanges(boardId: string): Promise<OfficerChangeRecord[]>;

  /** Stores the invitation and audits 'invited' (by `invitedBy`) in one transaction. */
  createOfficerInvitation(invitation: OfficerInvitationRecord): Promise<void>;
  findOfficerInvitationByTokenHash(tokenHash: string): Promise<OfficerInvitationRecord | null>;
  findOfficerInvitation(invitationId: string): Promise<OfficerInvitationRecord | null>;
  /** Invitations of the board still open at `now` (not accepted, declined, withdrawn or expired). */
  listOpenOfficerInvitations(boardId: string, now?: number): Promise<OfficerInvitationRecord[]>;
  /** Open invitations made to this existing account (its dashboard's "Invitations to you"). */
  listOfficerInvitationsForAccount(accountId: string, now: number): Promise<OfficerInvitationRecord[]>;
  /**
   * Creates the account and adds it to the board of THIS invitation only, marking it used and auditing
   * 'invitation-accepted', in one transaction. False when the invitation is no longer open at `usedAt`
   * or the email already has an account. Other invitations to the same email are left alone.
   */
  acceptOfficerInvitation(invitationId: string, account: AccountRecord, usedAt: number): Promise<boolean>;
  /**
   * An existing account accepts: adds it to the invitation's one board, marks the invitation used and audits,
   * in one transaction. Refused unless the invitation is open and its email is the account's.
   */
  acceptOfficerInvitationAsAccount(invitationId: string, accountId: string, at: number): Promise<'done' | OfficerInvitationRefusal>;
  /** The invited account says no: closes the invitation and audits, in one transaction. */
  declineOfficerInvitation(invitationId: string, accountId: string, at: number): Promise<'done' | OfficerInvitationRefusal>;
  /** An officer of the board withdraws an open invitation of that board, audited in the same transaction. */
  withdrawOfficerInvitation(boardId: string, invitationId: string, actorAccountId: string, at: number): Promise<'done' | OfficerInvitationRefusal>;
}

/**
 * Turning stored rows into records, shared by the SQLite and PostgreSQL stores: both name their columns
 * alike, and both may hand back numbers as strings or bigints (PostgreSQL's BIGINT), so every field is
 * converted explicitly. A value outside a closed set is a corrupted row and says so instead of guessing.
 */
import { isBoardPhase, type BoardPhase } from '../../shared/schema/briefMeta.js';
import { OFFICER_CHANGE_ACTIONS, type OfficerChangeAction } from '../../shared/protocol/api.js';
import { pipelineOf } from './pipelineColumn.js';
import type { AccountRecord, BoardPhaseRecord, BoardRecord, InviteLinkRecord, OfficerInvitationRecord, ParticipantRecord, SessionRecord } from './store.js';

export type Row = Record<string, unknown>;

export function nullableString(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

export function nullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

export function toAccount(row: Row | undefined): AccountRecord | null {
  if (!row) return null;
  return {
    id: String(row.id),
    email: String(row.email),
    name: String(row.name),
    passwordHash: String(row.password_hash),
    createdAt: Number(row.created_at),
  };
}

export function toBoard(row: Row | undefined): BoardRecord | null {
  if (!row) return null;
  return {
    id: String(row.id),
    title: String(row.title),
    summary: String(row.summary),
    notice: String(row.notice),
    status: row.status === 'archived' ? 'archived' : 'open',
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    requiresEmail: row.requires_email === 1 || row.requires_email === 1n,
    ...pipelineOf(row.pipeline_json),
  };
}

export function toOfficerInvitation(row: Row | undefined): OfficerInvitationRecord | null {
  if (!row) return null;
  return {
    id: String(row.id),
    tokenHash: String(row.token_hash),
    boardId: String(row.board_id),
    email: String(row.email),
    invitedBy: String(row.invited_by),
    createdAt: Number(row.created_at),
    usedAt: nullableNumber(row.used_at),
    inviteeAccountId: nullableString(row.invitee_account_id),
    expiresAt: Number(row.expires_at),
    declinedAt: nullableNumber(row.declined_at),
    withdrawnAt: nullableNumber(row.withdrawn_at),
  };
}

export function toOfficerChangeAction(value: unknown): OfficerChangeAction {
  const action = OFFICER_CHANGE_ACTIONS.find((known) => known === value);
  if (!action) throw new Error(`Unknown officer change action in the store: ${String(value)}`);
  return action;
}

export function toInviteLink(row: Row | undefined): InviteLinkRecord | null {
  if (!row) return null;
  return {
    id: String(row.id),
    boardId: String(row.board_id),
    role: row.role === 'observer' ? 'observer' : 'participant',
    token: String(row.token),
    code: nullableString(row.code),
    createdAt: Number(row.created_at),
    expiresAt: nullableNumber(row.expires_at),
    revokedAt: nullableNumber(row.revoked_at),
  };
}

/** A stored phase; anything else reads as 'open', as in the brief (`readPhase`). */
export function toPhase(value: unknown): BoardPhase {
  return isBoardPhase(value) ? value : 'open';
}

export function toBoardPhase(row: Row): BoardPhaseRecord {
  return {
    boardId: String(row.board_id),
    phase: row.phase === null ? null : toPhase(row.phase),
    opensAt: nullableNumber(row.opens_at),
    closesAt: nullableNumber(row.closes_at),
  };
}

export function toParticipant(row: Row | undefined): ParticipantRecord | null {
  if (!row) return null;
  return {
    id: String(row.id),
    boardId: String(row.board_id),
    role: row.role === 'observer' ? 'observer' : 'participant',
    name: String(row.name),
    organisation: String(row.organisation),
    email: nullableString(row.email),
    inviteLinkId: String(row.invite_link_id),
    createdAt: Number(row.created_at),
    removedAt: nullableNumber(row.removed_at),
    identityKey: nullableString(row.identity_key),
    browserKey: nullableString(row.browser_key),
    removedBy: nullableString(row.removed_by),
    letBackInAt: nullableNumber(row.let_back_in_at),
    letBackInBy: nullableString(row.let_back_in_by),
  };
}

export function toSession(row: Row | undefined): SessionRecord | null {
  if (!row) return null;
  return {
    tokenHash: String(row.token_hash),
    kind: row.kind as SessionRecord['kind'],
    accountId: nullableString(row.account_id),
    participantId: nullableString(row.participant_id),
    boardId: nullableString(row.board_id),
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
  };
}

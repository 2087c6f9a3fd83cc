import type {
  BoardView,
  CoOfficerView,
  InviteLinkStatus,
  InviteLinkView,
  OfficerInvitationView,
  OfficerView,
  SessionView,
} from '../../shared/protocol/api.js';
import type { Viewer } from '../auth/sessions.js';
import type { AccountRecord, BoardOfficerRecord, BoardRecord, InviteLinkRecord, OfficerInvitationRecord } from '../store/store.js';

/** Store records → the JSON shapes of shared/protocol/api.ts. Times become ISO strings. */

export function boardView(board: BoardRecord): BoardView {
  return {
    id: board.id,
    title: board.title,
    summary: board.summary,
    notice: board.notice,
    status: board.status,
    createdAt: new Date(board.createdAt).toISOString(),
    updatedAt: new Date(board.updatedAt).toISOString(),
    // Only when on, so the answer for every other board is unchanged.
    ...(board.requiresEmail === true ? { requiresEmail: true } : {}),
    ...(board.pipeline ? { pipeline: board.pipeline } : {}),
  };
}

export function officerView(account: AccountRecord): OfficerView {
  return { id: account.id, name: account.name, email: account.email };
}

/** For the board's own officers only: it shows the co-officer's email. */
export function coOfficerView(officer: BoardOfficerRecord): CoOfficerView {
  return { ...officerView(officer.account), addedAt: new Date(officer.addedAt).toISOString() };
}

/** An invitation as the inviting board sees it: never whether the address has an account. */
export function officerInvitationView(invitation: OfficerInvitationRecord, url: string | null): OfficerInvitationView {
  return {
    id: invitation.id,
    email: invitation.email,
    url,
    createdAt: new Date(invitation.createdAt).toISOString(),
    expiresAt: new Date(invitation.expiresAt).toISOString(),
  };
}

export function inviteLinkStatus(link: InviteLinkRecord, now: number): InviteLinkStatus {
  if (link.revokedAt !== null) return 'revoked';
  if (link.expiresAt !== null && link.expiresAt <= now) return 'expired';
  return 'active';
}

export function inviteLinkView(link: InviteLinkRecord, publicUrl: string, now: number): InviteLinkView {
  return {
    id: link.id,
    role: link.role,
    code: link.code,
    url: `${publicUrl}/join/${link.token}`,
    status: inviteLinkStatus(link, now),
    createdAt: new Date(link.createdAt).toISOString(),
    expiresAt: link.expiresAt === null ? null : new Date(link.expiresAt).toISOString(),
    revokedAt: link.revokedAt === null ? null : new Date(link.revokedAt).toISOString(),
  };
}

export function sessionView(viewer: Viewer | null): SessionView | null {
  if (!viewer) return null;
  if (viewer.kind === 'officer') {
    return { kind: 'officer', account: officerView(viewer.account) };
  }
  const { participant } = viewer;
  return {
    kind: viewer.kind,
    participant: {
      id: participant.id,
      name: participant.name,
      organisation: participant.organisation,
      boardId: participant.boardId,
    },
  };
}

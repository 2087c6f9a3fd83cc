import type { OfficerInvitationRecord } from './store.js';

export type OfficerInvitationState = 'open' | 'accepted' | 'declined' | 'withdrawn' | 'expired';

/** Where an invitation stands at `now`: it can be answered only while open (single-use, until it expires). */
export function officerInvitationState(invitation: OfficerInvitationRecord, now: number): OfficerInvitationState {
  if (invitation.usedAt !== null) return 'accepted';
  if (invitation.declinedAt !== null) return 'declined';
  if (invitation.withdrawnAt !== null) return 'withdrawn';
  if (invitation.expiresAt <= now) return 'expired';
  return 'open';
}

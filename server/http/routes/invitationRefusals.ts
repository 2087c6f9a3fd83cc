import { AppError } from '../../errors.js';
import type { OfficerInvitationRefusal } from '../../store/store.js';

/** A clear refusal for an invitation that can no longer be answered (single-use, expires, can be withdrawn). */
export function refuseUnanswerableInvitation(refusal: OfficerInvitationRefusal): never {
  switch (refusal) {
    case 'not-found':
      throw new AppError('not-found', 'This invitation is not valid.');
    case 'accepted':
      throw new AppError('link-used', 'This invitation has already been used. Sign in instead.');
    case 'declined':
      throw new AppError('link-used', 'This invitation was declined, so it cannot be used any more. Ask an officer of the board for a new one.');
    case 'withdrawn':
      throw new AppError('link-revoked', 'This invitation was withdrawn by an officer of the board.');
    case 'expired':
      throw new AppError('link-expired', 'This invitation has expired. Ask an officer of the board for a new one.');
  }
}

import { OFFICER_SESSION_TTL_MS, PARTICIPANT_SESSION_TTL_MS } from '../../shared/limits.js';
import type { AccountRecord, AccountsPort, InviteLinksPort, ParticipantRecord, ParticipantsPort } from '../store/store.js';
import { hashToken, newSecretToken } from './tokens.js';

/** Who is making a request, as the server knows them from their session. */
export type Viewer =
  | { kind: 'officer'; account: AccountRecord; tokenHash: string }
  | { kind: 'participant' | 'observer'; participant: ParticipantRecord; tokenHash: string };

/** A viewer as resolved from a live session: also when that session ends on its own (ms epoch). */
export type SessionViewer = Viewer & { readonly expiresAt: number };

export interface Sessions {
  /** Starts a session and returns the token for the cookie (only its hash is stored). */
  startForOfficer(account: AccountRecord): Promise<string>;
  startForParticipant(participant: ParticipantRecord): Promise<string>;
  /** The viewer behind a cookie token, or null when unknown, expired or removed. */
  resolve(token: string): Promise<SessionViewer | null>;
  /** Ends the session: it is deleted, and `onEnded` closes every socket it opened (sign-out, a new sign-in). */
  end(tokenHash: string): Promise<void>;
}

/**
 * `onEnded` runs after a session is deleted, so live connections it opened end too (the connection
 * registry's `endSession`); a session that expires on its own is ended by each connection's expiry timer.
 */
export function createSessions(
  // Sessions are the accounts port's; resolving one also checks the participant and their link still stand.
  store: AccountsPort & Pick<ParticipantsPort, 'findParticipant'> & Pick<InviteLinksPort, 'findInviteLink'>,
  now: () => number = Date.now,
  onEnded: (tokenHash: string) => void = () => {},
): Sessions {
  return {
    async startForOfficer(account) {
      const token = newSecretToken();
      const createdAt = now();
      await store.createSession({
        tokenHash: hashToken(token),
        kind: 'officer',
        accountId: account.id,
        participantId: null,
        boardId: null,
        createdAt,
        expiresAt: createdAt + OFFICER_SESSION_TTL_MS,
      });
      return token;
    },

    async startForParticipant(participant) {
      const token = newSecretToken();
      const createdAt = now();
      await store.createSession({
        tokenHash: hashToken(token),
        kind: participant.role === 'observer' ? 'observer' : 'participant',
        accountId: null,
        participantId: participant.id,
        boardId: participant.boardId,
        createdAt,
        expiresAt: createdAt + PARTICIPANT_SESSION_TTL_MS,
      });
      return token;
    },

    async resolve(token) {
      const tokenHash = hashToken(token);
      const session = await store.findSession(tokenHash);
      if (!session || session.expiresAt <= now()) return null;
      if (session.kind === 'officer') {
        const account = session.accountId ? await store.findAccountById(session.accountId) : null;
        return account ? { kind: 'officer', account, tokenHash, expiresAt: session.expiresAt } : null;
      }
      const participant = session.participantId ? await store.findParticipant(session.participantId) : null;
      if (!participant || participant.removedAt !== null) return null;
      // Revoking a link ends the access of everyone who joined through it.
      const link = await store.findInviteLink(participant.boardId, participant.inviteLinkId);
      if (!link || link.revokedAt !== null) return null;
      return { kind: session.kind, participant, tokenHash, expiresAt: session.expiresAt };
    },

    async end(tokenHash) {
      await store.deleteSession(tokenHash);
      onEnded(tokenHash);
    },
  };
}

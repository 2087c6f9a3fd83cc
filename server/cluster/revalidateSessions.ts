/**
 * After this instance was cut off from the other instances (a Redis outage), it may have missed a sign-out or
 * a removal made elsewhere. Every session holding a connection here is looked up again in the shared store;
 * connections of sessions that no longer resolve are ended, as the missed message would have done.
 */
import { CLOSE_CODES } from '../../shared/protocol/closeCodes.js';
import type { Logger } from '../log.js';
import type { ConnectionRegistry } from '../rooms/ConnectionRegistry.js';
import type { Store } from '../store/store.js';

export async function revalidateSessions(deps: { registry: ConnectionRegistry; store: Store; log: Logger; now: () => number }): Promise<number> {
  const { registry, store, log, now } = deps;
  let ended = 0;
  for (const tokenHash of registry.sessionHashes()) {
    try {
      if (await stillValid(store, tokenHash, now())) continue;
      ended += registry.endSession(tokenHash, CLOSE_CODES.unauthenticated.code, 'your session ended; sign in again');
    } catch (error) {
      // The store is unreachable too: keep the connection (it was admitted) and let the next check decide.
      log.warn({ err: error instanceof Error ? error.message : String(error) }, 'could not re-check a session after the redis outage');
    }
  }
  if (ended > 0) log.info({ ended }, 'ended connections of sessions that ended during the redis outage');
  return ended;
}

async function stillValid(store: Store, tokenHash: string, now: number): Promise<boolean> {
  const session = await store.findSession(tokenHash);
  if (!session || session.expiresAt <= now) return false;
  if (session.kind === 'officer') return session.accountId !== null && (await store.findAccountById(session.accountId)) !== null;
  const participant = session.participantId ? await store.findParticipant(session.participantId) : null;
  if (!participant || participant.removedAt !== null) return false;
  const link = await store.findInviteLink(participant.boardId, participant.inviteLinkId);
  return link !== null && link.revokedAt === null;
}

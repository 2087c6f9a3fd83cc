import { Router } from 'express';
import {
  inviteOfficerBody,
  type BoardOfficersResponse,
  type InviteOfficerResponse,
  type OfficerChangesResponse,
  type OfficerChangeView,
} from '../../../shared/protocol/api.js';
import { OFFICER_INVITATION_TTL_MS } from '../../../shared/limits.js';
import { hashToken, newId, newSecretToken } from '../../auth/tokens.js';
import { AppError } from '../../errors.js';
import type { OfficerChangeRecord, OfficerInvitationRecord, OfficerRemoval, Store } from '../../store/store.js';
import { officerBoardAccess } from '../access.js';
import { parseInput } from '../validate.js';
import { coOfficerView, officerInvitationView } from '../views.js';
import type { RouteDeps } from './deps.js';
import { idParam } from './params.js';
import { refuseUnanswerableInvitation } from './invitationRefusals.js';

/**
 * Co-owners, seen from the board: its officers list and remove each other (never the last one), invite
 * someone by email and withdraw an invitation, and read the audit of every such change.
 *
 * An invitation admits to this one board only. Inviting answers the same whether or not the address has an
 * account (so it cannot be used to find out who has one): a one-time link, shown once (only its hash is
 * stored), and for an existing account also a pending invitation on its dashboard. Nobody is added without
 * accepting.
 */
export function officerRoutes(deps: RouteDeps): Router {
  const { store, config, now } = deps;
  const router = Router();

  router.get('/boards/:boardId/officers', async (req, res) => {
    const { board } = await officerBoardAccess(store, res, idParam(req.params.boardId, 'board'));
    const body: BoardOfficersResponse = {
      officers: (await store.listBoardOfficersWithDates(board.id)).map(coOfficerView),
      invitations: (await store.listOpenOfficerInvitations(board.id, now())).map((invitation) =>
        officerInvitationView(invitation, null),
      ),
    };
    res.json(body);
  });

  router.post('/boards/:boardId/officers', async (req, res) => {
    const { board, accountId } = await officerBoardAccess(store, res, idParam(req.params.boardId, 'board'));
    const { email } = parseInput(inviteOfficerBody, req.body);
    // Both refusals are about this board only, which its officers can see anyway.
    const officers = await store.listBoardOfficersWithDates(board.id);
    if (officers.some((officer) => officer.account.email === email)) {
      throw new AppError('conflict', 'This person is already an officer of this board.', [
        { field: 'email', message: 'This person is already an officer of this board' },
      ]);
    }
    if ((await store.listOpenOfficerInvitations(board.id, now())).some((invitation) => invitation.email === email)) {
      throw new AppError('conflict', 'There is already an invitation waiting for this email address. Withdraw it to make a new link.', [
        { field: 'email', message: 'There is already an invitation waiting for this email address' },
      ]);
    }
    const existing = await store.findAccountByEmail(email);
    const token = newSecretToken();
    const createdAt = now();
    const invitation: OfficerInvitationRecord = {
      id: newId(),
      tokenHash: hashToken(token),
      boardId: board.id,
      email,
      invitedBy: accountId,
      createdAt,
      usedAt: null,
      inviteeAccountId: existing?.id ?? null,
      expiresAt: createdAt + OFFICER_INVITATION_TTL_MS,
      declinedAt: null,
      withdrawnAt: null,
    };
    await store.createOfficerInvitation(invitation);
    deps.log.info({ boardId: board.id, accountId, invitationId: invitation.id }, 'officer invited');
    const body: InviteOfficerResponse = {
      invitation: officerInvitationView(invitation, `${config.publicUrl}/officer-invitations/${token}`),
    };
    res.status(201).json(body);
  });

  router.post('/boards/:boardId/officer-invitations/:invitationId/withdraw', async (req, res) => {
    const { board, accountId } = await officerBoardAccess(store, res, idParam(req.params.boardId, 'board'));
    const invitationId = idParam(req.params.invitationId, 'invitation');
    const outcome = await store.withdrawOfficerInvitation(board.id, invitationId, accountId, now());
    if (outcome !== 'done') refuseUnanswerableInvitation(outcome);
    deps.log.info({ boardId: board.id, accountId, invitationId }, 'officer invitation withdrawn');
    res.json({ withdrawn: { id: invitationId } });
  });

  router.post('/boards/:boardId/officers/:accountId/remove', async (req, res) => {
    const { board, accountId } = await officerBoardAccess(store, res, idParam(req.params.boardId, 'board'));
    const removedId = idParam(req.params.accountId, 'officer');
    await removeOfficer(deps, board.id, removedId, accountId);
    res.json({ removed: { id: removedId } });
  });

  router.post('/boards/:boardId/leave', async (req, res) => {
    const { board, accountId } = await officerBoardAccess(store, res, idParam(req.params.boardId, 'board'));
    await removeOfficer(deps, board.id, accountId, accountId);
    res.json({ removed: { id: accountId } });
  });

  router.get('/boards/:boardId/audit', async (req, res) => {
    const { board } = await officerBoardAccess(store, res, idParam(req.params.boardId, 'board'));
    const changes = await store.listOfficerChanges(board.id);
    const body: OfficerChangesResponse = { changes: await Promise.all(changes.map((change) => changeView(store, change))) };
    res.json(body);
  });

  return router;
}

const REMOVAL_REFUSALS: Record<Exclude<OfficerRemoval, 'removed'>, () => AppError> = {
  'last-officer': () =>
    new AppError('conflict', 'A board must always have at least one officer. Add another officer before this one is removed or leaves.'),
  'not-officer': () => new AppError('not-found', 'This person is not an officer of this board.'),
  // The actor was removed between the access check and now (for example by the officer they tried to remove).
  'actor-not-officer': () => new AppError('not-found', 'There is no board here, or you do not have access to it.'),
};

/** Removes (or, for oneself, leaves) in one store transaction, then ends the removed officer's live connections. */
async function removeOfficer(deps: RouteDeps, boardId: string, removedId: string, actorId: string): Promise<void> {
  const outcome = await deps.store.removeBoardOfficer(boardId, removedId, actorId, deps.now());
  if (outcome !== 'removed') throw REMOVAL_REFUSALS[outcome]();
  deps.log.info({ boardId, accountId: actorId, removedAccountId: removedId }, removedId === actorId ? 'officer left board' : 'officer removed');
  deps.accessEvents.officerRemoved(boardId, removedId);
}

/** An audit row for people: names for accounts, the typed email for this board's own invitations. */
async function changeView(store: Store, change: OfficerChangeRecord): Promise<OfficerChangeView> {
  const actor = await store.findAccountById(change.actorAccountId);
  const isAboutInvitation = change.action !== 'officer-removed' && change.action !== 'officer-left';
  let subject: OfficerChangeView['subject'];
  if (isAboutInvitation) {
    const invitation = await store.findOfficerInvitation(change.subject);
    subject = { kind: 'invitation', id: change.subject, email: invitation?.boardId === change.boardId ? invitation.email : '' };
  } else {
    subject = { kind: 'account', id: change.subject, name: (await store.findAccountById(change.subject))?.name ?? '' };
  }
  return {
    action: change.action,
    actor: { id: change.actorAccountId, name: actor?.name ?? '' },
    subject,
    at: new Date(change.at).toISOString(),
  };
}

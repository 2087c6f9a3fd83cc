import { Router } from 'express';
import {
  acceptOfficerInvitationBody,
  type AcceptOfficerInvitationResponse,
  inviteOfficerBody,
  type BoardOfficersResponse,
  type InviteOfficerResponse,
  type OfficerInvitationInfoResponse,
} from '../../../shared/protocol/api.js';
import { OFFICER_SESSION_TTL_MS } from '../../../shared/limits.js';
import { hashPassword } from '../../auth/passwords.js';
import { hashToken, newId, newSecretToken } from '../../auth/tokens.js';
import { AppError } from '../../errors.js';
import type { AccountRecord, OfficerInvitationRecord } from '../../store/store.js';
import { officerBoardAccess } from '../access.js';
import { SESSION_COOKIE, sessionCookieOptions } from '../middleware/session.js';
import { parseInput } from '../validate.js';
import { officerView, sessionView } from '../views.js';
import type { RouteDeps } from './deps.js';
import { idParam, tokenParam } from './params.js';

/**
 * Co-owners. An officer with an account is added at once; someone new gets a one-time invitation link
 * (the officer sends it: the service sends no email yet). Only the token's hash is stored, so the link
 * is shown once, when it is made.
 */
export function officerRoutes(deps: RouteDeps): Router {
  const { store, sessions, config, now } = deps;
  const router = Router();

  router.get('/boards/:boardId/officers', async (req, res) => {
    const { board } = await officerBoardAccess(store, res, idParam(req.params.boardId, 'board'));
    const body: BoardOfficersResponse = {
      officers: (await store.listBoardOfficers(board.id)).map(officerView),
      invitations: (await store.listOpenOfficerInvitations(board.id)).map((invitation) => ({
        id: invitation.id,
        email: invitation.email,
        url: null,
        createdAt: new Date(invitation.createdAt).toISOString(),
      })),
    };
    res.json(body);
  });

  router.post('/boards/:boardId/officers', async (req, res) => {
    const { board, accountId } = await officerBoardAccess(store, res, idParam(req.params.boardId, 'board'));
    const { email } = parseInput(inviteOfficerBody, req.body);
    const existing = await store.findAccountByEmail(email);
    if (existing) {
      await store.addBoardOfficer(board.id, existing.id, now());
      const body: InviteOfficerResponse = { added: officerView(existing) };
      res.status(201).json(body);
      return;
    }
    const token = newSecretToken();
    const invitation: OfficerInvitationRecord = {
      id: newId(),
      tokenHash: hashToken(token),
      boardId: board.id,
      email,
      invitedBy: accountId,
      createdAt: now(),
      usedAt: null,
    };
    await store.createOfficerInvitation(invitation);
    const body: InviteOfficerResponse = {
      invitation: {
        id: invitation.id,
        email,
        url: `${config.publicUrl}/officer-invitations/${token}`,
        createdAt: new Date(invitation.createdAt).toISOString(),
      },
    };
    res.status(201).json(body);
  });

  async function openInvitation(token: string) {
    const invitation = await store.findOfficerInvitationByTokenHash(hashToken(tokenParam(token)));
    if (!invitation) throw new AppError('not-found', 'This invitation link is not valid.');
    if (invitation.usedAt !== null) throw new AppError('link-used', 'This invitation has already been used. Sign in instead.');
    return invitation;
  }

  router.get('/officer-invitations/:token', async (req, res) => {
    const invitation = await openInvitation(String(req.params.token));
    const board = await store.findBoard(invitation.boardId);
    const body: OfficerInvitationInfoResponse = { boardTitle: board?.title ?? '', email: invitation.email };
    res.json(body);
  });

  router.post('/officer-invitations/:token', async (req, res) => {
    const invitation = await openInvitation(String(req.params.token));
    const body = parseInput(acceptOfficerInvitationBody, req.body);
    if (await store.findAccountByEmail(invitation.email)) {
      throw new AppError('conflict', 'An account with this email address already exists. Sign in instead.');
    }
    const account: AccountRecord = {
      id: newId(),
      email: invitation.email,
      name: body.name,
      passwordHash: await hashPassword(body.password),
      createdAt: now(),
    };
    if (!(await store.acceptOfficerInvitation(invitation.id, account, now()))) {
      throw new AppError('link-used', 'This invitation has already been used. Sign in instead.');
    }
    const previous = res.locals.viewer;
    if (previous) await sessions.end(previous.tokenHash);
    const token = await sessions.startForOfficer(account);
    res.cookie(SESSION_COOKIE, token, sessionCookieOptions(config.isProduction, OFFICER_SESSION_TTL_MS));
    res.locals.viewer = await sessions.resolve(token);
    const response: AcceptOfficerInvitationResponse = { session: sessionView(res.locals.viewer), boardId: invitation.boardId };
    res.status(201).json(response);
  });

  return router;
}

import { Router, type Response } from 'express';
import {
  acceptOfficerInvitationBody,
  type AcceptOfficerInvitationResponse,
  type InvitationsToYouResponse,
  type OfficerInvitationInfoResponse,
} from '../../../shared/protocol/api.js';
import { OFFICER_SESSION_TTL_MS } from '../../../shared/limits.js';
import { hashPassword } from '../../auth/passwords.js';
import type { Viewer } from '../../auth/sessions.js';
import { hashToken, newId } from '../../auth/tokens.js';
import { AppError } from '../../errors.js';
import { officerInvitationState } from '../../store/officerInvitationState.js';
import type { AccountRecord, OfficerInvitationRecord } from '../../store/store.js';
import { requireOfficer, SESSION_COOKIE, sessionCookieOptions } from '../middleware/session.js';
import { parseInput } from '../validate.js';
import { sessionView } from '../views.js';
import type { RouteDeps } from './deps.js';
import { refuseUnanswerableInvitation } from './invitationRefusals.js';
import { idParam, tokenParam } from './params.js';

/**
 * Officer invitations from the invited person's side. Each admits to the one board that made it, once:
 * - a link, for someone new: creates their account and makes them an officer of that board only;
 * - the same link, opened while signed in with the invited address: accepts for that board;
 * - a pending invitation to an existing account, on its dashboard: accept or decline.
 * Signed in with another address, the link is refused: it was not made for that account.
 */
export function officerInvitationRoutes(deps: RouteDeps): Router {
  const { store, sessions, config, now } = deps;
  const router = Router();

  async function openInvitation(token: unknown, viewer: Viewer | null): Promise<OfficerInvitationRecord> {
    const invitation = await store.findOfficerInvitationByTokenHash(hashToken(tokenParam(token)));
    if (!invitation) refuseUnanswerableInvitation('not-found');
    const state = officerInvitationState(invitation, now());
    if (state !== 'open') refuseUnanswerableInvitation(state);
    if (viewer?.kind === 'officer' && viewer.account.email !== invitation.email) {
      throw new AppError(
        'forbidden',
        `This invitation was sent to a different email address from the one you are signed in with (${viewer.account.email}). Sign out, then open the link again.`,
      );
    }
    return invitation;
  }

  router.get('/officer-invitations/:token', async (req, res) => {
    const invitation = await openInvitation(req.params.token, res.locals.viewer);
    const board = await store.findBoard(invitation.boardId);
    const body: OfficerInvitationInfoResponse = {
      boardTitle: board?.title ?? '',
      email: invitation.email,
      expiresAt: new Date(invitation.expiresAt).toISOString(),
    };
    res.json(body);
  });

  router.post('/officer-invitations/:token', async (req, res) => {
    const viewer = res.locals.viewer;
    const invitation = await openInvitation(req.params.token, viewer);
    if (viewer?.kind === 'officer') {
      // Signed in with the invited address: holding the link and the account is the consent.
      const outcome = await store.acceptOfficerInvitationAsAccount(invitation.id, viewer.account.id, now());
      if (outcome !== 'done') refuseUnanswerableInvitation(outcome);
      deps.log.info({ boardId: invitation.boardId, accountId: viewer.account.id, invitationId: invitation.id }, 'officer invitation accepted');
      const response: AcceptOfficerInvitationResponse = { session: sessionView(viewer), boardId: invitation.boardId };
      res.json(response);
      return;
    }
    const body = parseInput(acceptOfficerInvitationBody, req.body);
    const accountExists = () =>
      new AppError('conflict', 'An account with this email address already exists. Sign in with it, then open this link again.');
    if (await store.findAccountByEmail(invitation.email)) throw accountExists();
    const account: AccountRecord = {
      id: newId(),
      email: invitation.email,
      name: body.name,
      passwordHash: await hashPassword(body.password),
      createdAt: now(),
    };
    if (!(await store.acceptOfficerInvitation(invitation.id, account, now()))) {
      // Someone got there first: the account was made meanwhile (another link), or this link was answered.
      if (await store.findAccountByEmail(invitation.email)) throw accountExists();
      const latest = await store.findOfficerInvitation(invitation.id);
      const state = latest ? officerInvitationState(latest, now()) : 'accepted';
      refuseUnanswerableInvitation(state === 'open' ? 'accepted' : state);
    }
    deps.log.info({ boardId: invitation.boardId, accountId: account.id, invitationId: invitation.id }, 'officer invitation accepted');
    await signInAsNewAccount(res, account);
    const response: AcceptOfficerInvitationResponse = { session: sessionView(res.locals.viewer), boardId: invitation.boardId };
    res.status(201).json(response);
  });

  async function signInAsNewAccount(res: Response, account: AccountRecord): Promise<void> {
    const previous = res.locals.viewer;
    if (previous) await sessions.end(previous.tokenHash);
    const token = await sessions.startForOfficer(account);
    res.cookie(SESSION_COOKIE, token, sessionCookieOptions(config.isProduction, OFFICER_SESSION_TTL_MS));
    res.locals.viewer = await sessions.resolve(token);
  }

  router.get('/my-invitations', async (_req, res) => {
    const officer = requireOfficer(res);
    const invitations = await store.listOfficerInvitationsForAccount(officer.account.id, now());
    const body: InvitationsToYouResponse = {
      invitations: await Promise.all(
        invitations.map(async (invitation) => ({
          id: invitation.id,
          boardTitle: (await store.findBoard(invitation.boardId))?.title ?? '',
          invitedByName: (await store.findAccountById(invitation.invitedBy))?.name ?? '',
          createdAt: new Date(invitation.createdAt).toISOString(),
          expiresAt: new Date(invitation.expiresAt).toISOString(),
        })),
      ),
    };
    res.json(body);
  });

  /** Only the account the invitation was made to may answer it from the dashboard. */
  async function invitationToMe(res: Response, invitationIdValue: unknown): Promise<{ invitation: OfficerInvitationRecord; accountId: string }> {
    const officer = requireOfficer(res);
    const invitation = await store.findOfficerInvitation(idParam(invitationIdValue, 'invitation'));
    if (!invitation || invitation.inviteeAccountId !== officer.account.id) refuseUnanswerableInvitation('not-found');
    return { invitation, accountId: officer.account.id };
  }

  router.post('/my-invitations/:invitationId/accept', async (req, res) => {
    const { invitation, accountId } = await invitationToMe(res, req.params.invitationId);
    const outcome = await store.acceptOfficerInvitationAsAccount(invitation.id, accountId, now());
    if (outcome !== 'done') refuseUnanswerableInvitation(outcome);
    deps.log.info({ boardId: invitation.boardId, accountId, invitationId: invitation.id }, 'officer invitation accepted');
    res.json({ boardId: invitation.boardId });
  });

  router.post('/my-invitations/:invitationId/decline', async (req, res) => {
    const { invitation, accountId } = await invitationToMe(res, req.params.invitationId);
    const outcome = await store.declineOfficerInvitation(invitation.id, accountId, now());
    if (outcome !== 'done') refuseUnanswerableInvitation(outcome);
    deps.log.info({ boardId: invitation.boardId, accountId, invitationId: invitation.id }, 'officer invitation declined');
    res.json({ declined: { id: invitation.id } });
  });

  return router;
}

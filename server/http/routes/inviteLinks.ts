import { Router } from 'express';
import QRCode from 'qrcode';
import { createInviteLinkBody, type InviteLinkListResponse, type InviteRole } from '../../../shared/protocol/api.js';
import { newEventCode, newId, newSecretToken } from '../../auth/tokens.js';
import { AppError } from '../../errors.js';
import type { InviteLinkRecord, InviteLinksPort } from '../../store/store.js';
import { officerBoardAccess } from '../access.js';
import { parseInput } from '../validate.js';
import { inviteLinkView } from '../views.js';
import type { RouteDeps } from './deps.js';
import { idParam } from './params.js';

/** Creates a link; participant links get an event code that no other link has. */
export async function createInviteLink(
  store: InviteLinksPort,
  boardId: string,
  role: InviteRole,
  expiresAt: number | null,
  createdAt: number,
): Promise<InviteLinkRecord> {
  let code: string | null = null;
  if (role === 'participant') {
    for (let attempt = 0; attempt < 20 && code === null; attempt += 1) {
      const candidate = newEventCode();
      if (!(await store.findInviteLinkByCode(candidate))) code = candidate;
    }
    if (code === null) throw new AppError('conflict', 'Could not find a free event code. Try again.');
  }
  const link: InviteLinkRecord = {
    id: newId(),
    boardId,
    role,
    token: newSecretToken(),
    code,
    createdAt,
    expiresAt,
    revokedAt: null,
  };
  await store.createInviteLink(link);
  return link;
}

/** Officers manage the links suppliers and observers join by, and show them as QR codes. */
export function inviteLinkRoutes(deps: RouteDeps): Router {
  const { store, config, now } = deps;
  const router = Router();

  router.get('/boards/:boardId/invite-links', async (req, res) => {
    const { board } = await officerBoardAccess(store, res, idParam(req.params.boardId, 'board'));
    const links = await store.listInviteLinks(board.id);
    const body: InviteLinkListResponse = { links: links.map((link) => inviteLinkView(link, config.publicUrl, now())) };
    res.json(body);
  });

  router.post('/boards/:boardId/invite-links', async (req, res) => {
    const { board } = await officerBoardAccess(store, res, idParam(req.params.boardId, 'board'));
    const body = parseInput(createInviteLinkBody, req.body);
    const expiresAt = body.expiresAt ? Date.parse(body.expiresAt) : null;
    const link = await createInviteLink(store, board.id, body.role, expiresAt, now());
    res.status(201).json({ link: inviteLinkView(link, config.publicUrl, now()) });
  });

  router.post('/boards/:boardId/invite-links/:linkId/revoke', async (req, res) => {
    const { board, accountId } = await officerBoardAccess(store, res, idParam(req.params.boardId, 'board'));
    const linkId = idParam(req.params.linkId, 'link');
    const link = await store.revokeInviteLink(board.id, linkId, now());
    if (!link) throw new AppError('not-found', 'There is no such invitation link on this board.');
    deps.log.info({ boardId: board.id, linkId, accountId }, 'invite link revoked');
    deps.accessEvents.inviteLinkRevoked(board.id, linkId);
    res.json({ link: inviteLinkView(link, config.publicUrl, now()) });
  });

  router.get('/boards/:boardId/invite-links/:linkId/qr.svg', async (req, res) => {
    const { board } = await officerBoardAccess(store, res, idParam(req.params.boardId, 'board'));
    const link = await store.findInviteLink(board.id, idParam(req.params.linkId, 'link'));
    if (!link) throw new AppError('not-found', 'There is no such invitation link on this board.');
    const svg = await QRCode.toString(inviteLinkView(link, config.publicUrl, now()).url, {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 2,
    });
    res.type('image/svg+xml').set('Cache-Control', 'private, no-store').send(svg);
  });

  return router;
}

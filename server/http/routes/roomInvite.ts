import { Router } from 'express';
import QRCode from 'qrcode';
import type { RoomInviteResponse } from '../../../shared/protocol/api.js';
import { AppError } from '../../errors.js';
import type { InviteLinkRecord } from '../../store/store.js';
import { boardAccess, type BoardAccess } from '../access.js';
import { inviteLinkView } from '../views.js';
import type { RouteDeps } from './deps.js';
import { idParam } from './params.js';

/**
 * The room screen (issue 14) shows how to join in its corner: the board's newest active participant link.
 * The screen in the hall is often a laptop joined with an observer link, so observers may read it as well
 * as officers: it is what the whole room sees on the projector. Participants have no need of it.
 */
export function roomInviteRoutes(deps: RouteDeps): Router {
  const { store, config, now } = deps;
  const router = Router();

  async function roomLink(access: BoardAccess): Promise<InviteLinkRecord | null> {
    if (access.role === 'participant') throw new AppError('forbidden', 'Only officers and the room screen can show the invitation.');
    const links = await store.listInviteLinks(access.board.id);
    const active = links.filter((link) => link.role === 'participant' && inviteLinkView(link, config.publicUrl, now()).status === 'active');
    // The newest (the store lists them newest first; on a tie of milliseconds, its first: either is a valid link).
    return active.reduce<InviteLinkRecord | null>((newest, link) => (newest === null || link.createdAt > newest.createdAt ? link : newest), null);
  }

  router.get('/boards/:boardId/room-invite', async (req, res) => {
    const access = await boardAccess(store, res, idParam(req.params.boardId, 'board'));
    const link = await roomLink(access);
    const body: RoomInviteResponse = {
      invite:
        link === null
          ? null
          : {
              code: link.code,
              url: inviteLinkView(link, config.publicUrl, now()).url,
              qrCodePath: `/api/boards/${encodeURIComponent(access.board.id)}/room-invite/qr.svg`,
            },
    };
    res.json(body);
  });

  router.get('/boards/:boardId/room-invite/qr.svg', async (req, res) => {
    const access = await boardAccess(store, res, idParam(req.params.boardId, 'board'));
    const link = await roomLink(access);
    if (link === null) throw new AppError('not-found', 'This board has no active invitation link for participants.');
    const svg = await QRCode.toString(inviteLinkView(link, config.publicUrl, now()).url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    res.type('image/svg+xml').set('Cache-Control', 'private, no-store').send(svg);
  });

  return router;
}
